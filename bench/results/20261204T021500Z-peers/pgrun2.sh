#!/usr/bin/env bash
# Same session, same population: in-process, SQLite peer, PostgreSQL peer, at 10 M subjects, alternated, two rounds.
set -euo pipefail
cd /work/main
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cp="/tmp/w/bench-classes:$(cat /tmp/w/bench-cp.txt)"
pcp="/tmp/w/peers-classes:/tmp/w/bench-classes:$(tr ':' '\n' < /tmp/w/peers-cp.txt | grep -v '/credence-bench-[^/]*\.jar$' | paste -sd:)"
out=bench/results/20261204T021500Z-peers
for round in 1 2; do
  $java -cp "$cp" org.openjdk.jmh.Main '\.DecisionBenchmark\.' -p subjects=10000000 -rf json -rff $out/decision-$round.json > $out/decision-$round.txt
  $java -cp "$cp" org.openjdk.jmh.Main '\.SqlPerDecisionBenchmark\.' -p subjects=10000000 -rf json -rff $out/sql-$round.json > $out/sql-$round.txt
  $java -cp "$pcp" org.openjdk.jmh.Main '\.PostgresPerDecisionBenchmark\.' -p subjects=10000000 -rf json -rff $out/postgres-$round.json > $out/postgres-$round.txt
done
