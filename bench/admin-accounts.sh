#!/usr/bin/env bash
# The admin account list with 100,000 accounts: seeds them through the CLI (`latchkey accounts import`, timed), then
# measures p50/p95 of 200 sequential requests each for the list of one domain (first and a deep page), the search,
# the unfiltered list, and the /admin/accounts page, against a published server on SQLite (or PostgreSQL when
# Latchkey__Database__Provider and ConnectionStrings__Latchkey are set). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Latchkey -c Release -o out -nologo -v quiet
data=$(mktemp -d)
export Latchkey__DataDirectory="$data" Logging__LogLevel__Default=Warning
python3 - "$data/accounts.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("email,role,domain,mailbox\n")
    for i in range(100_000):
        f.write(f"user{i:06d}@d{i % 10}.example,User,,true\n")
PY
echo 'Loop-Back-Pass-42!' | ./out/latchkey accounts add --email root@corp.example --role Administrator --password-stdin
start=$(date +%s.%N)
./out/latchkey accounts import "$data/accounts.csv"
echo "import of 100,000 accounts: $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
./out/latchkey serve --urls "$url" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.2; done
python3 - "$url" <<'PY'
import http.cookiejar, json, statistics, sys, time, urllib.request
base = sys.argv[1]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
request = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"email": "root@corp.example", "password": "Loop-Back-Pass-42!"}).encode(), headers={"Content-Type": "application/json"})
opener.open(request).read()
cases = {
    "list one domain, page 1 (API)": "/api/v1/accounts?domain=d3.example",
    "list one domain, page 150 (API)": "/api/v1/accounts?domain=d3.example&page=150",
    "search 'user04711' (API)": "/api/v1/accounts?q=user04711",
    "list all domains, page 1 (API)": "/api/v1/accounts",
    "/admin/accounts page, one domain + search": "/admin/accounts?domain=d3.example&q=user0471",
}
for name, path in cases.items():
    total = json.loads(opener.open(base + path).read()).get("total") if path.startswith("/api") else None
    times = []
    for _ in range(200):
        started = time.perf_counter()
        opener.open(base + path).read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"{name}: p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms" + (f" (total {total})" if total is not None else ""))
PY
