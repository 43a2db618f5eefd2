#!/usr/bin/env bash
# mqpub -A ADDRESS binds the broker connection's source address: mosquitto logs the client as 127.0.0.2.
# An address this host does not have is reported as unreachable (40) with the reason.
set -euo pipefail

source "$(dirname "$0")/lib/own_broker.sh"

port=$(free_port)
broker_start "listener $port 127.0.0.1"

mosquitto_sub -p "$port" -t net/bind -C 1 -W 10 > "$work/received" & sub=$!
wait_log "Received SUBSCRIBE" 1
timeout 20 "$MQPUB" -A 127.0.0.2 -h 127.0.0.1 -p "$port" -t net/bind -m from-127.0.0.2 || fail "mqpub -A exited $?"
wait "$sub" || fail "the subscriber got nothing"
[[ "$(cat "$work/received")" == "from-127.0.0.2" ]] || fail "received '$(cat "$work/received")'"
grep -q "New connection from 127.0.0.2:[0-9]* on port $port" "$work/broker.log" ||
  fail "mosquitto did not see 127.0.0.2: $(grep 'New connection' "$work/broker.log")"

set +e
timeout 20 "$MQPUB" -A 192.0.2.1 -h 127.0.0.1 -p "$port" -t net/bind -m never 2> "$work/stderr"
rc=$?
set -e
[[ $rc == 40 ]] || fail "an address we do not have exited $rc, not 40"
grep -q "cannot assign requested address" "$work/stderr" || fail "stderr does not say why: $(cat "$work/stderr")"
echo "PASS"
