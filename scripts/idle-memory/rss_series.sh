#!/bin/bash
# Run from a directory holding CONFIG and a kubeconfig (WORKDIR, default /dev/shm/idle), with `muninn sim --pods 1000` running.
# rss_series.sh BIN LABEL CONFIG MINUTES PORT SCRAPE(0/1): run, sample RSS every 30 s; with SCRAPE, /metrics every 15 s and /healthz,/readyz every 10 s
here=$(cd "$(dirname "$0")" && pwd)
bin=$1; label=$2; config=$3; minutes=$4; port=$5; scrape=$6
cd "${WORKDIR:-/dev/shm/idle}"; db=$(grep "path:" $config | awk '{print $2}'); rm -f $db $db-wal $db-shm
$bin run --config $config > $label.out 2> $label.err & pid=$!
for i in $(seq 1 90); do grep -q "pod list in sync" $label.err && break; sleep 1; done
echo "synced $(date -u +%T) $(grep VmRSS /proc/$pid/status)" > $label.series
end=$(( $(date +%s) + minutes*60 )); n=0
while [ $(date +%s) -lt $end ]; do
  sleep 5; n=$((n+1))
  if [ "$scrape" = 1 ]; then
    [ $((n % 2)) = 0 ] && { curl -s -o /dev/null http://127.0.0.1:$port/healthz; curl -s -o /dev/null http://127.0.0.1:$port/readyz; }
    [ $((n % 3)) = 0 ] && curl -s -o /dev/null http://127.0.0.1:$port/metrics
  fi
  [ $((n % 6)) = 0 ] && echo "$(date -u +%T) $(grep VmRSS /proc/$pid/status)" >> $label.series
done
{ echo "after $(date -u +%T)"; grep VmRSS /proc/$pid/status; python3 "$here/smaps_groups.py" $pid; } > $label.after
python3 "$here/binary_pages.py" $pid > $label.afterpages 2>&1
timeout 120 gdb -p $pid -batch -ex "print (long)sqlite_nio_sqlite3_memory_used()" -ex "print (long)sqlite_nio_sqlite3_memory_highwater(0)" -ex "call (void)malloc_stats()" > $label.gdb.txt 2>&1
kill $pid
