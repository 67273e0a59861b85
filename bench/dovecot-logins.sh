#!/usr/bin/env bash
# Measures IMAP logins per second through a real Dovecot reading Latchkey's view (the configuration `latchkey
# dovecot config` writes: SQL passdb on the store, policy endpoint on, no auth cache), next to the raw Argon2id
# verification rate of libsodium on the same machine with the same parameters (Latchkey's defaults: 19 MiB, t=2).
# Each figure is a bounded loop: 200 logins (connect, LOGIN, LOGOUT) per concurrency level, 200 verifications per
# thread count, after a warm-up of 20. Store: SQLite (default) or PostgreSQL when LATCHKEY_BENCH_POSTGRES holds an
# Npgsql connection string to a server (a database is created and dropped). Loopback only; everything started here
# is stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$(pwd)/bench
logins=${LOGINS:-200}
dotnet publish src/Latchkey -c Release -o out -nologo -v quiet
data=$(mktemp -d /tmp/latchkey-bench.XXXXXX)
chmod 755 "$data"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port); imap=$(free_port); submission=$(free_port)
url="http://127.0.0.1:$port"
export Latchkey__DataDirectory="$data/store" Logging__LogLevel__Default=Warning
store=sqlite
if [ -n "${LATCHKEY_BENCH_POSTGRES:-}" ]; then
  store=postgres
  db="latchkey_bench_$$"
  psql_conn=$(python3 -c 'import sys; keys = {"host": "host", "port": "port", "username": "user", "password": "password"}; print(" ".join(keys[k.strip().lower()] + "=" + v for k, _, v in (p.partition("=") for p in sys.argv[1].split(";")) if k.strip().lower() in keys))' "$LATCHKEY_BENCH_POSTGRES")
  psql "$psql_conn dbname=postgres" -qc "CREATE DATABASE $db"
  export Latchkey__Database__Provider=postgres ConnectionStrings__Latchkey="$LATCHKEY_BENCH_POSTGRES;Database=$db"
fi
server_pid=""; dovecot_pid=""
cleanup() {
  [ -n "$dovecot_pid" ] && kill "$dovecot_pid" 2>/dev/null && while kill -0 "$dovecot_pid" 2>/dev/null; do sleep 0.1; done
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "${db:-}" ] && psql "$psql_conn dbname=postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -rf "$data"
}
trap cleanup EXIT

echo 'Loop-Back-Pass-42!' | ./out/latchkey accounts add --email bench@example.com --role User --mailbox --password-stdin >/dev/null
./out/latchkey serve --urls "$url" >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done
./out/latchkey dovecot config --out "$data/dovecot" --imap-port "$imap" --submission-port "$submission" --policy-url "$url" >/dev/null
dovecot -F -c "$data/dovecot/dovecot.conf" &
dovecot_pid=$!
for _ in $(seq 1 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $imap), 1).close()" 2>/dev/null && break; sleep 0.1; done

echo "Machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), Dovecot $(dovecot --version | cut -d' ' -f1), $(date -u '+%Y-%m-%d %H:%M UTC'), store: $store"
python3 "$bench/imap-logins.py" "$imap" bench@example.com 'Loop-Back-Pass-42!' 20 2 >/dev/null
for concurrency in 1 2 4; do
  read -r rate p50 p95 < <(python3 "$bench/imap-logins.py" "$imap" bench@example.com 'Loop-Back-Pass-42!' "$logins" "$concurrency")
  echo "IMAP logins through Dovecot, $concurrency at a time: $rate logins/s (p50 $p50 ms, p95 $p95 ms)"
done
python3 "$bench/argon2id-verify.py" 19456 2 20 1 >/dev/null
for threads in 1 2; do
  echo "Raw Argon2id verifications (libsodium, m=19 MiB, t=2), $threads thread(s): $(python3 "$bench/argon2id-verify.py" 19456 2 $((200 * threads)) "$threads")/s"
done
