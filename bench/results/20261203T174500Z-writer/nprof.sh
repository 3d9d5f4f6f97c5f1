#!/usr/bin/env bash
# nprof.sh CLI...: a wall-clock profile of a 10 M import per copy; the notices' share of the main thread
for c in "$@"; do
  rm -rf /tmp/w/dnp && CLI=$c /tmp/w/cr2.sh catalog load /work/main/catalogs/example-city.yaml --data /tmp/w/dnp >/dev/null
  /usr/bin/time -f "$c %e s" -o /tmp/w/np.t env JOPTS="-agentpath:/tmp/w/ap/lib/linux-x64/libasyncProfiler.so=start,event=wall,interval=10ms,threads,collapsed,file=/tmp/w/np-$c.collapsed" CLI=$c /tmp/w/cr2.sh import /tmp/w/r10m.ndjson --data /tmp/w/dnp > /dev/null 2>&1
  cat /tmp/w/np.t
  python3 /tmp/w/agg.py /tmp/w/np-$c.collapsed main SqliteRights.notifyAll CreditState.tell RecordInserts.claimFull | tail -4
  sqlite3 /tmp/w/dnp/credence.db "select count(*) from notices" 
  ls -la /tmp/w/dnp/credence.db | awk '{print $5}'
  sqlite3 /tmp/w/dnp/credence.db "select sum(pgsize) from dbstat where name in ('notices','notices_by_subject','notice_rows','notice_rows_by_subject','notice_texts')" 2>/dev/null
done
