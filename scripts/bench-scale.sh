#!/usr/bin/env bash
# Ingestion and start-up at scale: about 30 million records about 10 million subjects.
#
#   scripts/bench-scale.sh      about 10 minutes on 2 cores; needs about 15 GB of free disk under $TMPDIR
#
# 1. `credence generate --subjects $PERSONS --seed 7` (default 9,090,909 persons and 10% as many
#    organizations: about 18.7 M records about 10 M subjects) imported as ONE file into a new data
#    directory: records/s and peak RSS.
# 2. `credence generate --subjects $MORE_PERSONS --seed 8`: further records about the first of the
#    same subjects (ids depend on the index only; source references on the seed), about 11.3 M more,
#    imported into the same directory: about 30 M records in all.
# 3. Start-up, $RUNS times: `credence serve` on that directory until /health answers; peak RSS; the
#    hot index's bytes per subject, as the server states it.
# Writes bench/results/<time>-scale/ (report.md and the raw outputs). Not part of CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
. scripts/bench-lib.sh
credence_find_jdk
credence_maven_opts

: "${PERSONS:=9090909}" "${MORE_PERSONS:=5500000}" "${RUNS:=3}"
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-scale"
mkdir -p "$out"
java="$JAVA_HOME/bin/java"
log() { echo "bench-scale: $*" >&2; }

log "building"
./mvnw -B -q -ntp -DskipTests -pl cli -am install >&2
work=$(mktemp -d "${TMPDIR:-/tmp}/credence-scale.XXXXXX")
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/cli"
cp -r cli/target/credence-cli.jar cli/target/lib "$work/cli/"
credence() { "$java" --enable-native-access=ALL-UNNAMED -cp "$work/cli/credence-cli.jar:$work/cli/lib/*" org.credence.cli.Main "$@"; }

{
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "jdk: $("$java" -version 2>&1 | head -1); default GC and heap (G1, a quarter of memory)"
  echo "sizes: PERSONS=$PERSONS (seed 7), MORE_PERSONS=$MORE_PERSONS (seed 8), organizations 10% of each"
} > "$out/machine.txt"

data="$work/data"
credence catalog load catalogs/example-city.yaml --data "$data" > /dev/null

# Imports $1 (a generated file, removed afterwards for the disk's sake) with a RESULT line in $out/$2.txt.
import() {
  bench_import "$1" "$data" "$out/$2.txt"
  log "$(tail -1 "$out/$2.txt")"
  rm "$1"
}

log "generating $PERSONS persons (seed 7)"
credence generate --subjects "$PERSONS" --seed 7 --out "$work/first.ndjson" > "$out/generate-first.txt"
log "importing them as one file"
import "$work/first.ndjson" import-first
log "generating $MORE_PERSONS persons (seed 8): more records about the same subjects"
credence generate --subjects "$MORE_PERSONS" --seed 8 --out "$work/more.ndjson" > "$out/generate-more.txt"
log "importing them into the same directory"
import "$work/more.ndjson" import-more
du -sb "$data" > "$out/data-size.txt"

for run in $(seq 1 "$RUNS"); do
  log "start-up, run $run of $RUNS"
  bench_serve "$data" "$out/serve$run.log" "$out/health$run.json"
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
  index_b=$(grep -o '[0-9]* B per subject' "$out/serve$run.log" | cut -d' ' -f1)
  awk -v t="$startup_seconds" -v r="$rss_kb" -v i="$index_b" -v h="$(cat "$out/health$run.json")" \
    'BEGIN{printf "RESULT seconds=%.1f index_bytes_per_subject=%d peak_rss_kb=%d health=%s\n", t, i, r, h}' >> "$out/startup.txt"
  log "$(tail -1 "$out/startup.txt")"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
done

{
  echo "# Ingestion and start-up at scale ($(date -u +%Y-%m-%d))"
  echo
  sed 's/^/    /' "$out/machine.txt"
  echo
  echo "| part | figure |"
  echo "| --- | --- |"
  echo "| import of one file | $(grep RESULT "$out/import-first.txt") |"
  echo "| import into that store | $(grep RESULT "$out/import-more.txt") |"
  echo "| data directory | $(cut -f1 "$out/data-size.txt") bytes |"
  while read -r line; do echo "| start-up | $line |"; done < "$out/startup.txt"
} > "$out/report.md"
log "report: $out/report.md"
