# Sourced by .ci/run: a throw-away PostgreSQL cluster for corpus/store/postgres
# and the commands that use it. Exports KUTIP_TEST_POSTGRES (a URL whose
# database the tests may fill); a URL already set is used as it is.
# initdb refuses to run as root, so as root the server runs as the postgres
# user Debian's package creates.
if [ -z "${KUTIP_TEST_POSTGRES:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ]; then
    echo "ci: installing postgresql"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/kutip-pg.XXXXXX")
  pg_as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$pg_dir"
    pg_as=(runuser -u postgres --)
  fi
  # A test cluster: no durability needed, the socket in its own directory
  # (no TCP port to collide with another cluster on the machine).
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log"
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-k $pg_dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  stop_postgres() {
    "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
    rm -rf "$pg_dir"
  }
  CI_CLEANUP+=(stop_postgres)
  "$pg_bin/createdb" -h "$pg_dir" -U postgres kutip_test
  export KUTIP_TEST_POSTGRES="postgres://postgres@/kutip_test?host=$pg_dir"
  echo "ci: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $KUTIP_TEST_POSTGRES"
fi
