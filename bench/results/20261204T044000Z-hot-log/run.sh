#!/usr/bin/env bash
# run.sh OLD_CLI_DIR NEW_CLI_DIR: a subject's access log when the subject is in millions of decisions,
# on two builds (each DIR holds credence-cli.jar and lib/, copied from cli/target). Run from the
# repository's root; needs h2load (nghttp2-client). The figures in timings.txt were taken the same way
# on a directory whose hot subject's 4.9 M decisions came from the h2c runs of the seventeenth round.
set -euo pipefail
old=$1 new=$2
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
w=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$w"' EXIT
cli() { "$java" --enable-native-access=ALL-UNNAMED -cp "$1/credence-cli.jar:$1/lib/*" org.credence.cli.Main "${@:2}"; }
serve() {
  # java itself in the background, not the function: $! is then the server, which kill stops.
  "$java" --enable-native-access=ALL-UNNAMED -cp "$1/credence-cli.jar:$1/lib/*" org.credence.cli.Main \
    serve --data "$w/data" --port 18102 > "$w/serve.log" 2>&1 &
  server=$!
  until curl -sf http://127.0.0.1:18102/health > /dev/null; do sleep 0.2; done
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
cli "$new" catalog load catalogs/example-city.yaml --data "$w/data" > /dev/null
cli "$new" generate --subjects 200000 --out "$w/records.ndjson" > /dev/null
cli "$new" import "$w/records.ndjson" --data "$w/data" > /dev/null
partner=$(cli "$new" keys create --data "$w/data" --role partner --name p --scope travel.air.ticket)
auditor=$(cli "$new" keys create --data "$w/data" --role auditor --name a)
hot=110105195001010004
other=$(grep -o '"id":"[0-9X]*"' "$w/records.ndjson" | cut -d'"' -f4 | sed -n 5p)
printf '{"subject":"%s","action":"travel.air.ticket","purpose":"ticket sale"}' "$hot" > "$w/one.json"
serve "$new"
h2load -t1 -c4 -m128 -n 5000000 -d "$w/one.json" -H "Authorization: Bearer $partner" \
  -H 'Content-Type: application/json' http://127.0.0.1:18102/api/v1/decisions | grep -E '^(finished|status)'
curl -sf -H "Authorization: Bearer $partner" -H 'Content-Type: application/json' -d @"$w/one.json" http://127.0.0.1:18102/api/v1/decisions > /dev/null
# Two minutes for the keeper to fold the tail into runs, as a quiet server would by then.
sleep 120
stop
for round in 1 2; do
  for build in old new; do
    serve "${!build}"
    for i in 1 2 3; do
      curl -s -o "$w/$build.json" -w "$build hot %{http_code} %{time_total}s %{size_download}B\n" \
        -H "Authorization: Bearer $auditor" "http://127.0.0.1:18102/api/v1/subjects/$hot/access-log"
    done
    curl -s -o "$w/$build-other.json" -w "$build other %{http_code} %{time_total}s %{size_download}B\n" \
      -H "Authorization: Bearer $auditor" "http://127.0.0.1:18102/api/v1/subjects/$other/access-log"
    stop
  done
done
# Compared as JSON: the answer's two members come in either order from one start to the next.
for pair in "old.json new.json" "old-other.json new-other.json"; do
  set -- $pair
  python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$w/$1" "$w/$2" \
    && echo "$1 and $2: the same answer" || echo "$1 and $2: different answers"
done
