#!/usr/bin/env bash
# Runs Latchkey with its embedded defaults: the store is SQLite in ./data, e-mail is written as .eml files to
# ./data/mail-outbox/, the panel and API listen on http://127.0.0.1:5080. On the first start it creates the first
# administrator from Latchkey__Bootstrap__AdminEmail / Latchkey__Bootstrap__AdminPassword, or prints a one-time
# setup link. Extra arguments go to `latchkey serve` (e.g. --urls http://127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")"
if ! dpkg-query -W -f='${Status}' libsodium23 2>/dev/null | grep -q "install ok installed"; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "run.sh: installing libsodium23 (Argon2id) …"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libsodium23 >/dev/null
fi
echo "run.sh: starting Latchkey on ${ASPNETCORE_URLS:-http://127.0.0.1:5080} with the store in $(pwd)/data"
exec ./latchkey serve "$@"
