#!/usr/bin/env bash
# Sign-ins per second against the raw Argon2id verify rate, in the same run: POST /api/v1/session with correct
# passwords for 64 accounts in turn (wrk -t2 -c4, six rounds of 5 s after a 30 s warm-up), each after a measurement of libsodium
# verifying with the same parameters (19 MiB, t=2) on 2 threads. Prints both and their ratio (target >= 0.9).
# SQLite by default; LATCHKEY_BENCH_POSTGRES=<Npgsql connection string> for PostgreSQL (a database is made and dropped).
# wrk cannot give each connection its own address, so the four connections stand for four clients: the per-address
# share of the hashing queue is raised to hold them all (the default, 2 waiting, is for one real client).
export Latchkey__Passwords__Hashing__ClientQueueLimit=8
# The metrics endpoint tells how many Argon2id computations the rounds ran and how long each took inside the server.
export Latchkey__Telemetry__MetricsEnabled=true Latchkey__Telemetry__MetricsToken=bench-metrics-token-of-at-least-32-characters
source "$(dirname "$0")/server-lib.sh"
bench=$root/bench
start_server
: >"$data/right.jsonl"
for i in $(seq 1 64); do
  add_account "rate$i@example.com" 'Rate-Pass-42!'
  echo "{\"email\":\"rate$i@example.com\",\"password\":\"Rate-Pass-42!\"}" >>"$data/right.jsonl"
done
echo "Machine: $(machine)"
# Warm-up 30 s: tiered JIT compiles the hot path in the background for the first tens of seconds (measured on the
# server process: 11 ms of CPU per sign-in beyond the hash after a 5 s warm-up, 3.3 ms after 30 s).
SIGNIN_BODIES="$data/right.jsonl" wrk -t2 -c4 -d30s -s "$bench/signin.lua" "$url" >/dev/null
# Six rounds, each a raw measurement then 5 s of sign-ins: this machine's raw rate alone swings 40-58/s from one run to
# the next, so the two sides alternate closely and the figure is the median of the six ratios (the ratio of the totals
# is printed beside it).
: >"$data/rounds.txt"
metrics() { curl -fs -H "Authorization: Bearer bench-metrics-token-of-at-least-32-characters" "$url/metrics"; }
metrics >"$data/metrics-before.txt"
for round in 1 2 3 4 5 6; do
  raw=$(python3 "$bench/argon2id-verify.py" 19456 2 120 2)
  # Where the hashing threads spent the round: asleep while sign-ins wait means the path around the hash is the limit.
  python3 "$bench/thread-time.py" "$server_pid" latchkey-hashin 4.5 >"$data/threads$round.txt" &
  sampler=$!
  signins=$(SIGNIN_BODIES="$data/right.jsonl" /usr/bin/time -f "%U %S" -o "$data/wrktime$round.txt" wrk -t2 -c${SIGNIN_CONNECTIONS:-4} -d5s -s "$bench/signin.lua" "$url" | tee "$data/wrk$round.txt" | awk '/Requests\/sec/ {print $2}')
  wait "$sampler"
  if grep -q Non-2xx "$data/wrk$round.txt"; then echo "round $round refused sign-ins: $(grep Non-2xx "$data/wrk$round.txt")"; fi
  echo "round $round: sign-ins $signins/s, raw Argon2id verify (2 threads) $raw/s, ratio $(python3 -c "print(f'{$signins / $raw:.2f}')"); $(cat "$data/threads$round.txt"); wrk used $(awk '{printf "%.2f", ($1 + $2) / 5}' "$data/wrktime$round.txt") CPU"
  echo "$signins $raw" >>"$data/rounds.txt"
done
python3 -c "
rows = [tuple(map(float, line.split())) for line in open('$data/rounds.txt')]
ratios = sorted(r[0] / r[1] for r in rows)
median = (ratios[len(ratios) // 2 - 1] + ratios[len(ratios) // 2]) / 2
print(f'ratio sign-ins / raw verify, median of {len(rows)} rounds: {median:.2f} (ratio of the totals {sum(r[0] for r in rows) / sum(r[1] for r in rows):.2f})')"
metrics >"$data/metrics-after.txt"
python3 - "$data" <<'PY'
import re, sys
def read(name):
    values = {}
    for line in open(f"{sys.argv[1]}/{name}"):
        m = re.match(r'(latchkey_password_hashing_duration_seconds_(?:sum|count))\{[^}]*kind="(\w+)"[^}]*\} (\S+)', line)
        if m:
            values[(m.group(1), m.group(2))] = values.get((m.group(1), m.group(2)), 0) + float(m.group(3))
        m = re.match(r'latchkey_sign_ins_total\{([^}]*)\} (\S+)', line)
        if m and 'outcome="success"' in m.group(1):
            values["signins"] = values.get("signins", 0) + float(m.group(2))
    return values
before, after = read("metrics-before.txt"), read("metrics-after.txt")
delta = lambda key: after.get(key, 0) - before.get(key, 0)
signins = delta("signins")
for kind in ("verify", "hash"):
    count = delta(("latchkey_password_hashing_duration_seconds_count", kind))
    if count:
        mean = delta(("latchkey_password_hashing_duration_seconds_sum", kind)) / count * 1000
        print(f"in the rounds: {count:.0f} Argon2id {kind} computations for {signins:.0f} sign-ins, {mean:.1f} ms each inside the server")
PY
