# Sourced by the sign-in benchmarks. Publishes Latchkey (this tree, or the commit in LATCHKEY_BENCH_REF, for a
# "before" figure), starts one server on a free loopback port with a bootstrap administrator, and stops it by PID on
# exit. Store: SQLite, or PostgreSQL when LATCHKEY_BENCH_POSTGRES holds an Npgsql connection string (a database is
# created and dropped). Defines: url, server_pid, data, admin_cookie, start_server, peak_rss_mib, new_cookie.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
admin_email=bench-admin@example.com
admin_password='Loop-Back-Pass-42!'
data=$(mktemp -d /tmp/latchkey-signin-bench.XXXXXX)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
publish_dir="$data/out"
if [ -n "${LATCHKEY_BENCH_REF:-}" ]; then
  mkdir -p "$data/src"
  git -C "$root" archive "$LATCHKEY_BENCH_REF" | tar -x -C "$data/src"
  (cd "$data/src" && dotnet publish src/Latchkey -c Release -o "$publish_dir" -nologo -v quiet >/dev/null)
else
  (cd "$root" && dotnet publish src/Latchkey -c Release -o "$publish_dir" -nologo -v quiet >/dev/null)
fi
server_pid=""; db=""
export Latchkey__DataDirectory="$data/store" Logging__LogLevel__Default=Warning
export Latchkey__Bootstrap__AdminEmail="$admin_email" Latchkey__Bootstrap__AdminPassword="$admin_password"
store=sqlite
if [ -n "${LATCHKEY_BENCH_POSTGRES:-}" ]; then
  store=postgres
  db="latchkey_signin_bench_$$"
  psql_conn=$(python3 -c 'import sys; keys = {"host": "host", "port": "port", "username": "user", "password": "password"}; print(" ".join(keys[k.strip().lower()] + "=" + v for k, _, v in (p.partition("=") for p in sys.argv[1].split(";")) if k.strip().lower() in keys))' "$LATCHKEY_BENCH_POSTGRES")
  psql "$psql_conn dbname=postgres" -qc "CREATE DATABASE $db"
  export Latchkey__Database__Provider=postgres ConnectionStrings__Latchkey="$LATCHKEY_BENCH_POSTGRES;Database=$db"
fi
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$db" ] && psql "$psql_conn dbname=postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -rf "$data"
}
trap cleanup EXIT
port=$(free_port)
url="http://127.0.0.1:$port"

start_server() {
  "$publish_dir/latchkey" serve --urls "$url" >"$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done
  admin_cookie=$(new_cookie "$admin_email" "$admin_password")
}

# A session cookie (name=value) for an account.
new_cookie() {
  curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$url/api/v1/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(latchkey_session=[^;]*\);.*/\1/p'
}

# Creates an account with a password through the API (as the bootstrap administrator).
add_account() {
  curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Cookie: $admin_cookie" \
    -d "{\"email\":\"$1\",\"role\":\"User\",\"password\":\"$2\"}" "$url/api/v1/accounts"
}

peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }

machine() { echo "$(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1 /proc/loadavg), store: $store${LATCHKEY_BENCH_REF:+, build: $LATCHKEY_BENCH_REF}"; }
