#!/usr/bin/env bash
cd /work/main
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
out=bench/results/20261204T014500Z-postgres
for r in 1 2; do for v in noan an; do
  $java -cp "/tmp/w/bc-$v:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main '\.SqlPerDecisionBenchmark\.' -p subjects=10000000 -rf json -rff $out/sql-$v-$r.json > $out/sql-$v-$r.txt
done; done
echo done > $out/finished-an
