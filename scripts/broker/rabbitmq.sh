#!/usr/bin/env bash
# A private RabbitMQ node on 127.0.0.1 for the broker end-to-end tests (Debian's rabbitmq-server).
#
#   scripts/broker/rabbitmq.sh start DIR PORT   starts node baton-PORT@localhost, data and logs in DIR;
#                                               returns when it accepts connections (about 20 s);
#                                               prints amqp://guest:guest@127.0.0.1:PORT
#   scripts/broker/rabbitmq.sh stop DIR PORT    stops it (rabbitmqctl stop), removes nothing else
#
# Everything listens on 127.0.0.1 only: AMQP (PORT), Erlang distribution (PORT+10000) and epmd;
# rabbitmqctl's own short-lived node takes a port in PORT+10001..PORT+10010.
# Run as root (the Debian package's scripts switch to the rabbitmq user themselves).
set -euo pipefail
cmd="${1:?start|stop}"
dir="${2:?data directory}"
port="${3:?AMQP port}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

export RABBITMQ_NODENAME="baton-$port@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT="$((port + 10000))"
# rabbitmqctl's node listens in RABBITMQ_CTL_DIST_PORT_MIN..MAX, which is 35672..35682 unless set,
# whatever the server's ports are. With PORT 25672 the server's distribution port is 35672 too, so
# an `await_startup` poll that bound 35672 first made the server die with `dist_port_already_used`
# (a race; CI lost it once). The CLI's range is therefore set here, next to the server's port and
# never on it.
export RABBITMQ_CTL_DIST_PORT_MIN="$((port + 10001))"
export RABBITMQ_CTL_DIST_PORT_MAX="$((port + 10010))"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_MNESIA_BASE="$dir/mnesia"
export RABBITMQ_LOG_BASE="$dir/log"
export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_CRASH_DUMP="$dir/erl_crash.dump"

case "$cmd" in
  start)
    command -v rabbitmq-server >/dev/null || PATH="$PATH:/usr/sbin"
    echo '[].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    chown -R rabbitmq:rabbitmq "$dir" 2>/dev/null || true
    # The whole background job lets go of our stdout, or a caller reading it (execFileSync) waits forever.
    (cd "$dir" && exec setsid rabbitmq-server) >"$dir/server.out" 2>&1 </dev/null &
    echo $! >"$dir/server.pid"
    # await_startup fails at once while the node is not yet known to epmd: retry until it answers.
    deadline=$((SECONDS + 120))
    until rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup >"$dir/await.out" 2>&1; do
      if ! kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        echo "rabbitmq.sh: node $RABBITMQ_NODENAME did not start; see $dir/server.out:" >&2
        tail -20 "$dir/server.out" >&2
        exit 1
      fi
      sleep 1
    done
    echo "amqp://guest:guest@127.0.0.1:$port"
    ;;
  stop)
    PATH="$PATH:/usr/sbin"
    rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR PORT" >&2
    exit 2
    ;;
esac
