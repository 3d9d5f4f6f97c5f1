#!/usr/bin/env bash
# run.sh: what a POST costs in the HTTP layers alone, with no product behind it. Exp.java answers a
# fixed 120-byte JSON body to every POST on /d, read in full first, from (a) a Javalin route on virtual
# threads, as Credence's routes are served, (b) a plain Jetty core handler on virtual threads, as
# DecisionHandler, and (c) the same handler on Jetty's platform threads; all on Jetty 12, HTTP/1.1 and
# HTTP/2 in clear text on one port. Each server in turn, one at a time, on the
# two cores the load generator shares: wrk -t2 over 128 connections, h2load over 4 connections x 128
# streams, 10 s each; ROUNDS rounds (default 3), the servers alternated. Run from the repository root
# after `./mvnw -o install -DskipTests`.
# Output: echo-<server>-<round>.txt (wrk's and h2load's summaries).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
cp=$(cd api && ../mvnw -B -q -ntp -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
classes=$(mktemp -d)
"$JAVA_HOME/bin/javac" -d "$classes" -cp "$cp" "$here/Exp.java"
port=18097
for round in $(seq 1 "${ROUNDS:-3}"); do
  for server in javalin corevt core; do
    "$JAVA_HOME/bin/java" -cp "$classes:$cp" Exp $server $port > "$here/serve-$server-$round.log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -X POST -d '{}' http://127.0.0.1:$port/d; do sleep 0.1; done
    {
      echo "== $server: warm-up"; wrk -t2 -c128 -d5s -s "$here/post.lua" http://127.0.0.1:$port/d | grep Requests/sec
      echo "== $server: HTTP/1.1, wrk -t2 -c128 -d10s"; wrk -t2 -c128 -d10s --latency -s "$here/post.lua" http://127.0.0.1:$port/d
      echo "== $server: h2c, h2load -c4 -m128 -D10"
      h2load -c4 -m128 -D10 -H 'content-type: application/json' -d "$here/body.json" http://127.0.0.1:$port/d | grep -E 'finished|requests:|status codes'
    } > "$here/echo-$server-$round.txt"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
rm -rf "$classes"
