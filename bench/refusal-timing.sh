#!/usr/bin/env bash
# The four refused sign-ins take the same time: starts a server (per-IP limits off, so 800 refusals from one address
# are answered rather than refused with 429) and runs refusal-timing.py, which prints the four medians over 200
# interleaved attempts each and fails past 5 %. LATCHKEY_BENCH_POSTGRES as in server-lib.sh.
export Latchkey__Lockout__IpRefuseAfter=0 Latchkey__Lockout__IpDelayAfter=0
source "$(dirname "$0")/server-lib.sh"
start_server
echo "Machine: $(machine)"
python3 "$root/bench/refusal-timing.py" "$url" "$admin_email" "$admin_password" "${ATTEMPTS:-200}"
