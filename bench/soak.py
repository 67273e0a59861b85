#!/usr/bin/env python3
"""Soak and audit throughput: two `latchkey serve` nodes on one PostgreSQL behind nginx (the cluster of
bench/two-nodes.py), mixed traffic for --minutes (default 10): sign-ins, authenticated GETs, password changes and
sign-outs (revocations), by --workers threads through nginx, and IMAP logins (connect, LOGIN, LOGOUT) by
--imap-workers threads through a real Dovecot configured by `latchkey dovecot config` (SQL passdb on the same
PostgreSQL, policy endpoint through nginx), each pausing --imap-pause seconds between logins.

Reports: requests and errors per kind, p50/p99 per kind, each node's RSS at start and end, and the audit appends per
second over the run (rows added to audit_events / seconds; every sign-in, sign-out and password change appends one).

Usage: bench/soak.py [--minutes 10] [--workers 8] [--imap-workers 2] [--imap-pause 0.2] [--dll …] [--postgres …]
"""
import argparse
import imaplib
import importlib.util
import json
import os
import statistics
import subprocess
import threading
import time
import uuid

spec = importlib.util.spec_from_file_location("two_nodes", os.path.join(os.path.dirname(os.path.abspath(__file__)), "two-nodes.py"))
two_nodes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(two_nodes)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def trend(samples):
    """Per node: the mean RSS of the second half of the samples against the first half's, in per cent (a leak grows it;
    the GC's sawtooth averages out)."""
    half = len(samples) // 2
    if half == 0:
        return {}
    return {n: round(100.0 * (statistics.mean(s[n] for s in samples[half:]) / statistics.mean(s[n] for s in samples[:half]) - 1), 1) for n in ("a", "b")}


