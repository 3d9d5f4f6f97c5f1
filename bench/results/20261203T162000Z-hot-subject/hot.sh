#!/usr/bin/env bash
# hot.sh CLI_DIR NAME: a copy of d1 (the 2 M-record directory), 60 s (SECS) of single decisions at 32
# connections, every other one about one subject, then the keeper left to settle; block sizes and query times
set -euo pipefail
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
W=/tmp/w cli=$1 name=$2 port=$((30000 + RANDOM % 1000))
c() { $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main "$@"; }
rm -rf $W/hot-$name && cp -r $W/d1 $W/hot-$name
key=$(c keys create --data $W/hot-$name --role partner --name bench --scope travel.air.ticket,travel.rail.high_speed,finance.loan,lodging.star_hotel)
aud=$(c keys create --data $W/hot-$name --role auditor --name auditor)
$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main serve --data $W/hot-$name --port $port > $W/hot-$name.log 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; do sleep 0.1; done
BODIES=$W/hotsingle PATH_=/api/v1/decisions KEY=$key wrk -t2 -c32 -d${SECS:-60}s -s /work/main/scripts/bench-http.lua http://127.0.0.1:$port | grep RESULT
idx=$W/hot-$name/audit-index.db
for i in $(seq 1 40); do
  sleep 5
  st=$(sqlite3 "file:$idx?mode=ro" "SELECT (SELECT coalesce(max(last_seq),0) FROM audit_runs), (SELECT count(*) FROM audit_runs), (SELECT count(*) FROM audit_merges)")
  echo "t+$((i*5))s indexed/runs/merges $st"
  case $st in *"|0") [ $i -ge 6 ] && break;; esac
done
sqlite3 "file:$idx?mode=ro" "SELECT 'blocks', count(*), 'max bytes', max(length(body)), 'total MB', sum(length(body))/1e6 FROM audit_run_blocks"
for q in 1 2 3; do
  /usr/bin/time -f "hot subject audit query %e s" curl -s -o $W/hot-$name.q.json -H "Authorization: Bearer $aud" "http://127.0.0.1:$port/api/v1/audit?subject=110105195001010004&limit=10000"
done
for q in $(seq 1 21); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $aud" "http://127.0.0.1:$port/api/v1/audit?subject=440305195001010001&limit=1000"; done | sort -n | awk '{a[NR]=$1} END{print "cold subject query median s", a[int((NR+1)/2)], "max", a[NR]}'
python3 -c "import json; d=json.load(open('$W/hot-$name.q.json')); print('entries', len(d['entries']))"
kill $pid; wait $pid 2>/dev/null || true
