#!/usr/bin/env bash
# ix.sh DATA: the audit index's state: head, indexed, tail entries, runs per level
d=$1
head=$(sqlite3 "file:$d/credence.db?mode=ro" "select max(seq) from audit")
sqlite3 "file:$d/audit-index.db?mode=ro" "select 'indexed', max(last_seq) from audit_runs; select 'level', level, count(*) from audit_runs group by level; select 'merging', level from audit_merges;" | tr '\n' ' '
echo " head $head"
