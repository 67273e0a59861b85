#!/usr/bin/env bash
# Does a sign-in flood starve other requests? Authenticated GET /api/v1/me on 4 connections (wrk -t1 -c4, 15 s,
# latency percentiles) idle, then during a 64-connection flood of POST /api/v1/session (wrk -t2 -c64) with correct
# passwords and, in a separate run, wrong ones (64 accounts; the flood and the probe come from 127.0.0.1). Prints the
# probe's throughput and p99 for each, its ratio to idle, and the server's peak RSS. LATCHKEY_BENCH_REF=<commit>
# measures an older build the same way (the "before" figure). Targets: p99 < 50 ms, >= 50 % of idle, RSS < 512 MiB.
source "$(dirname "$0")/server-lib.sh"
bench=$root/bench
start_server
: >"$data/right.jsonl"; : >"$data/wrong.jsonl"
for i in $(seq 1 64); do
  add_account "flood$i@example.com" 'Flood-Pass-42!'
  echo "{\"email\":\"flood$i@example.com\",\"password\":\"Flood-Pass-42!\"}" >>"$data/right.jsonl"
  echo "{\"email\":\"flood$i@example.com\",\"password\":\"Wrong-Pass-$i!\"}" >>"$data/wrong.jsonl"
done
cookie=$(new_cookie "$admin_email" "$admin_password")
echo "Machine: $(machine)"
probe() { wrk -t1 -c4 -d15s --latency -H "Cookie: $cookie" "$url/api/v1/me"; }
summary() { awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {print rps, p99}'; }
wrk -t1 -c4 -d3s -H "Cookie: $cookie" "$url/api/v1/me" >/dev/null
read -r idle_rps idle_p99 < <(probe | summary)
echo "idle: GET /api/v1/me $idle_rps req/s, p99 $idle_p99"
for kind in right wrong; do
  SIGNIN_BODIES="$data/$kind.jsonl" wrk -t2 -c64 -d19s -s "$bench/signin.lua" "$url" >"$data/flood-$kind.txt" &
  flood=$!
  sleep 2
  read -r rps p99 < <(probe | summary)
  wait $flood
  statuses=$(grep -E 'Non-2xx|Requests/sec' "$data/flood-$kind.txt" | tr -s ' ' | tr '\n' ' ')
  echo "flood ($kind passwords): GET /api/v1/me $rps req/s ($(python3 -c "print(f'{$rps / $idle_rps:.0%}')") of idle), p99 $p99; flood: $statuses"
done
echo "peak RSS: $(peak_rss_mib) MiB"
