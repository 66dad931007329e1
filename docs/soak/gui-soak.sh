#!/bin/bash
# The window left playing a program for 10 minutes: VmRSS, threads, fds and the old generation in use (jstat), once a minute; prints to /tmp/gui-soak.txt
cd "$(dirname "$0")/../.."
xvfb-run -a -s '-screen 0 1280x800x24' java -jar app/target/pollscope.jar open --program select --clients 200 --active 20 --seconds 3600 --play --speed 10 > /tmp/gui-soak.out 2>&1 &
sleep 20
PID=$(pgrep -f "^java -jar app/target/pollscope.jar open" | head -1)
echo "pid $PID" > /tmp/gui-soak.txt
for m in $(seq 0 10); do
  rss=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
  thr=$(grep Threads /proc/$PID/status | awk '{print $2}')
  fds=$(ls /proc/$PID/fd | wc -l)
  heap=$(jstat -gc $PID | tail -1 | awk "{print \$10}")
  echo "minute $m rss_kb $rss threads $thr fds $fds old_gen_used_kb $heap" >> /tmp/gui-soak.txt
  [ $m -lt 10 ] && sleep 60
done
# the step it reached, from the window title? read it via the toolbar is not possible from here; kill
kill $PID
