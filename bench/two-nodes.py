#!/usr/bin/env python3
"""Two `latchkey serve` nodes on one PostgreSQL behind a real nginx, all on 127.0.0.1.

1. Cross-node revocation: N times, sign in through node A, check the session works on node B, sign it out through
   node A, then poll node B until it answers 401. Reports p50/p99 of the time from A's answer to B's first 401,
   and how many requests B accepted after A had answered (the propagation window).
2. Failover: worker threads sign in and read /api/v1/me through nginx; some change passwords (each queues one
   e-mail). Midway, node B is killed with SIGKILL. Reports errors before, around and after the kill.
3. E-mail: waits until the outbox is empty and checks that aiosmtpd received each message exactly once.

Usage: bench/two-nodes.py [--dll artifacts/bin/Latchkey/debug/latchkey.dll] [--postgres "Host=127.0.0.1;Port=55432;Username=postgres"]
       [--revocations 100] [--seconds 20] [--json]
Exit 0 when: no request failed after the kill window (429, the server's sign-in throttling of this load, excepted), no
e-mail was sent twice, every revocation reached node B.
Needs: nginx, python3-aiosmtpd, psql, dotnet. Starts everything on free ports and stops it by PID.
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ADMIN = "admin@example.com"
ADMIN_PASSWORD = "Two-Nodes-Boss-42!"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, cookie=None, timeout=60, source=None):
    """One request on a fresh connection; `source` (a loopback address such as 127.0.0.12) makes it another client."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None)
    headers = {"Accept": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    data = None
    if body is not None or method in ("POST", "PUT"):
        data = json.dumps(body if body is not None else {}).encode()
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        set_cookie = response.getheader("Set-Cookie")
        return response.status, payload, (set_cookie.split(";")[0] if set_cookie else None)
    finally:
        connection.close()


def sign_in(port, email, password):
    status, _, cookie = request(port, "POST", "/api/v1/session", {"email": email, "password": password})
    if status != 200:
        raise RuntimeError(f"sign-in as {email} on {port}: {status}")
    return cookie


def wait_healthy(port, process, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = getattr(process, "log_path", None)
            tail = open(log).read()[-3000:] if log and os.path.exists(log) else ""
            raise RuntimeError(f"node on {port} exited with {process.returncode}\n{tail}")
        try:
            if request(port, "GET", "/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"node on {port} not healthy within {seconds} s")


SMTP_HANDLER = '''
import os, uuid
class Save:
    def __init__(self, directory): self.directory = directory
    @classmethod
    def from_cli(cls, parser, *args): return cls(*args)
    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        tmp = os.path.join(self.directory, "." + name)
        with open(tmp, "wb") as f: f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.directory, name + ".eml"))
        return "250 2.0.0 Saved"
'''


class Cluster:
    def __init__(self, args):
        self.args = args
        self.root = tempfile.mkdtemp(prefix="latchkey-two-nodes-")
        self.processes = {}
        self.database = "latchkey_two_nodes_" + uuid.uuid4().hex[:12]
        self.smtp_port, self.nginx_port = free_port(), free_port()
        self.node_ports = {"a": free_port(), "b": free_port()}
        self.mail = os.path.join(self.root, "mail")
        os.makedirs(self.mail)

    def psql(self, sql):
        parts = dict(p.split("=", 1) for p in self.args.postgres.split(";") if "=" in p)
        subprocess.run(["psql", "-h", parts.get("Host", "127.0.0.1"), "-p", parts.get("Port", "5432"), "-U", parts.get("Username", "postgres"),
                        "-d", "postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self.psql(f"CREATE DATABASE {self.database}")
        with open(os.path.join(self.root, "bench_smtp.py"), "w") as f:
            f.write(SMTP_HANDLER)
        self.processes["smtp"] = subprocess.Popen(
            ["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.smtp_port}", "-c", "bench_smtp.Save", self.mail],
            cwd=self.root, env={**os.environ, "PYTHONPATH": self.root}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for name in ("a", "b"):
            self.start_node(name)
            wait_healthy(self.node_ports[name], self.processes[name])
        self.start_nginx()

    def node_env(self, name):
        env = dict(os.environ)
        env.update({
            "Latchkey__Database__Provider": "postgres",
            "ConnectionStrings__Latchkey": f"{self.args.postgres};Database={self.database}",
            "Latchkey__DataDirectory": os.path.join(self.root, "node-" + name),
            # Every node needs the same key file: it encrypts the Data Protection keys and keys the audit chain.
            "Latchkey__KeyFile": os.path.join(self.root, "latchkey.key"),
            "Latchkey__PublicUrl": f"http://127.0.0.1:{self.nginx_port}",
            "Latchkey__Web__KnownProxies__0": "127.0.0.1",
            "Latchkey__Bootstrap__AdminEmail": ADMIN,
            "Latchkey__Bootstrap__AdminPassword": ADMIN_PASSWORD,
            "Latchkey__Smtp__Host": "127.0.0.1",
            "Latchkey__Smtp__Port": str(self.smtp_port),
            "Latchkey__Smtp__Security": "None",
            "Latchkey__Smtp__From": "Latchkey <latchkey@example.com>",
            "Latchkey__Outbox__PollInterval": "00:00:00.200",
            "Logging__LogLevel__Default": "Warning",
        })
        return env

    def start_node(self, name):
        log = open(os.path.join(self.root, f"node-{name}.log"), "w")
        self.processes[name] = subprocess.Popen(
            ["dotnet", self.args.dll, "serve", "--urls", f"http://127.0.0.1:{self.node_ports[name]}"],
            cwd=self.root, env=self.node_env(name), stdout=log, stderr=subprocess.STDOUT)
        self.processes[name].log_path = log.name

    def cli(self, *arguments, stdin=None):
        return subprocess.run(["dotnet", self.args.dll, *arguments], cwd=self.root, env=self.node_env("a"), input=stdin,
                              capture_output=True, text=True, check=True).stdout

    def start_nginx(self):
        conf = os.path.join(self.root, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""
worker_processes 1;
pid {self.root}/nginx.pid;
error_log {self.root}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {self.root}/nginx-body;
    proxy_temp_path {self.root}/nginx-proxy;
    upstream latchkey {{
        server 127.0.0.1:{self.node_ports['a']} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{self.node_ports['b']} max_fails=1 fail_timeout=5s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{self.nginx_port};
        client_max_body_size 64k;
        location / {{
            proxy_pass http://latchkey;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
        }}
    }}
}}
""")
        self.processes["nginx"] = subprocess.Popen(["nginx", "-p", self.root, "-c", conf, "-g", "daemon off;"],
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if request(self.nginx_port, "GET", "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not come up")

    def stop(self):
        for name, process in self.processes.items():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM if name in ("nginx", "dovecot") else signal.SIGKILL)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
        try:
            self.psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure_revocations(cluster, count):
    a, b = cluster.node_ports["a"], cluster.node_ports["b"]
    times, accepted_after, unreached = [], 0, 0
    for _ in range(count):
        cookie = sign_in(a, ADMIN, ADMIN_PASSWORD)
        assert request(b, "GET", "/api/v1/me", cookie=cookie)[0] == 200
        status = request(a, "DELETE", "/api/v1/session", cookie=cookie)[0]
        assert status in (200, 204), status
        answered = time.perf_counter()
        while True:
            status = request(b, "GET", "/api/v1/me", cookie=cookie)[0]
            if status == 401:
                times.append((time.perf_counter() - answered) * 1000)
                break
            accepted_after += 1
            if time.perf_counter() - answered > 5:
                unreached += 1
                break
    return times, accepted_after, unreached


def failover(cluster, seconds, workers=6):
    port = cluster.nginx_port
    users = []
    for i in range(workers):
        email = f"load{i}-{uuid.uuid4().hex[:6]}@example.com"
        password = f"Quartz-Lamp-{uuid.uuid4().hex[:10]}!"
        cluster.cli("accounts", "add", "--email", email, "--role", "User", "--password-stdin", stdin=password + "\n")
        users.append([email, password])
    events, changes, stop = [], [], threading.Event()
    lock = threading.Lock()
    kill_at = time.monotonic() + seconds / 3

    def work(index):
        email, password = users[index]
        cookie = None
        n = 0
        while not stop.is_set():
            n += 1
            started = time.monotonic()
            kind = "sign-in" if cookie is None or n % 10 == 0 else ("change" if index < 2 and n % 7 == 0 else "me")
            try:
                if kind == "sign-in":
                    status, _, new_cookie = request(port, "POST", "/api/v1/session", {"email": email, "password": password})
                    cookie = new_cookie if status == 200 else cookie
                elif kind == "change":
                    new = f"Quartz-Lamp-{uuid.uuid4().hex[:10]}!"
                    status, _, _ = request(port, "POST", "/api/v1/me/password",
                                           {"currentPassword": password, "newPassword": new, "confirmPassword": new}, cookie=cookie)
                    if 200 <= status < 300:
                        password = new
                        with lock:
                            changes.append(email)
                else:
                    status = request(port, "GET", "/api/v1/me", cookie=cookie)[0]
                ok = 200 <= status < 300
            except OSError:
                status, ok = 0, False
            with lock:
                events.append((started, kind, status, ok, time.monotonic() - started))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    while time.monotonic() < kill_at:
        time.sleep(0.05)
    cluster.processes["b"].send_signal(signal.SIGKILL)
    killed = time.monotonic()
    time.sleep(max(0, seconds - seconds / 3))
    stop.set()
    for t in threads:
        t.join()
    return events, changes, killed


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--dll", default=os.path.join(here, "..", "artifacts", "bin", "Latchkey", "debug", "latchkey.dll"))
    parser.add_argument("--postgres", default=os.environ.get("LATCHKEY_TEST_POSTGRES", "Host=127.0.0.1;Port=55432;Username=postgres"))
    parser.add_argument("--revocations", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    args.postgres = ";".join(p for p in args.postgres.split(";") if p and not p.lower().startswith("include error detail"))

    cluster = Cluster(args)
    try:
        cluster.start()
        times, accepted_after, unreached = measure_revocations(cluster, args.revocations)
        events, changes, killed = failover(cluster, args.seconds)
        deadline = time.monotonic() + 30
        expected = len(changes)
        while len([f for f in os.listdir(cluster.mail) if f.endswith(".eml")]) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)
        ids = []
        for name in os.listdir(cluster.mail):
            if name.endswith(".eml"):
                with open(os.path.join(cluster.mail, name), "rb") as f:
                    for line in f.read().decode("utf-8", "replace").splitlines():
                        if line.lower().startswith("message-id:"):
                            ids.append(line.split(":", 1)[1].strip())
                            break
    finally:
        cluster.stop()

    window = 5.0
    before = [e for e in events if e[0] < killed]
    around = [e for e in events if killed <= e[0] < killed + window]
    after = [e for e in events if e[0] >= killed + window]
    result = {
        "revocations": len(times),
        "revocation_ms_p50": round(statistics.median(times), 1) if times else None,
        "revocation_ms_p99": round(percentile(times, 0.99), 1) if times else None,
        "revocation_ms_max": round(max(times), 1) if times else None,
        "accepted_after_revoke_answer": accepted_after,
        "revocations_not_reaching_b_in_5s": unreached,
        "requests": len(events),
        "errors_before_kill": sum(not e[3] for e in before),
        "errors_within_5s_of_kill": sum(not e[3] for e in around),
        "errors_after": sum(not e[3] for e in after),
        "requests_after_kill": len(around) + len(after),
        "error_statuses": sorted({e[2] for e in events if not e[3]}),
        # 429 is the server's own sign-in throttling (the load signs in again every 10th request), not a failover error.
        "errors_by_status_and_kind": {f"{status} {kind}": sum(1 for e in events if not e[3] and e[2] == status and e[1] == kind)
                                      for status, kind in sorted({(e[2], e[1]) for e in events if not e[3]})},
        "errors_after_not_429": sum(not e[3] and e[2] != 429 for e in after),
        "password_changes": len(changes),
        "emails_received": len(ids),
        "emails_duplicated": len(ids) - len(set(ids)),
    }
    print(json.dumps(result, indent=None if args.json else 2))
    ok = result["errors_after_not_429"] == 0 and result["emails_duplicated"] == 0 and unreached == 0 and len(ids) >= len(changes)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
