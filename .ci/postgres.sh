#!/usr/bin/env bash
# A throwaway PostgreSQL server for the subscribers tests, from Debian's package (installed when
# missing): a new cluster in DIR, listening on 127.0.0.1 at a free port, trusted local logins.
#
#   eval "$(bash .ci/postgres.sh start DIR)"   # prints: export DATABASE_URL=postgres://…
#   bash .ci/postgres.sh stop DIR
#
# As root (CI, the developers' machines) the server runs as the postgres user, which initdb and
# pg_ctl require; as anyone else, as that user.
set -euo pipefail
command=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(bindir)" ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(bindir)
# The project's Node after npm ci, else the machine's.
node="$(dirname "$0")/../node_modules/.bin/node"
[ -x "$node" ] || node=node
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port=$("$node" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    # fsync off: a test database is thrown away, and the tests run faster without it.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
    ;;
  *)
    echo "postgres.sh: unknown command $command (use start or stop)" >&2
    exit 2
    ;;
esac
