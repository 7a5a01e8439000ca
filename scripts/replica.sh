#!/usr/bin/env bash
# A PostgreSQL streaming replica of the local primary, for the read-replica test and the bench.
#
#   scripts/replica.sh start   copy the primary (127.0.0.1:5432) with pg_basebackup into a
#                              temporary directory and start it as a hot standby on $REPLICA_PORT
#   scripts/replica.sh stop    stop it and remove the directory
#   scripts/replica.sh status  exit 0 when it answers and is in recovery
#
# Idempotent: `start` does nothing when the standby already answers. Exit code 3 when there is
# no PostgreSQL to copy (callers skip the replica test then). The primary needs a replication
# line in pg_hba.conf and WAL senders; both are set here when missing (trust on 127.0.0.1 only,
# as the primary's own rules already are in CI).
set -euo pipefail

PRIMARY_HOST=127.0.0.1
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/tmp/parindex-replica-$REPLICA_PORT}
PSQL=(psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -Atq -d postgres)

bindir() {
  local dir
  dir=$(pg_config --bindir 2>/dev/null || true)
  if [ -z "$dir" ] || [ ! -x "$dir/pg_ctl" ]; then
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  echo "$dir"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

answers() { pg_isready -q -h 127.0.0.1 -p "$1" 2>/dev/null; }

in_recovery() {
  [ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atq -d postgres \
        -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]
}

prepare_primary() {
  local hba changed=0
  hba=$("${PSQL[@]}" -c 'SHOW hba_file')
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    printf '\n# parindex: streaming replica on the same machine (scripts/replica.sh)\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
    "${PSQL[@]}" -c 'SELECT pg_reload_conf()' >/dev/null
  fi
  if [ "$("${PSQL[@]}" -c 'SHOW wal_level')" = minimal ]; then
    "${PSQL[@]}" -c "ALTER SYSTEM SET wal_level = 'replica'" >/dev/null
    changed=1
  fi
  if [ "$("${PSQL[@]}" -c 'SHOW max_wal_senders')" -lt 2 ]; then
    "${PSQL[@]}" -c 'ALTER SYSTEM SET max_wal_senders = 10' >/dev/null
    changed=1
  fi
  if [ "$changed" = 1 ]; then  # both need a restart of the primary
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main restart
    for _ in $(seq 1 30); do answers "$PRIMARY_PORT" && break; sleep 1; done
  fi
}

start() {
  if ! command -v pg_basebackup >/dev/null || ! answers "$PRIMARY_PORT"; then
    echo "replica: no PostgreSQL on $PRIMARY_HOST:$PRIMARY_PORT, skipped" >&2
    exit 3
  fi
  if answers "$REPLICA_PORT" && in_recovery; then
    echo "replica: already streaming on port $REPLICA_PORT"
    return
  fi
  prepare_primary
  local bin
  bin=$(bindir)
  rm -rf "$REPLICA_DIR"
  mkdir -p "$REPLICA_DIR"
  chmod 700 "$REPLICA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$REPLICA_DIR"
  # -R writes standby.signal and primary_conninfo; -X stream copies the WAL of the copy.
  as_postgres "$bin/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres \
    -D "$REPLICA_DIR" -R -X stream -c fast
  # Debian keeps the configuration outside the data directory: give the standby its own, with
  # the limits a hot standby must not set below the primary's.
  {
    echo "port = $REPLICA_PORT"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$REPLICA_DIR'"
    echo "hot_standby = on"
    echo "hot_standby_feedback = on"
    echo "max_standby_streaming_delay = 30s"
    for name in max_connections max_worker_processes max_wal_senders \
      max_prepared_transactions max_locks_per_transaction; do
      echo "$name = $("${PSQL[@]}" -c "SHOW $name")"
    done
    echo "shared_buffers = 64MB"
    echo "logging_collector = off"
  } >"$REPLICA_DIR/postgresql.conf"
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$REPLICA_DIR/pg_hba.conf"
  : >"$REPLICA_DIR/pg_ident.conf"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$REPLICA_DIR"/*.conf
  as_postgres "$bin/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/server.log" -w -t 60 start >/dev/null
  for _ in $(seq 1 30); do in_recovery && break; sleep 1; done
  in_recovery || { echo "replica: did not start, see $REPLICA_DIR/server.log" >&2; exit 1; }
  echo "replica: streaming from $PRIMARY_PORT on port $REPLICA_PORT ($REPLICA_DIR)"
}

stop() {
  if [ -d "$REPLICA_DIR" ]; then
    as_postgres "$(bindir)/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$REPLICA_DIR"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) answers "$REPLICA_PORT" && in_recovery ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
