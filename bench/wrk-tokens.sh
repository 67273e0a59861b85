#!/usr/bin/env bash
# Measures what checking a personal API token costs next to a session: GET /api/v1/me with
# "Authorization: Bearer lk_…" against the same URL with the session cookie, on one published server (SQLite), in
# one run, with wrk: 2 threads, 16 connections, 10 s each after a 20 s warm-up, six rounds whose order alternates
# (bearer first, then cookie first) so drift in the machine's load hits both. Loopback only. Prints requests/second
# for each round and the mean ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
[ -x out/latchkey ] && [ "${REUSE_BUILD:-}" = 1 ] || dotnet publish src/Latchkey -c Release -o out -nologo -v quiet
data=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
Latchkey__DataDirectory="$data" Latchkey__Bootstrap__AdminEmail=bench@example.com Latchkey__Bootstrap__AdminPassword='Loop-Back-Pass-42!' \
  Logging__LogLevel__Default=Warning ./out/latchkey serve --urls "$url" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"Loop-Back-Pass-42!"}' "$url/api/v1/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(latchkey_session=[^;]*\);.*/\1/p')
token=$(curl -fs -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"name":"bench","scopes":["account"]}' \
  "$url/api/v1/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
echo "cookie body: $(curl -fs -H "Cookie: $cookie" "$url/api/v1/me" | wc -c) bytes; bearer body: $(curl -fs -H "Authorization: Bearer $token" "$url/api/v1/me" | wc -c) bytes"
# Warm-up long enough for tiered compilation to settle on both paths (3 s left the first measured round ~30 % low).
for _ in 1 2; do
  wrk -t2 -c16 -d5s -H "Cookie: $cookie" "$url/api/v1/me" >/dev/null
  wrk -t2 -c16 -d5s -H "Authorization: Bearer $token" "$url/api/v1/me" >/dev/null
done
ratios=()
measure() { wrk -t2 -c16 -d10s -H "$1" "$url/api/v1/me" | awk '/Requests\/sec/ {print $2}'; }
for round in 1 2 3 4 5 6; do
  if [ $((round % 2)) = 1 ]; then
    bearer=$(measure "Authorization: Bearer $token"); cookied=$(measure "Cookie: $cookie")
  else
    cookied=$(measure "Cookie: $cookie"); bearer=$(measure "Authorization: Bearer $token")
  fi
  ratio=$(python3 -c "print(f'{float(\"$bearer\") / float(\"$cookied\"):.2f}')")
  ratios+=("$ratio")
  echo "round $round: bearer $bearer req/s, cookie $cookied req/s, ratio $ratio"
done
python3 -c "import statistics; r = [float(x) for x in '${ratios[*]}'.split()]; print(f'mean ratio bearer/cookie: {statistics.mean(r):.2f}, median {statistics.median(r):.2f}')"
