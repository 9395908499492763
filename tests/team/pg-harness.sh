# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the team tests: a throwaway PostgreSQL 15 in a temporary folder,
# listening only on a Unix socket in that folder, stopped and removed when the
# test script exits however it exits.  CI runs as root and PostgreSQL refuses
# to, so as root the server runs as the unprivileged user postgres.
#
# Gives: $pg_dir (socket folder), $pg_admin (conninfo of the superuser
# "postgres" on database "team"), pg_stop / pg_start, psql_as USER PASSWORD SQL,
# and the TAP helpers of tests/common/tap.sh.

team_dir=${team_dir:-$(dirname "$0")}
. "$team_dir/../common/tap.sh"
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_dir=$(mktemp -d /tmp/xj-pg.XXXXXX)

as_pg () {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start () {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 start >/dev/null
}

pg_stop () {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m "${1:-fast}" -w stop >/dev/null 2>&1
}

pg_cleanup () {
  pg_stop immediate
  rm -rf "$pg_dir"
}
trap pg_cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
# The superuser needs no password over the socket (it sets up the test);
# everyone else gives one, as on a real server.
printf 'local all postgres trust\nlocal all all scram-sha-256\n' >"$pg_dir/hba"
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir/hba"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  >"$pg_dir/initdb.log" 2>&1 || { echo "Bail out! initdb failed"; cat "$pg_dir/initdb.log" >&2; exit 1; }
cat >>"$pg_dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$pg_dir'
hba_file = '$pg_dir/hba'
fsync = off
password_encryption = 'scram-sha-256'
CONF
pg_start || { echo "Bail out! PostgreSQL did not start"; cat "$pg_dir/log" >&2; exit 1; }
"$pg_bin/createdb" -h "$pg_dir" -U postgres team || { echo "Bail out! createdb failed"; exit 1; }
pg_admin="host=$pg_dir user=postgres dbname=team"

# psql_as USER PASSWORD SQL: runs SQL as USER, quietly; status 0 on success.
psql_as () {
  PGPASSWORD=$2 "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U "$1" -d team \
    -c "$3" >/dev/null 2>>"$pg_dir/psql.err"
}

# psql_value SQL: one value, as the superuser.
psql_value () {
  "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d team -c "$1"
}
