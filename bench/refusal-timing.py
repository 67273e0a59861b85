#!/usr/bin/python3
# refusal-timing.py URL ADMIN_EMAIL ADMIN_PASSWORD [ATTEMPTS]: the four refused sign-ins, interleaved, ATTEMPTS (200)
# each: unknown address, wrong password, wrong password on an account with a previous password, locked account (its
# right password, from a browser without a device cookie). Prints each median and fails (exit 1) when the slowest
# median is more than 5 % above the fastest, or when any answer differs in status or body. Run by refusal-timing.sh.
import json, statistics, sys, time, urllib.error, urllib.request

url, admin_email, admin_password = sys.argv[1:4]
attempts = int(sys.argv[4]) if len(sys.argv) > 4 else 200
stamp = int(time.time())

def post(path, body, cookie=None):
    request = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    if cookie:
        request.add_header("Cookie", cookie)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request) as response:
            status, text, headers = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        status, text, headers = error.code, error.read().decode(), error.headers
    return status, text, headers, time.perf_counter() - started

def cookie_of(headers):
    return next(c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("latchkey_session="))

admin = cookie_of(post("/api/v1/session", {"email": admin_email, "password": admin_password})[2])
accounts = {kind: f"{kind}-{stamp}@example.com" for kind in ("plain", "changed", "locked")}
for email in accounts.values():
    assert post("/api/v1/accounts", {"email": email, "role": "User", "password": "Timing-Pass-42!"}, admin)[0] == 201
user = cookie_of(post("/api/v1/session", {"email": accounts["changed"], "password": "Timing-Pass-42!"})[2])
assert post("/api/v1/me/password", {"currentPassword": "Timing-Pass-42!", "newPassword": "Timing-Pass-43!", "confirmPassword": "Timing-Pass-43!"}, user)[0] == 204
for i in range(10):
    post("/api/v1/session", {"email": accounts["locked"], "password": f"Lock-It-{i}-{stamp}!"})

kinds = {
    "unknown address": {"email": f"nobody-{stamp}@example.com", "password": "Timing-Pass-42!"},
    "wrong password": {"email": accounts["plain"], "password": "Wrong-Pass-42!"},
    "wrong password, has previous": {"email": accounts["changed"], "password": "Wrong-Pass-42!"},
    "locked account": {"email": accounts["locked"], "password": "Timing-Pass-42!"},
}
for body in kinds.values():
    post("/api/v1/session", body)
times = {kind: [] for kind in kinds}
answers = set()
for _ in range(attempts):
    for kind, body in kinds.items():
        status, text, _, elapsed = post("/api/v1/session", body)
        answer = json.loads(text)
        answer.pop("traceId", None)
        answers.add((status, json.dumps(answer, sort_keys=True)))
        times[kind].append(elapsed * 1000)

medians = {kind: statistics.median(values) for kind, values in times.items()}
for kind, median in medians.items():
    print(f"{kind:30} median {median:7.1f} ms  (p90 {statistics.quantiles(times[kind], n=10)[-1]:.1f} ms)")
spread = max(medians.values()) / min(medians.values()) - 1
print(f"spread of medians: {spread:.1%} (limit 5 %); distinct answers: {len(answers)} {sorted(answers)[0][0] if answers else ''}")
sys.exit(0 if spread <= 0.05 and len(answers) == 1 else 1)
