#!/usr/bin/env bash
# The benchmark suite, end to end, with a report: in-process decisions (JMH, -prof gc), the
# SQL-per-decision peer on SQLite (JMH) and on PostgreSQL (JMH, bench-peers, a throwaway server from
# Debian's postgresql package), the Drools DMN peer (JMH, bench-peers), NDJSON ingestion through
# the CLI, start-up of the server on the ingested data directory, and decisions over HTTP with
# audit on (wrk over HTTP/1.1, h2load over HTTP/2 in clear text). Writes bench/results/<time>/report.md and the raw outputs beside it, and the
# latency plot.
#
#   scripts/bench.sh            full run (about 15 minutes on 2 cores); sizes below, override by env
#   scripts/bench.sh --smoke    tiny sizes, a few seconds per part: checks the suite runs, measures nothing
#
# Needs wrk and postgresql (Debian: apt-get install wrk postgresql); h2load (nghttp2-client) for the
# HTTP/2 rows and gnuplot for the plot, if present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
. scripts/bench-lib.sh
credence_find_jdk
credence_maven_opts

if [ "${1:-}" = "--smoke" ]; then
  mode=smoke
  : "${SUBJECTS:=20000}" "${SQL_SUBJECTS:=20000}" "${PERSONS:=2000}" "${HTTP_PERSONS:=2000}" "${HTTP_SECONDS:=2}" "${LEVELS:=4 16}" "${BATCH_LEVELS:=2}" "${H2C_LEVELS:=1x4}"
  export WARMUP_SECONDS=${WARMUP_SECONDS:-1}
  export WARMUP_ROUNDS=${WARMUP_ROUNDS:-1}
  jmh=(-wi 1 -w 1s -i 1 -r 1s)
else
  mode=full
  : "${SUBJECTS:=10000000}" "${SQL_SUBJECTS:=10000000}" "${PERSONS:=1000000}" "${HTTP_PERSONS:=1000000}" "${HTTP_SECONDS:=15}" "${LEVELS:=1 8 32 128 512}" "${BATCH_LEVELS:=2 8 32}" "${H2C_LEVELS:=1x16 1x64 2x64 2x128 4x128}"
  jmh=()
fi
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$mode"
mkdir -p "$out"
java="$JAVA_HOME/bin/java"
log() { echo "bench: $*" >&2; }

log "building"
./mvnw -B -q -ntp -DskipTests -pl bench,bench-peers,cli -am install >&2
./mvnw -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
# On its own, so that credence-bench comes as the jar just installed, not as bench/target/classes.
./mvnw -B -q -ntp -pl bench-peers dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
# Private copies of what runs: other work in this tree may rebuild target/ while the suite runs.
work=$(mktemp -d "${TMPDIR:-/tmp}/credence-bench.XXXXXX")
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/cli"
cp -r bench/target/classes "$work/bench-classes"
cp -r bench-peers/target/classes "$work/peers-classes"
cp -r cli/target/credence-cli.jar cli/target/lib "$work/cli/"
cp="$work/bench-classes:$(cat bench/target/classpath.txt)"
# bench-peers reads bench's population from the credence-bench jar; it too gets a private copy.
bench_jar=$(tr ':' '\n' < bench-peers/target/classpath.txt | grep '/credence-bench-[^/]*\.jar$')
cp "$bench_jar" "$work/credence-bench.jar"
peers_cp="$work/peers-classes:$(tr ':' '\n' < bench-peers/target/classpath.txt | sed "s#^$bench_jar\$#$work/credence-bench.jar#" | paste -sd:)"
credence() { "$java" --enable-native-access=ALL-UNNAMED -cp "$work/cli/credence-cli.jar:$work/cli/lib/*" org.credence.cli.Main "$@"; }

{
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "jdk: $("$java" -version 2>&1 | head -1)"
  echo "gc: $("$java" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$4=="true" && /Use(G1|Serial|Parallel|Z|Shenandoah)GC /{print $2}')"
  echo "mode: $mode; subjects (in-process) $SUBJECTS; subjects (SQL peer) $SQL_SUBJECTS; persons generated for ingestion $PERSONS"
} > "$out/machine.txt"

if [ -n "${JMH_RESULTS:-}" ]; then
  # Re-use the JMH part of an earlier run (its directory), e.g. when only the end-to-end parts are redone.
  cp "$JMH_RESULTS"/{decision,sql}.{json,txt} "$out/"
  cp "$JMH_RESULTS"/drools.{json,txt} "$out/" 2>/dev/null || log "no Drools DMN figures in $JMH_RESULTS"
  cp "$JMH_RESULTS"/postgres.{json,txt} "$out/" 2>/dev/null || log "no PostgreSQL peer figures in $JMH_RESULTS"
