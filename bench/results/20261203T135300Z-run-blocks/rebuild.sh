#!/usr/bin/env bash
# rebuild.sh NAME CLI_DIR PORT SOURCE: the index by subject rebuilt from SOURCE's trail by an idle server:
# seconds and keeper CPU until every entry is in a run, and until no level holds 16 runs and no merge is under way
set -euo pipefail
name=$1 cli=$2 port=$3 src=$4 W=/tmp/w
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
rm -rf $W/$name && mkdir $W/$name && cp $W/$src/credence.db $W/$src/credence.key $W/$name/
CLI=$cli $W/srv.sh $W/$name $port ${JOPTS:-} > /dev/null
pid=$(cat $W/serve-$port.pid)
start=$(date +%s.%N)
/work/main/scripts/thread-cpu.sh $pid > $W/rb-before-$name
head=$(sqlite3 "file:$W/$name/credence.db?mode=ro" "select max(seq) from audit")
rows=$(sqlite3 "file:$W/$name/credence.db?mode=ro" "select sum(case when items is null then 1 else json_array_length(items) end) from audit")
state() { sqlite3 "file:$W/$name/audit-index.db?mode=ro" "$1" 2>/dev/null || echo 0; }
caught=""
while true; do
  sleep 0.5
  now=$(date +%s.%N)
  indexed=$(state "select coalesce(max(last_seq),0) from audit_runs")
  if [ -z "$caught" ] && [ "$indexed" = "$head" ]; then
    caught=$(echo "$now - $start" | bc)
    /work/main/scripts/thread-cpu.sh $pid > $W/rb-caught-$name
  fi
  if [ -n "$caught" ] && [ "$(state "select (select count(*) from audit_merges) + (select count(*) from (select level from audit_runs group by level having count(*) >= 16))")" = 0 ]; then
    settled=$(echo "$now - $start" | bc)
    /work/main/scripts/thread-cpu.sh $pid > $W/rb-settled-$name
    break
  fi
done
keeper() { awk '$3 == "keeper" { s += $2 } END { print s }' "$1"; }
hz=$(getconf CLK_TCK)
k0=$(keeper $W/rb-before-$name); k1=$(keeper $W/rb-caught-$name); k2=$(keeper $W/rb-settled-$name)
awk -v n="$name" -v e="$head" -v r="$rows" -v c="$caught" -v s="$settled" -v a=$((k1 - k0)) -v b=$((k2 - k0)) -v hz=$hz \
  'BEGIN { printf "%s entries=%d rows=%d caught_up_s=%.1f keeper_cpu_ns_per_row_to_caught_up=%.0f settled_s=%.1f keeper_cpu_ns_per_row_to_settled=%.0f\n", n, e, r, c, a / hz * 1e9 / r, s, b / hz * 1e9 / r }'
echo "$name runs: $($W/ix.sh $W/$name) file_bytes=$(stat -c %s $W/$name/audit-index.db)"
kill $pid; sleep 2
