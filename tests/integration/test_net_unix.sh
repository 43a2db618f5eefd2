#!/usr/bin/env bash
# mqpub --unix PATH: Paho gets a TCP socket, the socket layer swaps in one connected to mosquitto's unix
# listener, and the whole MQTT session runs over it. A missing socket is reported as unreachable (40).
set -euo pipefail

source "$(dirname "$0")/lib/own_broker.sh"

socket="$work/broker.sock"
broker_start "listener 0 $socket"

mosquitto_sub --unix "$socket" -t net/unix -C 1 -W 10 > "$work/received" & sub=$!
wait_log "Received SUBSCRIBE" 1
timeout 20 "$MQPUB" --unix "$socket" -t net/unix -m over-unix || fail "mqpub --unix exited $?"
wait "$sub" || fail "the subscriber got nothing"
[[ "$(cat "$work/received")" == "over-unix" ]] || fail "received '$(cat "$work/received")'"
(( $(grep -c "New connection from $socket" "$work/broker.log") == 2 )) || fail "mqpub did not come in over the unix socket"

set +e
timeout 20 "$MQPUB" --unix "$work/missing.sock" -t net/unix -m lost 2> "$work/stderr"
rc=$?
set -e
[[ $rc == 40 ]] || fail "a missing unix socket exited $rc, not 40"
grep -q "missing.sock" "$work/stderr" || fail "stderr does not name the socket: $(cat "$work/stderr")"
grep -qi "no such file or directory" "$work/stderr" || fail "stderr does not say why: $(cat "$work/stderr")"
echo "PASS"
