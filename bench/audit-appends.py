#!/usr/bin/env python3
"""Does the single audit hash chain cap sign-ins? Two `latchkey serve` nodes on one PostgreSQL behind nginx (the
cluster of bench/two-nodes.py). Phase 1: --workers clients (each its own loopback address) sign in as fast as the
nodes allow for --seconds through nginx: sign-ins/s, which the Argon2id hashing bounds. Phase 2: the same clients sign
out every session phase 1 opened, as fast as they can: sign-outs hash nothing but append one audit event each, so their
rate is what the chain (one row lock on the chain head, shared by both nodes) allows. Prints both rates and their
ratio; the chain caps sign-ins only if its append rate comes near the sign-in rate.

Usage: bench/audit-appends.py [--seconds 20] [--workers 16] [--dll …] [--postgres …]
"""
import argparse
import importlib.util
import json
import os
import threading
import time
import uuid

spec = importlib.util.spec_from_file_location("two_nodes", os.path.join(os.path.dirname(os.path.abspath(__file__)), "two-nodes.py"))
two_nodes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(two_nodes)


def run(workers, action):
    """Runs action(index) on each worker thread until it returns False; returns (count of successes, statuses, seconds)."""
    counts, statuses, lock = [0] * workers, {}, threading.Lock()

    def work(index):
        while True:
            status = action(index)
            if status is None:
                return
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
            if 200 <= status < 300:
                counts[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts), statuses, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--dll", default=os.path.join(here, "..", "artifacts", "bin", "Latchkey", "release", "latchkey.dll"))
    parser.add_argument("--postgres", default=os.environ.get("LATCHKEY_TEST_POSTGRES", "Host=127.0.0.1;Port=55432;Username=postgres"))
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=16)
    args = parser.parse_args()
    args.postgres = ";".join(p for p in args.postgres.split(";") if p and not p.lower().startswith("include error detail"))

    cluster = two_nodes.Cluster(args)
    try:
        cluster.start()
        port = cluster.nginx_port
        users = []
        for i in range(args.workers):
            email, password = f"audit{i}-{uuid.uuid4().hex[:6]}@example.com", f"Harbor-Lamp-{uuid.uuid4().hex[:10]}!"
            cluster.cli("accounts", "add", "--email", email, "--role", "User", "--password-stdin", stdin=password + "\n")
            users.append((email, password))
        sessions = [[] for _ in range(args.workers)]
        ends_at = time.monotonic() + args.seconds

        def sign_in(index):
            if time.monotonic() >= ends_at:
                return None
            email, password = users[index]
            try:
                status, _, cookie = two_nodes.request(port, "POST", "/api/v1/session", {"email": email, "password": password}, source=f"127.0.0.{10 + index}")
            except OSError:
                return 0
            if status == 200:
                sessions[index].append(cookie)
            return status

        signed_in, sign_in_statuses, sign_in_seconds = run(args.workers, sign_in)

        def sign_out(index):
            if not sessions[index]:
                return None
            try:
                return two_nodes.request(port, "DELETE", "/api/v1/session", cookie=sessions[index].pop(), source=f"127.0.0.{10 + index}")[0]
            except OSError:
                return 0

        signed_out, sign_out_statuses, sign_out_seconds = run(args.workers, sign_out)
    finally:
        cluster.stop()

    sign_ins_per_s, appends_per_s = signed_in / sign_in_seconds, signed_out / sign_out_seconds
    print(json.dumps({
        "workers": args.workers,
        "sign_ins": signed_in, "sign_ins_per_s": round(sign_ins_per_s, 1), "sign_in_statuses": sign_in_statuses,
        "sign_outs": signed_out, "audit_appends_per_s_signing_out": round(appends_per_s, 1), "sign_out_statuses": sign_out_statuses,
        "append_rate_over_sign_in_rate": round(appends_per_s / sign_ins_per_s, 1) if sign_ins_per_s else None,
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
