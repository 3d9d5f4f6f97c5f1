#!/usr/bin/env bash
# run.sh: single decisions over HTTP/1.1 (wrk) and over HTTP/2 in clear text (h2load) against one server
# on a directory of 1 M persons' records (as scripts/bench.sh's full mode), with the bench-http.sh of
# the repository (run from its root). Output: http.txt, serve.log, run.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
java=$JAVA_HOME/bin/java
w=/tmp/h2run && rm -rf $w && mkdir -p $w/cli
cp -r cli/target/credence-cli.jar cli/target/lib $w/cli/
credence() { "$java" --enable-native-access=ALL-UNNAMED -cp "$w/cli/credence-cli.jar:$w/cli/lib/*" org.credence.cli.Main "$@"; }
credence catalog load catalogs/example-city.yaml --data $w/data > /dev/null
credence generate --subjects 1000000 --out $w/records.ndjson > /dev/null
credence import $w/records.ndjson --data $w/data | tail -1
key=$(credence keys create --data $w/data --role partner --name bench --scope travel.air.ticket,travel.rail.high_speed,finance.loan,lodging.star_hotel)
grep -o '"id":"[0-9A-Z]*"' $w/records.ndjson | cut -d'"' -f4 | awk '!seen[$0]++ && n++ < 200000' > $w/ids
shuf --random-source=<(yes) $w/ids -o $w/ids
port=18095
"$java" --enable-native-access=ALL-UNNAMED -cp "$w/cli/credence-cli.jar:$w/cli/lib/*" org.credence.cli.Main serve --data $w/data --port $port > "$here/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
until curl -sf http://127.0.0.1:$port/health > /dev/null; do sleep 0.1; done
SERVER_PID=$server H2C_LEVELS="${H2C_LEVELS:-1x16 1x64 2x64 2x128 4x128}" scripts/bench-http.sh http://127.0.0.1:$port "$key" $w/ids 15 "${LEVELS:-1 8 32 128}" " " | tee "$here/http.txt"
