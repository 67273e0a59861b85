#!/usr/bin/env bash
# The server's CPU per sign-in beyond the hash: what bounds sign-ins/s below the raw Argon2id rate (issue 10), since
# two cores hashing at full speed leave nothing for the rest. Accounts and the dummy hash use a token Argon2id cost
# (64 KiB, t=1, about 0.1 ms), so the rounds measure the path around the hash: POST /api/v1/session with correct
# passwords for 64 accounts in turn (wrk -t1 -c4, five rounds of 5 s after a 30 s warm-up). Prints sign-ins/s and
# the server process's CPU (user + system, from /proc) per sign-in for each round, and their median.
# SQLite by default; LATCHKEY_BENCH_POSTGRES=<Npgsql connection string> for PostgreSQL; LATCHKEY_BENCH_REF=<commit>
# measures that build instead of this tree (run both for a before/after pair, alternating).
export Latchkey__Passwords__Hashing__MemoryKiB=64 Latchkey__Passwords__Hashing__Iterations=1
export Latchkey__Passwords__Hashing__ClientQueueLimit=8
source "$(dirname "$0")/server-lib.sh"
bench=$root/bench
start_server
: >"$data/right.jsonl"
for i in $(seq 1 64); do
  add_account "cost$i@example.com" 'Cost-Pass-42!'
  echo "{\"email\":\"cost$i@example.com\",\"password\":\"Cost-Pass-42!\"}" >>"$data/right.jsonl"
done
echo "Machine: $(machine)"
SIGNIN_BODIES="$data/right.jsonl" wrk -t1 -c4 -d30s -s "$bench/signin.lua" "$url" >/dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
: >"$data/rounds.txt"
for round in 1 2 3 4 5; do
  before=$(cpu_ticks)
  SIGNIN_BODIES="$data/right.jsonl" wrk -t1 -c4 -d5s -s "$bench/signin.lua" "$url" >"$data/wrk$round.txt"
  after=$(cpu_ticks)
  if grep -q Non-2xx "$data/wrk$round.txt"; then echo "round $round refused sign-ins: $(grep Non-2xx "$data/wrk$round.txt")"; fi
  requests=$(awk '/requests in/ {print $1}' "$data/wrk$round.txt")
  python3 -c "
ms = ($after - $before) / $ticks_per_second * 1000 / $requests
print(f'round $round: {$requests / 5:.0f} sign-ins/s, server CPU {ms:.2f} ms per sign-in')
open('$data/rounds.txt', 'a').write(f'{ms}\n')"
done
python3 -c "
import statistics
print(f'server CPU per sign-in beyond the hash, median of 5 rounds: {statistics.median(float(l) for l in open(\"$data/rounds.txt\")):.2f} ms')"
