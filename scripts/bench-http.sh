#!/usr/bin/env bash
# Decisions over HTTP against a running server with audit on: wrk on loopback, single decisions at
# several concurrency levels; then, with H2C_LEVELS set and h2load installed (Debian:
# nghttp2-client), single decisions over HTTP/2 in clear text, many streams a connection; then the
# batch endpoint. Prints one RESULT line per run.
#
#   [H2C_LEVELS="CONNECTIONSxSTREAMS..."] scripts/bench-http.sh URL KEY IDS_FILE SECONDS "CONCURRENCY..." [BATCH_CONCURRENCY...]
#
# IDS_FILE holds subject ids, one a line; requests cycle over them with the actions of the example
# catalog the key may ask about. h2load sends one body, so its decisions are all about the first id.
# With SERVER_PID set (the server's JVM), each RESULT line also says how many microseconds of the
# server's CPU a decision took, in all and by part (scripts/thread-cpu.sh): where a decision's cost
# goes, the same way in every run.
set -euo pipefail
url=$1 key=$2 ids=$3 seconds=$4 levels=$5 batch_levels=${6:-"8 32"}
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run PATH BODIES THREADS CONNECTIONS TIMEOUT DECISIONS_PER_REQUEST: one wrk run, its RESULT line
run() {
  [ -n "${SERVER_PID:-}" ] && "$here/thread-cpu.sh" "$SERVER_PID" > "$work/cpu-before"
  local line
  line=$(BODIES="$2" PATH_="$1" KEY="$key" wrk -t"$3" -c"$4" -d"${seconds}s" --timeout "$5" \
         -s "$here/bench-http.lua" "$url" | grep '^RESULT')
  if [ -n "${SERVER_PID:-}" ]; then
    "$here/thread-cpu.sh" "$SERVER_PID" > "$work/cpu-after"
    local decisions=$(( $(echo "$line" | grep -o 'requests=[0-9]*' | cut -d= -f2) * $6 ))
    line="$line $(cpu_split "$work/cpu-before" "$work/cpu-after" "$decisions")"
  fi
  echo "$line"
}

