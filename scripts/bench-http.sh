#!/usr/bin/env bash
# Decisions over HTTP against a running server with audit on: wrk on loopback, single decisions at
# several concurrency levels, then the batch endpoint. Prints one RESULT line per run.
#
#   scripts/bench-http.sh URL KEY IDS_FILE SECONDS "CONCURRENCY..." [BATCH_CONCURRENCY...]
#
# IDS_FILE holds subject ids, one a line; requests cycle over them with the actions of the example
# catalog the key may ask about.
set -euo pipefail
url=$1 key=$2 ids=$3 seconds=$4 levels=$5 batch_levels=${6:-"8 32"}
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
actions=(travel.air.ticket travel.rail.high_speed finance.loan lodging.star_hotel)
awk -v a="${actions[*]}" 'BEGIN{n=split(a,act," ")} {printf "{\"subject\":\"%s\",\"action\":\"%s\",\"purpose\":\"ticket sale\"}\n", $1, act[NR%n+1]}' "$ids" > "$work/single"
awk -v a="${actions[*]}" 'BEGIN{n=split(a,act," ")}
  {e[NR]=sprintf("{\"subject\":\"%s\",\"action\":\"%s\"}", $1, act[NR%n+1])}
  END{for (b=0; b<64; b++) {line="{\"purpose\":\"ticket sale\",\"requests\":["; for (i=1;i<=1000;i++) {k=(b*1000+i-1)%NR+1; line=line (i>1?",":"") e[k]} print line "]}"}}' "$ids" > "$work/batch"
for c in $levels; do
  t=$(( c < 2 ? 1 : 2 ))
  line=$(BODIES="$work/single" PATH_=/api/v1/decisions KEY="$key" wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 10s \
         -s "$here/bench-http.lua" "$url" | grep '^RESULT')
  echo "$line kind=single concurrency=$c decisions_per_request=1"
done
for c in $batch_levels; do
  t=$(( c < 2 ? 1 : 2 ))
  line=$(BODIES="$work/batch" PATH_=/api/v1/decisions/batch KEY="$key" wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 30s \
         -s "$here/bench-http.lua" "$url" | grep '^RESULT')
  echo "$line kind=batch concurrency=$c decisions_per_request=1000"
done
