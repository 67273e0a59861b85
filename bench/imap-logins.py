#!/usr/bin/python3
# imap-logins.py PORT USER PASSWORD COUNT CONCURRENCY: COUNT IMAP logins (connect, LOGIN, LOGOUT) on 127.0.0.1,
# spread over CONCURRENCY threads; prints "logins/s p50_ms p95_ms" for the successful ones and fails on any refusal.
import imaplib, statistics, sys, threading, time

port, user, password, count, concurrency = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
latencies, errors, lock = [], [], threading.Lock()
todo = iter(range(count))

def worker():
    while True:
        with lock:
            if next(todo, None) is None:
                return
        started = time.monotonic()
        try:
            client = imaplib.IMAP4("127.0.0.1", port, timeout=30)
            client.login(user, password)
            client.logout()
            with lock:
                latencies.append(time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(error))

started = time.monotonic()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.monotonic() - started
if errors:
    sys.exit(f"{len(errors)} logins failed, first: {errors[0]}")
latencies.sort()
print(f"{len(latencies) / elapsed:.1f} {statistics.median(latencies) * 1000:.0f} {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f}")
