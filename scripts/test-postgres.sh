#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the server tests and prints its URL.
# Debian's server refuses to run as root, so the cluster belongs to the `postgres` user.
# Usage: eval "$(bash scripts/test-postgres.sh)"  -> exports KIZUNA_TEST_DATABASE_URL
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "echo 'test-postgres: no PostgreSQL server installed' >&2"
  exit 0
fi
port=${KIZUNA_TEST_PG_PORT:-55432}
dir=/tmp/kizuna-pg-$port
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if ! run "$bin/pg_ctl -D $dir status" >/dev/null 2>&1; then
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  run "$bin/initdb -D $dir -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  run "$bin/pg_ctl -D $dir -l $dir/server.log -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -w start" >/dev/null
fi
echo "export KIZUNA_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
