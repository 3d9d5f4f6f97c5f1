#!/usr/bin/env bash
# CPU time of a running JVM's threads, by what they do: one line "tid ticks part" per live thread, in
# clock ticks (getconf CLK_TCK a second), then "total ticks" for the whole process (threads that have
# ended included). Parts: writer (the audit writer), keeper (the audit index's keeper), http (the
# carriers of the server's virtual threads), gc, jit, other.
#
#   scripts/thread-cpu.sh PID
set -euo pipefail
pid=$1
declare -A part
while read -r nid name; do
  case "$name" in
    credence-audit-writer) part[$nid]=writer ;;
    credence-audit-index) part[$nid]=keeper ;;
    ForkJoinPool-1-worker-*) part[$nid]=http ;;
    GC\ Thread*|G1\ *) part[$nid]=gc ;;
    C1\ CompilerThre*|C2\ CompilerThre*) part[$nid]=jit ;;
  esac
done < <("$JAVA_HOME/bin/jstack" "$pid" | sed -nE 's/^"([^"]*)".* nid=([0-9]+) .*/\2 \1/p')
for task in /proc/"$pid"/task/*; do
  tid=${task##*/}
  # Fields 14 and 15 of stat, counted after the command name (which may hold spaces): utime, stime.
  read -r -a stat < <(sed 's/.*) //' "$task/stat" 2>/dev/null) || continue
  echo "$tid $(( stat[11] + stat[12] )) ${part[$tid]:-other}"
done
read -r -a stat < <(sed 's/.*) //' /proc/"$pid"/stat)
echo "total $(( stat[11] + stat[12] ))"
