#!/usr/bin/env bash
# The latency plot of a run's single decisions: reads OUT/http.txt (scripts/bench-http.sh's RESULT lines),
# writes OUT/http-single.dat and OUT/http-h2c.dat, and, with gnuplot installed, OUT/http-latency.svg.
#
#   scripts/bench-plot.sh OUT
set -euo pipefail
out=$1
for kind in single h2c; do
  { grep "kind=$kind " "$out/http.txt" || true; } | awk '{for (i=1;i<=NF;i++) {split($i,kv,"="); v[kv[1]]=kv[2]} print v["concurrency"], v["rps"], v["p50_ms"], v["p99_ms"], v["p999_ms"]}' > "$out/http-$kind.dat"
done
if command -v gnuplot > /dev/null; then
  # HTTP/2's series only when h2load ran; x is the requests in flight, a connection's or a stream's each.
  latency="\"$out/http-single.dat\" using 1:3 with linespoints title \"HTTP/1.1 p50\", \"\" using 1:4 with linespoints title \"HTTP/1.1 p99\", \"\" using 1:5 with linespoints title \"HTTP/1.1 p99.9\""
  throughput="\"$out/http-single.dat\" using 1:2 with linespoints title \"HTTP/1.1\""
  if [ -s "$out/http-h2c.dat" ]; then
    latency="$latency, \"$out/http-h2c.dat\" using 1:3 with linespoints title \"h2c p50\", \"\" using 1:4 with linespoints title \"h2c p99\", \"\" using 1:5 with linespoints title \"h2c p99.9\""
    throughput="$throughput, \"$out/http-h2c.dat\" using 1:2 with linespoints title \"h2c\""
  fi
  gnuplot <<PLOT
set terminal svg size 1000,460 font "sans,11"
set output "$out/http-latency.svg"
set multiplot layout 1,2 title "Credence single decisions over HTTP, audit on ($(nproc) cores, loopback)"
set logscale x 2
set xlabel "requests in flight (HTTP/1.1: connections; h2c: connections × streams)"
set ylabel "latency (ms)"
set logscale y
set key top left
plot $latency
unset logscale y
set ylabel "decisions per second"
plot $throughput
unset multiplot
PLOT
fi
