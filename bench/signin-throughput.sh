#!/usr/bin/env bash
# Sign-ins per second against the raw Argon2id verify rate, in the same run: POST /api/v1/session with correct
# passwords for 64 accounts in turn (wrk -t2 -c4, 20 s after a 3 s warm-up), between two measurements of libsodium
# verifying with the same parameters (19 MiB, t=2) on 2 threads. Prints both and their ratio (target >= 0.9).
# SQLite by default; LATCHKEY_BENCH_POSTGRES=<Npgsql connection string> for PostgreSQL (a database is made and dropped).
source "$(dirname "$0")/server-lib.sh"
bench=$root/bench
start_server
: >"$data/right.jsonl"
for i in $(seq 1 64); do
  add_account "rate$i@example.com" 'Rate-Pass-42!'
  echo "{\"email\":\"rate$i@example.com\",\"password\":\"Rate-Pass-42!\"}" >>"$data/right.jsonl"
done
echo "Machine: $(machine)"
SIGNIN_BODIES="$data/right.jsonl" wrk -t2 -c4 -d3s -s "$bench/signin.lua" "$url" >/dev/null
raw1=$(python3 "$bench/argon2id-verify.py" 19456 2 100 2)
signins=$(SIGNIN_BODIES="$data/right.jsonl" wrk -t2 -c4 -d20s -s "$bench/signin.lua" "$url" | tee "$data/wrk.txt" | awk '/Requests\/sec/ {print $2}')
raw2=$(python3 "$bench/argon2id-verify.py" 19456 2 100 2)
if grep -q Non-2xx "$data/wrk.txt"; then echo "refused sign-ins: $(grep Non-2xx "$data/wrk.txt")"; fi
echo "sign-ins: $signins/s; raw Argon2id verify (2 threads): $raw1/s before, $raw2/s after"
python3 -c "raw = ($raw1 + $raw2) / 2; print(f'ratio sign-ins / raw verify: {$signins / raw:.2f}')"
