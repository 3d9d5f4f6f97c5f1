# Sourced by the benchmark scripts, which set $java and keep a private copy of the CLI in $work/cli.

# bench_import FILE DATA OUT
# Imports FILE into DATA with `credence import`, timed from the java command to its exit; writes the
# command's output to OUT and ends it with a RESULT line: records, seconds, records/s, peak RSS.
bench_import() {
  local file=$1 data=$2 out=$3 records start end
  records=$(wc -l < "$file")
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out.rss" "$java" --enable-native-access=ALL-UNNAMED \
    -cp "$work/cli/credence-cli.jar:$work/cli/lib/*" org.credence.cli.Main import "$file" --data "$data" > "$out"
  end=$(date +%s.%N)
  awk -v n="$records" -v s="$start" -v e="$end" -v r="$(cat "$out.rss")" \
    'BEGIN{printf "RESULT records=%d seconds=%.2f records_per_s=%.0f peak_rss_kb=%d\n", n, e-s, n/(e-s), r}' >> "$out"
  rm "$out.rss"
}

# bench_serve DATA LOG HEALTH
# Starts `credence serve` on DATA (its output to LOG) and waits until /health answers (the answer to
# HEALTH); sets server (its pid), port, and startup_seconds, from the java command to that answer.
bench_serve() {
  local data=$1 log=$2 health=$3 start end
  port=$(( 20000 + RANDOM % 20000 ))
  start=$(date +%s.%N)
  "$java" --enable-native-access=ALL-UNNAMED -cp "$work/cli/credence-cli.jar:$work/cli/lib/*" org.credence.cli.Main \
    serve --data "$data" --port "$port" > "$log" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/health" > "$health" 2>/dev/null; do sleep 0.05; done
  end=$(date +%s.%N)
  startup_seconds=$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.2f", e-s}')
}
