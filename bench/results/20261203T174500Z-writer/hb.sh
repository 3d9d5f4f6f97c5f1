#!/usr/bin/env bash
# hb.sh CLI CONC: server of CLI on a new data dir with the catalog, 2M records posted in 10k batches at CONC
set -e
c=$1; conc=$2; d=/tmp/w/dhb; rm -rf $d
CLI=$c /tmp/w/cr2.sh catalog load /work/main/catalogs/example-city.yaml --data $d >/dev/null
key=$(CLI=$c /tmp/w/cr2.sh keys create --data $d --role agency --name b | grep -o 'cr_[A-Za-z0-9_-]*' | head -1)
port=$(( 20000 + RANDOM % 20000 ))
CLI=$c /tmp/w/cr2.sh serve --data $d --port $port > /tmp/w/hb-serve.log 2>&1 &
srv=$!
until curl -sf http://127.0.0.1:$port/health >/dev/null; do sleep 0.1; done
echo "$c conc=$conc $(/work/main/scripts/bench-ingest-http.sh http://127.0.0.1:$port "$key" /tmp/w/r2m.ndjson 10000 $conc | grep -o 'records_per_s=[0-9]*')"
kill $srv; wait $srv 2>/dev/null || true
