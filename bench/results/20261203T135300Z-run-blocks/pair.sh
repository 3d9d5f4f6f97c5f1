#!/usr/bin/env bash
# pair.sh: the previous build and the blocks build alternated, twice each
set -u
cd /tmp/w
for i in 1 2; do
  ./sus.sh new$i /tmp/w/cli-new 8182
  ./sus.sh blocks$i /tmp/w/cli-blocks 8183
done