else
  log "in-process decisions, $SUBJECTS subjects"
  "$java" -cp "$cp" org.openjdk.jmh.Main '\.DecisionBenchmark\.' -p subjects="$SUBJECTS" -prof gc "${jmh[@]}" \
    -rf json -rff "$out/decision.json" > "$out/decision.txt"
  log "SQL per decision, $SQL_SUBJECTS subjects"
  "$java" -cp "$cp" org.openjdk.jmh.Main '\.SqlPerDecisionBenchmark\.' -p subjects="$SQL_SUBJECTS" "${jmh[@]}" \
    -rf json -rff "$out/sql.json" > "$out/sql.txt"
  log "SQL per decision on PostgreSQL, $SQL_SUBJECTS subjects"
  "$java" -cp "$peers_cp" org.openjdk.jmh.Main '\.PostgresPerDecisionBenchmark\.' -p subjects="$SQL_SUBJECTS" "${jmh[@]}" \
    -rf json -rff "$out/postgres.json" > "$out/postgres.txt"
  # Same population and lookups as DecisionBenchmark; its own longer warm-up is in the class.
  log "Drools DMN peer, $SUBJECTS subjects"
  "$java" -cp "$peers_cp" org.openjdk.jmh.Main '\.DroolsDmnBenchmark\.' -p subjects="$SUBJECTS" -prof gc "${jmh[@]}" \
    -rf json -rff "$out/drools.json" > "$out/drools.txt"
fi

log "ingestion: generate $PERSONS persons (+10% organizations) and import"
data="$work/data"
credence catalog load catalogs/example-city.yaml --data "$data" > /dev/null
credence generate --subjects "$PERSONS" --out "$work/records.ndjson" > /dev/null
bench_import "$work/records.ndjson" "$data" "$out/import.txt"

log "start-up on the ingested data directory"
key=$(credence keys create --data "$data" --role partner --name bench \
  --scope travel.air.ticket,travel.rail.high_speed,finance.loan,lodging.star_hotel)
bench_serve "$data" "$out/serve.log" "$out/health.json"
jpid=$server
subjects=$(sed -E 's/.*"subjects":([0-9]+).*/\1/' "$out/health.json")
"$JAVA_HOME/bin/jcmd" "$jpid" GC.run > /dev/null
heap_kb=$("$JAVA_HOME/bin/jcmd" "$jpid" GC.heap_info | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); print v; exit}}')
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
# The server states the hot index's own size when it starts serving.
index_b=$(grep -o '[0-9]* B per subject' "$out/serve.log" | cut -d' ' -f1)
awk -v t="$startup_seconds" -v n="$subjects" -v h="$heap_kb" -v r="$rss_kb" -v i="$index_b" \
  'BEGIN{printf "RESULT seconds=%.2f subjects=%d index_bytes_per_subject=%d heap_used_after_gc_kb=%d heap_bytes_per_subject=%.0f peak_rss_kb=%d\n", t, n, i, h, h*1024/n, r}' \
  > "$out/startup.txt"
cat "$out/health.json" >> "$out/startup.txt"

log "decisions over HTTP"
# Ids asked about: every subject that has records, and as many clean (valid, unknown) ids.
# (awk, not head: with pipefail, head closing the pipe early would end the script.)
grep -o '"id":"[0-9A-Z]*"' "$work/records.ndjson" | cut -d'"' -f4 | awk '!seen[$0]++ && n++ < 200000' > "$work/ids"
"$java" -cp "$cp" org.credence.bench.CleanIds "$(wc -l < "$work/ids")" >> "$work/ids"
shuf --random-source=<(yes) "$work/ids" -o "$work/ids"
SERVER_PID="$server" H2C_LEVELS="$H2C_LEVELS" scripts/bench-http.sh "http://127.0.0.1:$port" "$key" "$work/ids" "$HTTP_SECONDS" "$LEVELS" "$BATCH_LEVELS" | tee "$out/http.txt" >&2
log "ingestion over HTTP (bulk endpoint), into the same running server"
agency=$(credence keys create --data "$data" --role agency --name bench-agency)
# Other seeds: other source references, so every record is new to the store.
# One batch in flight, then two, so that one is parsed while the other is stored; each file is long
# enough (2 M records at the full size) that the compiler's warm-up is a small part of it.
for c in 1 2; do
  credence generate --subjects "$HTTP_PERSONS" --seed $((c + 1)) --out "$work/http-records.ndjson" > /dev/null
  scripts/bench-ingest-http.sh "http://127.0.0.1:$port" "$agency" "$work/http-records.ndjson" 10000 $c | tee -a "$out/ingest-http.txt" >&2
done
kill "$server"; wait "$server" 2>/dev/null || true; server=""

