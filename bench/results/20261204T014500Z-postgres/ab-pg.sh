#!/usr/bin/env bash
cd /work/main
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
out=bench/results/20261204T014500Z-postgres
rest=$(tr ':' '\n' < bench-peers/target/classpath.txt | grep -v '/credence-bench-[^/]*\.jar$' | paste -sd:)
for v in noan an; do
  $java -cp "/tmp/w/peers-classes:/tmp/w/bc-pg-$v:$rest" org.openjdk.jmh.Main '\.PostgresPerDecisionBenchmark\.' -p subjects=10000000 -rf json -rff $out/postgres-$v.json > $out/postgres-$v.txt
done
echo done > $out/finished-pg
