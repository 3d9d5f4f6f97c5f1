#!/usr/bin/env bash
# abb.sh NAME CLI DATA PORT: warm up with batches, then 15 s at 2, 8, 32 connections
set -euo pipefail
cd /tmp/w
name=$1; CLI=$2 ./srv.sh $3 $4 > /dev/null
for i in 1 2 3; do ./wb.sh $4 8 10 batch > /dev/null; done
for c in 2 8 32; do echo "$name c=$c $(./wb.sh $4 $c 15 batch)"; done
kill $(cat serve-$4.pid); while kill -0 $(cat serve-$4.pid) 2>/dev/null; do sleep 0.2; done
