#!/usr/bin/env bash
# run.sh OLD_CLI NEW_CLI ROUNDS: single decisions over HTTP/1.1 (wrk) and HTTP/2 in clear text (h2load)
# against the server of each build in turn (ROUNDS times, alternated), each on a fresh copy of one
# directory of 1 M persons' records (as scripts/bench.sh's full mode), with the bench-http.sh of the
# repository (run from its root). OLD_CLI and NEW_CLI are cli/target directories of the two builds.
# Output: http-<build>-<round>.txt, serve-<build>-<round>.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
java=$JAVA_HOME/bin/java
old=$1 new=$2 rounds=${3:-2}
w=/tmp/dhrun && rm -rf $w && mkdir -p $w
credence() { "$java" --enable-native-access=ALL-UNNAMED -cp "$new/credence-cli.jar:$new/lib/*" org.credence.cli.Main "$@"; }
credence catalog load catalogs/example-city.yaml --data $w/data > /dev/null
credence generate --subjects 1000000 --out $w/records.ndjson > /dev/null
credence import $w/records.ndjson --data $w/data | tail -1
key=$(credence keys create --data $w/data --role partner --name bench --scope travel.air.ticket,travel.rail.high_speed,finance.loan,lodging.star_hotel)
grep -o '"id":"[0-9A-Z]*"' $w/records.ndjson | cut -d'"' -f4 | awk '!seen[$0]++ && n++ < 200000' > $w/ids
shuf --random-source=<(yes) $w/ids -o $w/ids
port=18095
for round in $(seq 1 "$rounds"); do
  for build in old new; do
    cli=$old; [ $build = new ] && cli=$new
    rm -rf $w/run && cp -r $w/data $w/run
    "$java" --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main serve --data $w/run --port $port > "$here/serve-$build-$round.log" 2>&1 &
    server=$!
    until curl -sf http://127.0.0.1:$port/health > /dev/null; do sleep 0.1; done
    SERVER_PID=$server H2C_LEVELS="${H2C_LEVELS:-2x64 4x128}" scripts/bench-http.sh http://127.0.0.1:$port "$key" $w/ids 15 "${LEVELS:-1 32 128}" " " > "$here/http-$build-$round.txt"
    kill $server; wait $server 2>/dev/null || true
  done
done
