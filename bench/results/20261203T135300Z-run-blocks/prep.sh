#!/usr/bin/env bash
# prep.sh CLI_DIR: the 2,058,330-record directory srv0 with a partner and an auditor key, and ids (200,000 subjects with records)
set -euo pipefail
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
W=/tmp/w cli=$1
c() { $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$cli/credence-cli.jar:$cli/lib/*" org.credence.cli.Main "$@"; }
rm -rf $W/srv0
c catalog load /work/main/catalogs/example-city.yaml --data $W/srv0 > /dev/null
c generate --subjects 1000000 --out $W/records.ndjson > /dev/null
time c import $W/records.ndjson --data $W/srv0 | tail -2
c keys create --data $W/srv0 --role partner --name bench --scope travel.air.ticket,travel.rail.high_speed,finance.loan,lodging.star_hotel > $W/partner.key
c keys create --data $W/srv0 --role auditor --name auditor > $W/auditor.key
grep -o '"id":"[0-9A-Z]*"' $W/records.ndjson | cut -d'"' -f4 | awk '!seen[$0]++ && n++ < 200000' > $W/ids
wc -l $W/records.ndjson $W/ids
