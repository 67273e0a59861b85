#!/usr/bin/env bash
# The server's CPU per sign-in beyond the hash: what bounds sign-ins/s below the raw Argon2id rate (issue 10), since
# two cores hashing at full speed leave nothing for the rest. Accounts and the dummy hash use a token Argon2id cost
# (64 KiB, t=1, about 0.1 ms), so the rounds measure the path around the hash: POST /api/v1/session with correct
# passwords for 64 accounts in turn (wrk -t1 -c4, 5 s rounds after a 30 s warm-up). Prints sign-ins/s and the server
# process's CPU (user + system, from /proc) per sign-in for each round, and the median; on PostgreSQL the database's
# processes' CPU per sign-in beside it (its backends share the same cores).
# LATCHKEY_BENCH_REF=<commit> also builds that commit and runs a second server beside this tree's, the rounds
# alternating between the two (this machine's speed drifts by a third within minutes, so only alternating rounds
# compare), and prints both medians and their ratio.
# SQLite by default; LATCHKEY_BENCH_POSTGRES=<Npgsql connection string> for PostgreSQL (a database per server).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d /tmp/latchkey-overhead-bench.XXXXXX)
pids=(); dbs=()
psql_conn=""
if [ -n "${LATCHKEY_BENCH_POSTGRES:-}" ]; then
  psql_conn=$(python3 -c 'import sys; keys = {"host": "host", "port": "port", "username": "user", "password": "password"}; print(" ".join(keys[k.strip().lower()] + "=" + v for k, _, v in (p.partition("=") for p in sys.argv[1].split(";")) if k.strip().lower() in keys))' "$LATCHKEY_BENCH_POSTGRES")
fi
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  for db in "${dbs[@]}"; do psql "$psql_conn dbname=postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
  rm -rf "$data"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export Logging__LogLevel__Default=Warning Latchkey__Bootstrap__AdminEmail=bench-admin@example.com Latchkey__Bootstrap__AdminPassword='Loop-Back-Pass-42!'
export Latchkey__Passwords__Hashing__MemoryKiB=64 Latchkey__Passwords__Hashing__Iterations=1 Latchkey__Passwords__Hashing__ClientQueueLimit=8

# start NAME [REF]: publishes this tree (or REF), starts it with its own store, creates 64 accounts; sets url_NAME, pid_NAME.
start() {
  local name=$1 ref=${2:-} dir=$data/$1
  mkdir -p "$dir/src"
  if [ -n "$ref" ]; then
    git -C "$root" archive "$ref" | tar -x -C "$dir/src"
    (cd "$dir/src" && dotnet publish src/Latchkey -c Release -o "$dir/out" -nologo -v quiet >/dev/null)
  else
    (cd "$root" && dotnet publish src/Latchkey -c Release -o "$dir/out" -nologo -v quiet >/dev/null)
  fi
  local url="http://127.0.0.1:$(free_port)" store=()
  if [ -n "$psql_conn" ]; then
    local db="latchkey_overhead_${name}_$$"
    psql "$psql_conn dbname=postgres" -qc "CREATE DATABASE $db"
    dbs+=("$db")
    store=(Latchkey__Database__Provider=postgres "ConnectionStrings__Latchkey=$LATCHKEY_BENCH_POSTGRES;Database=$db")
  fi
  env "${store[@]}" Latchkey__DataDirectory="$dir/store" "$dir/out/latchkey" serve --urls "$url" >"$dir/server.log" 2>&1 &
  pids+=($!)
  eval "pid_$name=$! url_$name=$url"
  for _ in $(seq 1 300); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done
  local cookie
  cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"bench-admin@example.com","password":"Loop-Back-Pass-42!"}' "$url/api/v1/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(latchkey_session=[^;]*\);.*/\1/p')
  : >"$data/right.jsonl"
  for i in $(seq 1 64); do
    curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Cookie: $cookie" \
      -d "{\"email\":\"cost$i@example.com\",\"role\":\"User\",\"password\":\"Cost-Pass-42!\"}" "$url/api/v1/accounts"
    echo "{\"email\":\"cost$i@example.com\",\"password\":\"Cost-Pass-42!\"}" >>"$data/right.jsonl"
  done
}

