#!/usr/bin/env bash
# wb.sh PORT CONC SECONDS [single|batch]: one wrk run against the private server, RESULT line and server CPU us/decision
set -euo pipefail
port=$1 conc=$2 secs=$3 kind=${4:-single}
W=/tmp/w; export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $W/hb
ids=$W/ids
[ -f $W/hb/single ] || awk 'BEGIN{n=split("travel.air.ticket travel.rail.high_speed finance.loan lodging.star_hotel",act," ")} {printf "{\"subject\":\"%s\",\"action\":\"%s\",\"purpose\":\"ticket sale\"}\n", $1, act[NR%n+1]}' $ids > $W/hb/single
[ -f $W/hb/batch ] || awk 'BEGIN{n=split("travel.air.ticket travel.rail.high_speed finance.loan lodging.star_hotel",act," ")} {e[NR]=sprintf("{\"subject\":\"%s\",\"action\":\"%s\"}", $1, act[NR%n+1])} END{for (b=0; b<64; b++) {line="{\"purpose\":\"ticket sale\",\"requests\":["; for (i=1;i<=1000;i++) {k=(b*1000+i-1)%NR+1; line=line (i>1?",":"") e[k]} print line "]}"}}' $ids > $W/hb/batch
path=/api/v1/decisions; per=1
[ "$kind" = batch ] && { path=/api/v1/decisions/batch; per=1000; }
pid=$(cat $W/serve-$port.pid)
t=$(( conc < 2 ? 1 : 2 ))
/work/main/scripts/thread-cpu.sh $pid > $W/cpu-before
line=$(BODIES=$W/hb/$kind PATH_=$path KEY=$(cat $W/partner.key) wrk -t$t -c$conc -d${secs}s --timeout 10s -s /work/main/scripts/bench-http.lua http://127.0.0.1:$port | grep RESULT)
/work/main/scripts/thread-cpu.sh $pid > $W/cpu-after
n=$(( $(echo "$line" | grep -o 'requests=[0-9]*' | cut -d= -f2) * per ))
echo "$line $(awk -v n="$n" -v hz="$(getconf CLK_TCK)" -f /work/main/scripts/cpu-split.awk $W/cpu-before $W/cpu-after)"
