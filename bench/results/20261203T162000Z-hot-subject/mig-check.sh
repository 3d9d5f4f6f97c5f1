#!/usr/bin/env bash
# mig-check.sh CLI_DIR DATA PORT OUT: serve DATA, ask the audit trail about two subjects, save the answers
set -euo pipefail
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
cli=$1 data=$2 port=$3 out=$4
c() { $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main "$@"; }
aud=$(c keys create --data $data --role auditor --name "auditor-$port")
start=$(date +%s.%N)
$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main serve --data $data --port $port > $out.log 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; do sleep 0.1; done
echo "up after $(awk -v s=$start -v e=$(date +%s.%N) 'BEGIN{printf "%.1f", e-s}') s"
for s in 110105195001010004 440305195001010001; do
  curl -s -H "Authorization: Bearer $aud" "http://127.0.0.1:$port/api/v1/audit?subject=$s&limit=10000" | python3 -c "import json,sys; d=json.load(sys.stdin)['entries']; print([e['seq'] for e in d if e['action']=='decision'])" > $out.$s
  wc -c < $out.$s
done
kill $pid; wait $pid 2>/dev/null || true