# The database's own CPU so far (clock ticks), on PostgreSQL: its postmaster and every process it started (the
# backends serving the pooled connections stay up, so their time is not lost between two readings). 0 on SQLite.
postmaster=""
if [ -n "$psql_conn" ]; then
  pidfile="$(psql "$psql_conn dbname=postgres" -Atc 'SHOW data_directory')/postmaster.pid"
  if [ -r "$pidfile" ]; then postmaster=$(head -n 1 "$pidfile"); fi  # a database on another machine: not measured
fi
database_ticks() {
  if [ -z "$postmaster" ]; then echo 0; return; fi
  for p in "$postmaster" $(pgrep -P "$postmaster"); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'
}

# round NAME N: 5 s of sign-ins against NAME; appends its CPU ms per sign-in to $data/NAME.txt (the server's, and on
# PostgreSQL the database's to $data/NAME-db.txt).
round() {
  local name=$1 pid url before after db_before db_after requests
  pid=$(eval echo "\$pid_$1"); url=$(eval echo "\$url_$1")
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat"); db_before=$(database_ticks)
  SIGNIN_BODIES="$data/right.jsonl" wrk -t1 -c4 -d5s -s "$root/bench/signin.lua" "$url" >"$data/wrk.txt"
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat"); db_after=$(database_ticks)
  if grep -q Non-2xx "$data/wrk.txt"; then echo "$name round $2 refused sign-ins: $(grep Non-2xx "$data/wrk.txt")"; fi
  requests=$(awk '/requests in/ {print $1}' "$data/wrk.txt")
  python3 -c "
ms = ($after - $before) / $(getconf CLK_TCK) * 1000 / $requests
db = ($db_after - $db_before) / $(getconf CLK_TCK) * 1000 / $requests
print(f'$name round $2: {$requests / 5:.0f} sign-ins/s, server CPU {ms:.2f} ms per sign-in' + (f', database CPU {db:.2f} ms' if '$postmaster' else ''))
open('$data/$name.txt', 'a').write(f'{ms}\n')
open('$data/$name-db.txt', 'a').write(f'{db}\n')"
}

start tree
names=(tree)
if [ -n "${LATCHKEY_BENCH_REF:-}" ]; then start ref "$LATCHKEY_BENCH_REF"; names+=(ref); fi
echo "Machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1 /proc/loadavg), store: $([ -n "$psql_conn" ] && echo postgres || echo sqlite)${LATCHKEY_BENCH_REF:+, ref: $LATCHKEY_BENCH_REF}"
for name in "${names[@]}"; do
  SIGNIN_BODIES="$data/right.jsonl" wrk -t1 -c4 -d30s -s "$root/bench/signin.lua" "$(eval echo "\$url_$name")" >/dev/null
done
for n in $(seq 1 "${ROUNDS:-6}"); do
  for name in "${names[@]}"; do round "$name" "$n"; done
done
python3 - "$data" "${names[@]}" <<'PY'
import statistics, sys
medians = {name: statistics.median(float(l) for l in open(f"{sys.argv[1]}/{name}.txt")) for name in sys.argv[2:]}
database = {name: statistics.median(float(l) for l in open(f"{sys.argv[1]}/{name}-db.txt")) for name in sys.argv[2:]}
for name, median in medians.items():
    print(f"{name}: server CPU per sign-in beyond the hash, median: {median:.2f} ms" + (f"; database CPU {database[name]:.2f} ms" if database[name] else ""))
if "ref" in medians:
    print(f"tree / ref: {medians['tree'] / medians['ref']:.2f}" + (f"; database {database['tree'] / database['ref']:.2f}" if database['ref'] else ""))
PY