field() { grep -o "$1=[0-9.]*" | head -1 | cut -d= -f2; }
{
  echo "# Credence benchmark report ($mode)"
  echo
  sed 's/^/- /' "$out/machine.txt"
  echo "- command: scripts/bench.sh${1:+ $1}"
  echo
  echo "| part | figure |"
  echo "| --- | --- |"
  dec=$(jq -r '.[0].primaryMetric.score' "$out/decision.json")
  alloc=$(jq -r '.[0].secondaryMetrics["gc.alloc.rate.norm"].score' "$out/decision.json")
  sql=$(jq -r '.[0].primaryMetric.score' "$out/sql.json")
  printf '| in-process decide, %s subjects | %.1f ns/op = %.2f M decisions/s per core; %.3f B/op allocated |\n' "$SUBJECTS" "$dec" "$(awk -v d="$dec" 'BEGIN{print 1000/d}')" "$alloc"
  printf '| SQL per decision (SQLite), %s subjects | %.0f ns/op = %.0f decisions/s; in-process is %.0fx faster |\n' "$SQL_SUBJECTS" "$sql" "$(awk -v d="$sql" 'BEGIN{print 1e9/d}')" "$(awk -v a="$sql" -v b="$dec" 'BEGIN{print a/b}')"
  if [ -f "$out/postgres.json" ]; then
    pg=$(jq -r '.[0].primaryMetric.score' "$out/postgres.json")
    printf '| SQL per decision (PostgreSQL %s, loopback TCP), %s subjects | %.0f ns/op = %.0f decisions/s; in-process is %.0fx faster |\n' "$(grep -o -m1 'peer server: PostgreSQL [0-9.]*' "$out/postgres.txt" | cut -d' ' -f4)" "$SQL_SUBJECTS" "$pg" "$(awk -v d="$pg" 'BEGIN{print 1e9/d}')" "$(awk -v a="$pg" -v b="$dec" 'BEGIN{print a/b}')"
  fi
  if [ -f "$out/drools.json" ]; then
    drools=$(jq -r '.[0].primaryMetric.score' "$out/drools.json")
    printf '| Drools DMN peer (status precomputed), %s subjects | %.0f ns/op = %.0f decisions/s; in-process is %.1fx faster |\n' "$SUBJECTS" "$drools" "$(awk -v d="$drools" 'BEGIN{print 1e9/d}')" "$(awk -v a="$drools" -v b="$dec" 'BEGIN{print a/b}')"
  fi
  imp=$(grep RESULT "$out/import.txt")
  echo "| NDJSON import (parse, validate, durable store, index, audit) | $(echo "$imp" | field records) records in $(echo "$imp" | field seconds) s = $(echo "$imp" | field records_per_s) records/s; peak RSS $(( $(field peak_rss_kb < "$out/import.txt") / 1024 )) MiB |"
  while read -r ih; do
    echo "| HTTP bulk ingestion (POST /api/v1/records/bulk, 10,000 a request, $(echo "$ih" | field concurrency) in flight) | $(echo "$ih" | field records) records in $(echo "$ih" | field seconds) s = $(echo "$ih" | field records_per_s) records/s |"
  done < <(grep RESULT "$out/ingest-http.txt")
  st=$(grep RESULT "$out/startup.txt")
  echo "| start-up to serving | $(echo "$st" | field seconds) s for $(echo "$st" | field subjects) subjects; hot index $(echo "$st" | field index_bytes_per_subject) B/subject; heap after GC $(( $(echo "$st" | field heap_used_after_gc_kb) / 1024 )) MiB = $(echo "$st" | field heap_bytes_per_subject) B/subject (whole heap); peak RSS $(( $(echo "$st" | field peak_rss_kb) / 1024 )) MiB |"
  echo
  echo "HTTP, audit on (wrk over HTTP/1.1 and h2load over HTTP/2 in clear text, h2c, on loopback, same 2 cores as the server;"
  echo "an h2c level is connections × streams a connection, and every one of its decisions is about the same subject):"
  echo
  echo "Server CPU per decision, in µs: all of it, then the audit writer / the audit index's keeper / the HTTP carriers /"
  echo "the collector / the JIT / the rest (scripts/thread-cpu.sh, sampled before and after each run)."
  echo
  echo "| endpoint | in flight (connections, or connections × streams) | requests/s | decisions/s | p50 ms | p99 ms | p99.9 ms | errors | CPU µs/decision | writer / keeper / HTTP / GC / JIT / rest |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  while read -r line; do
    per=$(echo "$line" | field decisions_per_request)
    rps=$(echo "$line" | field rps)
    kind=$(echo "$line" | grep -o 'kind=[a-z0-9]*' | cut -d= -f2)
    level=$(echo "$line" | field concurrency)
    [ "$kind" = h2c ] && level="$(echo "$line" | field connections) × $(echo "$line" | field streams)"
    echo "| $kind | $level | $rps | $(( ${rps%.*} * per )) | $(echo "$line" | field p50_ms) | $(echo "$line" | field p99_ms) | $(echo "$line" | field p999_ms) | $(echo "$line" | field errors) | $(echo "$line" | field cpu_us) | $(for p in writer keeper http gc jit other; do echo "$line" | field "cpu_us_$p"; done | paste -sd/ | sed 's#/# / #g') |"
  done < "$out/http.txt"
} > "$out/report.md"
scripts/bench-plot.sh "$out"
log "report: $out/report.md"
cat "$out/report.md"
