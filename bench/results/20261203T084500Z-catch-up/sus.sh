#!/usr/bin/env bash
# sus.sh NAME CLI_DIR PORT: fresh copy of srv0, warm-up, 60 s of batches at 8, index state and subject-query times
set -euo pipefail
name=$1 cli=$2 port=$3 W=/tmp/w
rm -rf $W/$name && cp -r $W/srv0 $W/$name
CLI=$cli $W/srv.sh $W/$name $port > /dev/null
$W/wb.sh $port 8 10 batch > /dev/null
$W/wb.sh $port 8 15 batch > /dev/null
echo "$name load: $($W/wb.sh $port 8 60 batch)"
q() { for id in $(sed -n '1p;1000p;5000p;20000p;77777p' $W/ids); do curl -s -o /dev/null -w '%{time_total} ' -H "Authorization: Bearer $(cat $W/auditor.key)" "http://127.0.0.1:$port/api/v1/audit?subject=$id&limit=100"; done; }
echo "$name right after: $($W/ix.sh $W/$name) queries_s: $(q)"
sleep 30
echo "$name 30 s later: $($W/ix.sh $W/$name) queries_s: $(q)"
sleep 60
echo "$name 90 s later: $($W/ix.sh $W/$name) queries_s: $(q)"
kill $(cat $W/serve-$port.pid); sleep 2
