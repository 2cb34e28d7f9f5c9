#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (installed by install-deps.sh) on 127.0.0.1:5432 and makes sure the
# test role and database exist. Prints the connection string for ZOS_TEST_POSTGRES. Idempotent.
set -euo pipefail
# Only the connection string goes to stdout: the caller captures it whole, and pg_ctlcluster, su and psql print
# notices on a fresh machine (a stray line once became an unknown connection-string keyword in CI). The server
# must not inherit that stdout (fd 3): a caller's $(...) would wait for it to close, i.e. forever (a CI hang).
exec 3>&1 1>&2
cd /
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
[ -n "$ver" ] || { echo "start-postgres: PostgreSQL is not installed" >&2; exit 1; }
if ! pg_lsclusters -h | grep -q "^$ver main"; then pg_createcluster "$ver" main >/dev/null; fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" main start 3>&- </dev/null
fi
for _ in $(seq 1 50); do su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 0.2; done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='zos'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"create role zos login superuser password 'zos'\"" >/dev/null
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='zos_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc 'create database zos_test owner zos'" >/dev/null
echo "Host=127.0.0.1;Port=5432;Username=zos;Password=zos;Database=zos_test" >&3
