#!/usr/bin/env bash
# srv.sh DATA PORT [extra java opts]: start a server from the private copy; pid in serve-PORT.pid
set -euo pipefail
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
W=/tmp/w; data=$1 port=$2; shift 2; CLI=${CLI:-$W/cli}
$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED "$@" -cp "$CLI/credence-cli.jar:$CLI/lib/*" org.credence.cli.Main serve --data "$data" --port "$port" > $W/serve-$port.log 2>&1 &
echo $! > $W/serve-$port.pid
until curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; do sleep 0.1; done
echo up $(cat $W/serve-$port.pid)