def audit_rows(cluster):
    parts = dict(p.split("=", 1) for p in cluster.args.postgres.split(";") if "=" in p)
    out = subprocess.run(["psql", "-h", parts.get("Host", "127.0.0.1"), "-p", parts.get("Port", "5432"), "-U", parts.get("Username", "postgres"),
                          "-d", cluster.database, "-tAc", "SELECT count(*) FROM audit_events"], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


IMAP_USER = "soak-imap@example.com"


def start_dovecot(cluster):
    """A mailbox account, then Dovecot as `latchkey dovecot config` writes it, on a free port; stopped with the cluster."""
    password = f"Harbor-Imap-{uuid.uuid4().hex[:10]}!"
    cluster.cli("accounts", "add", "--email", IMAP_USER, "--role", "User", "--mailbox", "--password-stdin", stdin=password + "\n")
    imap, submission = two_nodes.free_port(), two_nodes.free_port()
    directory = os.path.join(cluster.root, "dovecot")
    cluster.cli("dovecot", "config", "--out", directory, "--imap-port", str(imap), "--submission-port", str(submission),
                "--policy-url", f"http://127.0.0.1:{cluster.nginx_port}")
    cluster.processes["dovecot"] = subprocess.Popen(["dovecot", "-F", "-c", os.path.join(directory, "dovecot.conf")],
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            client = imaplib.IMAP4("127.0.0.1", imap, timeout=5)
            client.login(IMAP_USER, password)
            client.logout()
            return imap, password
        except (OSError, imaplib.IMAP4.error):
            time.sleep(0.2)
    raise RuntimeError("Dovecot did not accept the mailbox's login")


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--dll", default=os.path.join(here, "..", "artifacts", "bin", "Latchkey", "debug", "latchkey.dll"))
    parser.add_argument("--postgres", default=os.environ.get("LATCHKEY_TEST_POSTGRES", "Host=127.0.0.1;Port=55432;Username=postgres"))
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--imap-workers", type=int, default=2)
    parser.add_argument("--imap-pause", type=float, default=0.2)
    args = parser.parse_args()
    args.postgres = ";".join(p for p in args.postgres.split(";") if p and not p.lower().startswith("include error detail"))

    cluster = two_nodes.Cluster(args)
    results = []
    lock = threading.Lock()
    try:
        cluster.start()
        port = cluster.nginx_port
        users = []
        for i in range(args.workers):
            email = f"soak{i}-{uuid.uuid4().hex[:6]}@example.com"
            password = f"Harbor-Lamp-{uuid.uuid4().hex[:10]}!"
            cluster.cli("accounts", "add", "--email", email, "--role", "User", "--password-stdin", stdin=password + "\n")
            users.append((email, password))
        imap_port, imap_password = start_dovecot(cluster)
        rss_start = {n: rss_kib(cluster.processes[n].pid) for n in ("a", "b")}
        audit_start, started = audit_rows(cluster), time.monotonic()
        stop = threading.Event()

        def work(index):
            # Each worker is its own client address, as real users are: one address's share of the hashing is capped.
            email, password = users[index]
            source = f"127.0.0.{10 + index}"
            cookie, n = None, 0
            while not stop.is_set():
                n += 1
                if cookie is None:
                    kind = "sign-in"
                elif n % 50 == 0:
                    kind = "change"
                elif n % 20 == 0:
                    kind = "sign-out"
                else:
                    kind = "get"
                began = time.perf_counter()
                try:
                    if kind == "sign-in":
                        status, _, new_cookie = two_nodes.request(port, "POST", "/api/v1/session", {"email": email, "password": password}, source=source)
                        cookie = new_cookie if status == 200 else None
                    elif kind == "change":
                        new = f"Harbor-Lamp-{uuid.uuid4().hex[:10]}!"
                        status = two_nodes.request(port, "POST", "/api/v1/me/password",
                                                   {"currentPassword": password, "newPassword": new, "confirmPassword": new}, cookie=cookie, source=source)[0]
                        password = new if 200 <= status < 300 else password
                    elif kind == "sign-out":
                        status = two_nodes.request(port, "DELETE", "/api/v1/session", cookie=cookie, source=source)[0]
                        cookie = None
                    else:
                        status = two_nodes.request(port, "GET", "/api/v1/me", cookie=cookie, source=source)[0]
                except OSError:
                    status = 0
                with lock:
                    results.append((kind, status, (time.perf_counter() - began) * 1000))

        def imap_work():
            while not stop.is_set():
                began = time.perf_counter()
                try:
                    client = imaplib.IMAP4("127.0.0.1", imap_port, timeout=30)
                    client.login(IMAP_USER, imap_password)
                    client.logout()
                    status = 200
                except (OSError, imaplib.IMAP4.error):
                    status = 0
                with lock:
                    results.append(("imap-login", status, (time.perf_counter() - began) * 1000))
                stop.wait(args.imap_pause)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(args.workers)]
        threads += [threading.Thread(target=imap_work) for _ in range(args.imap_workers)]
        for t in threads:
            t.start()
        # Each node's RSS every 30 s: the first minute is warm-up (JIT, pools, caches, the GC finding its size), so
        # "flat" is judged from the one-minute sample to the end.
        rss_samples = []
        ends_at = time.monotonic() + args.minutes * 60
        while time.monotonic() < ends_at:
            time.sleep(min(30, max(0.0, ends_at - time.monotonic())))
            rss_samples.append((round(time.monotonic() - started), {n: rss_kib(cluster.processes[n].pid) for n in ("a", "b")}))
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        audit_added = audit_rows(cluster) - audit_start
        rss_end = {n: rss_kib(cluster.processes[n].pid) for n in ("a", "b")}
    finally:
        cluster.stop()

    warm = next((sample for at, sample in rss_samples if at >= 60), rss_start)
    after_warm_up = [sample for at, sample in rss_samples if at >= 60] or [rss_end]
    report = {"minutes": args.minutes, "workers": args.workers, "audit_appends_per_s": round(audit_added / elapsed, 1),
              "rss_kib_start": rss_start, "rss_kib_after_1_min": warm, "rss_kib_end": rss_end,
              "rss_growth_after_warm_up_pct": {n: round(100.0 * (rss_end[n] - warm[n]) / warm[n], 1) for n in ("a", "b")},
              "rss_spread_after_warm_up_pct": {n: round(100.0 * (max(s[n] for s in after_warm_up) - min(s[n] for s in after_warm_up)) / min(s[n] for s in after_warm_up), 1) for n in ("a", "b")},
              "rss_trend_after_warm_up_pct": trend(after_warm_up),
              "rss_kib_every_30_s": rss_samples, "kinds": {}}
    for kind in sorted({r[0] for r in results}):
        rows = [r for r in results if r[0] == kind]
        times = sorted(r[2] for r in rows)
        report["kinds"][kind] = {
            "requests": len(rows),
            "per_s": round(len(rows) / elapsed, 1),
            "errors": sum(1 for r in rows if not 200 <= r[1] < 300),
            "statuses": {str(code): sum(1 for r in rows if r[1] == code) for code in sorted({r[1] for r in rows})},
            "p50_ms": round(statistics.median(times), 1),
            "p99_ms": round(times[min(len(times) - 1, int(0.99 * (len(times) - 1)))], 1),
        }
    print(json.dumps(report, indent=2))
    return 0 if all(k["errors"] == 0 for k in report["kinds"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
