#!/usr/bin/env bash
# Measures what checking a session costs: authenticated GET /api/v1/me (a valid session cookie) against the
# same URL without a cookie (its 401 problem answer, a body of similar size that does no session work), on one
# published server, with wrk: 2 threads, 16 connections, 10 s each, after a 3 s warm-up. Loopback only.
# Prints requests/second for both and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
dotnet publish src/Latchkey -c Release -o out -nologo -v quiet
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
echo "authenticated body: $(curl -fs -H "Cookie: $cookie" "$url/api/v1/me" | wc -c) bytes; anonymous body: $(curl -s "$url/api/v1/me" | wc -c) bytes"
wrk -t2 -c16 -d3s -H "Cookie: $cookie" "$url/api/v1/me" >/dev/null
wrk -t2 -c16 -d3s "$url/api/v1/me" >/dev/null
auth=$(wrk -t2 -c16 -d10s -H "Cookie: $cookie" "$url/api/v1/me" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
anon=$(wrk -t2 -c16 -d10s "$url/api/v1/me" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
echo "authenticated GET /api/v1/me: $auth req/s"
echo "unauthenticated GET /api/v1/me (401): $anon req/s"
python3 -c "print(f'ratio authenticated/unauthenticated: {float(\"$auth\") / float(\"$anon\"):.2f}')"
