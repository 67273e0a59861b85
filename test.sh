#!/usr/bin/env bash
# Runs all of Latchkey's tests on a fresh Debian 12 machine with the .NET 10 SDK:
#  - installs the Debian packages the tests use (libsodium23, postgresql, chromium, dovecot, aiosmtpd …);
#  - restores (locked in CI), builds with warnings as errors, checks formatting;
#  - starts a throwaway PostgreSQL cluster on 127.0.0.1 on a free port;
#  - runs every test project against SQLite, then against PostgreSQL (browser tests in a lane of their own, beside the rest);
#  - stops what it started, and ends with one line: "N passed, N failed" (", N skipped" when any).
# Exit code: 0 only when everything passed.
set -euo pipefail
cd "$(dirname "$0")"
repo=$(pwd)
started=$SECONDS
phase() { echo "test.sh: [$((SECONDS - started)) s] $*"; }

packages=(libsodium23 postgresql chromium python3-aiosmtpd dovecot-core dovecot-imapd dovecot-submissiond dovecot-sqlite dovecot-pgsql sqlite3 fonts-dejavu-core nginx)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  phase "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

run_dir=$(mktemp -d /tmp/latchkey-test.XXXXXX)
chmod 755 "$run_dir"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_data="$run_dir/pg"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  if [ -f "$pg_data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$run_dir"
}
trap cleanup EXIT

restore_flags=()
[ "${CI:-}" = "true" ] && restore_flags+=(--locked-mode)
phase "restoring NuGet packages"
dotnet restore Latchkey.slnx "${restore_flags[@]}" -v quiet
phase "building (warnings are errors)"
dotnet build Latchkey.slnx --no-restore -v quiet -nologo -clp:ErrorsOnly
phase "checking formatting"
dotnet format Latchkey.slnx --verify-no-changes --no-restore -v quiet
phase "starting a throwaway PostgreSQL"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$pg_data"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_data"
as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null
export LATCHKEY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"

# Two lanes run at once: the browser tests (Chromium mostly waits on the server and on rendering) beside the other
# projects. Each run's output goes to its own log, printed whole when the run fails and as its last line otherwise.
# LATCHKEY_TEST_LANES=1 runs everything one after the other.
mkdir -p "$run_dir/logs"
run_tests() {
  local provider=$1 project=$2 name other log
  name=$(basename "$project" .csproj)
  # Tests marked [Trait("Provider", "<other>")] check what only the other database has; they run in its pass.
  other=$([ "$provider" = sqlite ] && echo postgres || echo sqlite)
  log="$run_dir/logs/$provider-$name.log"
  phase "$name on $provider: started"
  if LATCHKEY_TEST_PROVIDER=$provider dotnet test "$project" --no-build --nologo --filter "Provider!=$other" \
      --logger "trx;LogFileName=$provider-$name.trx" --results-directory "$run_dir/results" >"$log" 2>&1; then
    phase "$name on $provider: $(grep -E 'Passed!|Failed!' "$log" | tail -n 1 | sed 's/^ *//')"
  else
    phase "$name on $provider: FAILED"
    cat "$log"
    return 1
  fi
}
lane() {
  local failed=0 provider project
  for provider in sqlite postgres; do
    for project in "$@"; do
      run_tests "$provider" "$project" || failed=1
    done
  done
  return $failed
}
browser_projects=(tests/Latchkey.Browser.Tests/Latchkey.Browser.Tests.csproj)
other_projects=()
for project in tests/*/*.csproj; do
  [ "$project" = "${browser_projects[0]}" ] || other_projects+=("$project")
done
status=0
if [ "${LATCHKEY_TEST_LANES:-2}" = 1 ]; then
  lane "${browser_projects[@]}" "${other_projects[@]}" || status=1
else
  lane "${browser_projects[@]}" & browser_lane=$!
  lane "${other_projects[@]}" || status=1
  wait "$browser_lane" || status=1
fi

summary=$(python3 - "$run_dir/results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
slowest = []
for path in glob.glob(sys.argv[1] + "/*.trx"):
    run = path.rsplit("/", 1)[-1].split("-", 1)[0]
    for result in ET.parse(path).getroot().iter("{*}UnitTestResult"):
        h, m, s = result.get("duration", "0:0:0").split(":")
        slowest.append((int(h) * 3600 + int(m) * 60 + float(s), run, result.get("testName")))
for seconds, run, name in sorted(slowest, reverse=True)[:8]:
    print(f"slow: {seconds:6.1f} s  {run}  {name}", file=sys.stderr)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
)
expected=$(( $(ls tests/*/*.csproj | wc -l) * 2 ))
found=$(ls "$run_dir"/results/*.trx 2>/dev/null | wc -l)
if [ "$found" -ne "$expected" ]; then
  echo "test.sh: $found of $expected test runs reported results" >&2
  status=1
fi
case "$summary" in *" 0 failed"*) ;; *) status=1 ;; esac
phase "done"
echo "$summary"
exit $status
