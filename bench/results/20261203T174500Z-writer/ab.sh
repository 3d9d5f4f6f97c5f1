#!/usr/bin/env bash
# ab.sh FILE N CLI... : imports FILE into a new directory N times with each CLI copy, alternating; prints wall, user, sys per run
file=$1; n=$2; shift 2
for i in $(seq 1 $n); do for c in "$@"; do
  rm -rf /tmp/w/dab && CLI=$c /tmp/w/cr2.sh catalog load /work/main/catalogs/example-city.yaml --data /tmp/w/dab >/dev/null
  /usr/bin/time -f "$c %e %U %S" -o /tmp/w/ab.t env JOPTS="${JOPTS:-}" CLI=$c /tmp/w/cr2.sh import "$file" --data /tmp/w/dab > /tmp/w/ab.out 2>&1 || { echo "$c FAILED"; tail -3 /tmp/w/ab.out; }
  cat /tmp/w/ab.t
done; done
