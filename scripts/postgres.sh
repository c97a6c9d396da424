#!/usr/bin/env bash
# Install (Debian) and start a throwaway PostgreSQL on 127.0.0.1:55432 for the tests.
set -euo pipefail
PORT=${ACESCOUT_PG_PORT:-55432}
DIR=${ACESCOUT_PG_DIR:-/tmp/acescout-pg}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  command -v apt-get >/dev/null || exit 1
  (apt-get install -y -qq postgresql >/dev/null 2>&1 || \
   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null 2>&1)) || exit 1
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
RUNAS=""
if [ "$(id -u)" = "0" ]; then RUNAS="runuser -u postgres --"; fi
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"; [ -n "$RUNAS" ] && chown postgres "$DIR"
  $RUNAS "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
fi
if ! $RUNAS "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  $RUNAS "$BIN/pg_ctl" -D "$DIR" -l "$DIR/log" -w -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