# h2c_run CONNECTIONS STREAMS: single decisions over HTTP/2 in clear text (h2load, one client thread),
# its RESULT line, with the latency percentiles of h2load's per-request log
h2c_run() {
  [ -n "${SERVER_PID:-}" ] && "$here/thread-cpu.sh" "$SERVER_PID" > "$work/cpu-before"
  # h2load appends to its log: each run starts a new one.
  rm -f "$work/h2c.tsv"
  h2c_load "$1" "$2" "$seconds" --log-file="$work/h2c.tsv" > "$work/h2c.out"
  local line
  if [ ! -s "$work/h2c.tsv" ]; then
    echo "bench-http: h2load answered nothing at $1 x $2:" >&2
    cat "$work/h2c.out" >&2
    return 1
  fi
  line=$(sort -n -k3 "$work/h2c.tsv" | awk -v out="$work/h2c.out" '
    { d[NR] = $3; if ($2 != 200) e++ }
    function at(p) { i = int(p * NR); return d[i < NR ? i + 1 : NR] / 1000 }
    END {
      # h2load says "finished in 15.00s, ..." (in ms below a second, which no level is)
      while ((getline l < out) > 0) if (sub(/^finished in /, "", l)) secs = l + 0
      if (secs == 0) exit 1
      printf "RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f errors=%d\n",
        NR, secs, NR / secs, at(0.5), at(0.99), at(0.999), e }') || return 1
  if [ -n "${SERVER_PID:-}" ]; then
    "$here/thread-cpu.sh" "$SERVER_PID" > "$work/cpu-after"
    line="$line $(cpu_split "$work/cpu-before" "$work/cpu-after" "$(echo "$line" | grep -o 'requests=[0-9]*' | cut -d= -f2)")"
  fi
  echo "$line"
}

# h2c_load CONNECTIONS STREAMS SECONDS [H2LOAD_OPTION...]: h2load's single decisions for SECONDS
h2c_load() {
  h2load -t1 -c"$1" -m"$2" -D "$3" "${@:4}" -d "$work/one" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' "$url/api/v1/decisions"
}

# cpu_split BEFORE AFTER DECISIONS: the server's CPU per decision between two samples, in microseconds
cpu_split() {
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" -f "$here/cpu-split.awk" "$1" "$2"
}
actions=(travel.air.ticket travel.rail.high_speed finance.loan lodging.star_hotel)
awk -v a="${actions[*]}" 'BEGIN{n=split(a,act," ")} {printf "{\"subject\":\"%s\",\"action\":\"%s\",\"purpose\":\"ticket sale\"}\n", $1, act[NR%n+1]}' "$ids" > "$work/single"
awk -v a="${actions[*]}" 'BEGIN{n=split(a,act," ")}
  {e[NR]=sprintf("{\"subject\":\"%s\",\"action\":\"%s\"}", $1, act[NR%n+1])}
  END{for (b=0; b<64; b++) {line="{\"purpose\":\"ticket sale\",\"requests\":["; for (i=1;i<=1000;i++) {k=(b*1000+i-1)%NR+1; line=line (i>1?",":"") e[k]} print line "]}"}}' "$ids" > "$work/batch"
head -1 "$work/single" > "$work/one"
# The server has just started, and its first seconds are the compiler's: each kind is warmed up
# unmeasured first, or the first level would measure the JIT. Rounds of WARMUP_SECONDS (10 unless
# set); with SERVER_PID, rounds go on until one in which the JIT took under 5% of the server's CPU, at
# most WARMUP_ROUNDS (6): on a slow machine one round left the compiler most of the first level.
warmup() {
  local seconds=${WARMUP_SECONDS:-10} rounds=0 share="?"
  [ "$seconds" -gt 0 ] || return 0
  while :; do
    [ -n "${SERVER_PID:-}" ] && "$here/thread-cpu.sh" "$SERVER_PID" > "$work/warm-before"
    BODIES="$2" PATH_="$1" KEY="$key" wrk -t2 -c8 -d"${seconds}s" --timeout 30s \
      -s "$here/bench-http.lua" "$url" > /dev/null
    rounds=$((rounds + 1))
    [ -n "${SERVER_PID:-}" ] || break
    "$here/thread-cpu.sh" "$SERVER_PID" > "$work/warm-after"
    share=$(awk 'FNR == NR { b[$1] = $2; next } $1 == "total" { t = $2 - b["total"]; next }
      $3 == "jit" { j += $2 - ($1 in b ? b[$1] : 0) } END { print (t > 0 ? int(100 * j / t) : 0) }' \
      "$work/warm-before" "$work/warm-after")
    if [ "$share" -lt 5 ] || [ "$rounds" -ge "${WARMUP_ROUNDS:-6}" ]; then
      break
    fi
  done
  echo "bench-http: $1 warmed up in $rounds round(s) of $seconds s; the JIT took $share% of the last" >&2
}
warmup /api/v1/decisions "$work/single"
for c in $levels; do
  t=$(( c < 2 ? 1 : 2 ))
  echo "$(run /api/v1/decisions "$work/single" "$t" "$c" 10s 1) kind=single concurrency=$c decisions_per_request=1"
done
if [ -n "${H2C_LEVELS:-}" ]; then
  if command -v h2load > /dev/null; then
    # The server's HTTP/2 code has not run yet: one round unmeasured (the JIT's share is in each line).
    [ "${WARMUP_SECONDS:-10}" -gt 0 ] && h2c_load 2 64 "${WARMUP_SECONDS:-10}" > /dev/null
    for level in $H2C_LEVELS; do
      c=${level%x*} m=${level#*x}
      # An assignment of its own, so that a level h2load could not measure ends the script.
      result=$(h2c_run "$c" "$m")
      echo "$result kind=h2c concurrency=$((c * m)) connections=$c streams=$m decisions_per_request=1"
    done
  else
    echo "bench-http: h2load not found (Debian: nghttp2-client); HTTP/2 levels skipped" >&2
  fi
fi
# Batches last: their millions of index rows a second keep the index's keeper busy catching up for
# a while after them, which would be charged to whatever is measured next.
if [ -n "${batch_levels// /}" ]; then
  warmup /api/v1/decisions/batch "$work/batch"
fi
for c in $batch_levels; do
  t=$(( c < 2 ? 1 : 2 ))
  echo "$(run /api/v1/decisions/batch "$work/batch" "$t" "$c" 30s 1000) kind=batch concurrency=$c decisions_per_request=1000"
done
