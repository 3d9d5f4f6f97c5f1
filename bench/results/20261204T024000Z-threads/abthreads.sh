#!/usr/bin/env bash
# abthreads.sh OUT: virtual-thread and platform-thread builds alternated, two rounds, each on a fresh
# copy of d1 (2,058,330 records): 20 s warm-up of single decisions at 32 connections, then /health at 32
# for 10 s, single decisions at 8 and at 32 for 15 s each.
set -uo pipefail
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
W=/tmp/w out=$1
mkdir -p $out
for round in 1 2; do for v in virt plat; do
  cli=$W/cli-$v port=$((30000 + RANDOM % 1000))
  # An array, not a function: a function run with & would leave $! naming the shell, not the JVM.
  c=($JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main)
  rm -rf $W/dv && cp -r $W/d1 $W/dv
  key=$("${c[@]}" keys create --data $W/dv --role partner --name bench --scope travel.air.ticket,travel.rail.high_speed,finance.loan,lodging.star_hotel)
  "${c[@]}" serve --data $W/dv --port $port > $out/serve-$v-$round.log 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; do sleep 0.2; done
  BODIES=$W/single PATH_=/api/v1/decisions KEY=$key wrk -t2 -c32 -d20s -s /work/main/scripts/bench-http.lua http://127.0.0.1:$port > /dev/null
  echo "$v $round health32 $(wrk -t2 -c32 -d10s http://127.0.0.1:$port/health | grep Requests/sec)" | tee -a $out/ab.txt
  for conns in 8 32; do
    echo "$v $round single$conns $(BODIES=$W/single PATH_=/api/v1/decisions KEY=$key wrk -t2 -c$conns -d15s -s /work/main/scripts/bench-http.lua http://127.0.0.1:$port | grep RESULT)" | tee -a $out/ab.txt
  done
  kill $pid; wait $pid 2>/dev/null
  while kill -0 $pid 2>/dev/null; do sleep 0.2; done
done; done
