#!/usr/bin/python3
# argon2id-verify.py MEMORY_KIB ITERATIONS COUNT THREADS: the raw rate of libsodium Argon2id verifications (the work
# Dovecot does for every IMAP login), COUNT in total over THREADS threads; prints verifications/s.
import ctypes, sys, threading, time

memory_kib, iterations, count, threads = (int(a) for a in sys.argv[1:5])
sodium = ctypes.CDLL("libsodium.so.23")
assert sodium.sodium_init() >= 0
password = b"Bench-Pass-42!"
phc = ctypes.create_string_buffer(128)
assert sodium.crypto_pwhash_str_alg(phc, password, ctypes.c_ulonglong(len(password)), ctypes.c_ulonglong(iterations),
                                    ctypes.c_size_t(memory_kib * 1024), 2) == 0
per_thread = count // threads

def verify():
    for _ in range(per_thread):
        assert sodium.crypto_pwhash_str_verify(phc, password, ctypes.c_ulonglong(len(password))) == 0

started = time.monotonic()
workers = [threading.Thread(target=verify) for _ in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(f"{per_thread * threads / (time.monotonic() - started):.1f}")
