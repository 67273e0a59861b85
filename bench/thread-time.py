#!/usr/bin/env python3
"""Where a server's threads spent a time window: on a CPU, runnable but waiting for one, or asleep.

usage: thread-time.py PID NAME_PREFIX SECONDS
Reads /proc/PID/task/*/schedstat (on-CPU ns, run-queue wait ns) for the threads whose name starts with NAME_PREFIX
at the start and the end of the window, and prints their shares of (threads x window) and the CPU the process's other
threads used (in cores), e.g. for Latchkey's hashing
threads (latchkey-hashin…): idle time while sign-ins are waiting means the pipeline, not the CPU, is the limit.
"""
import os
import sys
import time


def sample(pid, prefix):
    """(named threads: tid -> (on-CPU ns, run-queue ns), the process's other threads: tid -> on-CPU ns)."""
    threads = {}
    others = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                named = f.read().strip().startswith(prefix)
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                on_cpu, waiting, _ = (int(x) for x in f.read().split())
        except FileNotFoundError:
            continue
        if named:
            threads[tid] = (on_cpu, waiting)
        else:
            others[tid] = on_cpu
    return threads, others


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: thread-time.py PID NAME_PREFIX SECONDS")
    pid, prefix, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if not pid.isdigit() or not os.path.isdir(f"/proc/{pid}/task"):
        sys.exit(f"thread-time.py: no process {pid}")
    before, others_before = sample(pid, prefix)
    started = time.monotonic()
    time.sleep(seconds)
    after, others_after = sample(pid, prefix)
    window = (time.monotonic() - started) * 1e9
    tids = [t for t in after if t in before]
    if not tids:
        print(f"no thread named {prefix}*")
        return
    total = window * len(tids)
    on_cpu = sum(after[t][0] - before[t][0] for t in tids) / total
    waiting = sum(after[t][1] - before[t][1] for t in tids) / total
    # Threads that ended during the window are missed, which only understates the others' CPU; threads that began
    # during it count from zero.
    others = sum(ns - others_before.get(tid, 0) for tid, ns in others_after.items()) / window
    print(f"{len(tids)} {prefix}* threads: on a CPU {on_cpu:.0%}, waiting for a CPU {waiting:.0%}, asleep {1 - on_cpu - waiting:.0%};"
          f" the process's other threads used {others:.2f} CPU")


main()
