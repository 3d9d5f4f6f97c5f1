#!/usr/bin/env bash
# Ingestion over HTTP against a running server: an NDJSON file cut into batches of LINES records,
# each posted to POST /api/v1/records/bulk (all or nothing per batch, one audit entry per record),
# CONCURRENCY batches in flight at once. Every batch must be answered 200; the rate counts records
# the server reported stored or already present, over the wall time of all posts. Prints one RESULT line.
#
#   scripts/bench-ingest-http.sh URL KEY FILE [LINES] [CONCURRENCY]
#
# KEY is an agency key (`credence keys create --data DIR --role agency --name NAME`). A server takes one
# batch at a time into its store, so concurrency beyond 2 only queues; it is there to show that.
set -euo pipefail
url=$1 key=$2 file=$3 lines=${4:-10000} concurrency=${5:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
split -l "$lines" -d -a 6 "$file" "$work/batch."
printf '%s\n' "$work"/batch.* > "$work/list"
batches=$(wc -l < "$work/list")
post() {
  local body=$1
  local status
  status=$(curl -sS -o "$body.out" -w '%{http_code}' -H "Authorization: Bearer $KEY" \
                -H 'Content-Type: application/x-ndjson' --data-binary "@$body" "$URL/api/v1/records/bulk")
  if [ "$status" != 200 ]; then
    echo "$body: HTTP $status: $(head -c 300 "$body.out")" >&2
    exit 255  # xargs stops at the first rejected batch
  fi
}
export -f post
export KEY="$key" URL="$url"
start=$(date +%s.%N)
xargs -P "$concurrency" -I{} bash -c 'post "$@"' _ {} < "$work/list"
end=$(date +%s.%N)
received=$(cat "$work"/batch.*.out | grep -o '"received":[0-9]*' | cut -d: -f2 | paste -sd+ | bc)
stored=$(cat "$work"/batch.*.out | grep -o '"stored":[0-9]*' | cut -d: -f2 | paste -sd+ | bc)
awk -v r="$received" -v s="$stored" -v b="$batches" -v l="$lines" -v c="$concurrency" -v t0="$start" -v t1="$end" 'BEGIN {
  printf "RESULT records=%d stored=%d batches=%d lines_per_batch=%d concurrency=%d seconds=%.2f records_per_s=%.0f\n",
         r, s, b, l, c, t1 - t0, r / (t1 - t0) }'
