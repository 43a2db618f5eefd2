#!/usr/bin/env bash
# mqpub --unix PATH: Paho gets a TCP socket, the socket layer swaps in one connected to mosquitto's unix
# listener, and the whole MQTT session runs over it. A missing socket is reported as unreachable (40).
set -euo pipefail

# --- broker helpers (own mosquitto: the shared fixture cannot add a unix listener) ---
MQPUB="${MQ_BIN_DIR:?}/mqpub"
[[ -x "$MQPUB" ]] || { echo "SKIP: $MQPUB not built"; exit 77; }
command -v mosquitto >/dev/null || { echo "SKIP: no mosquitto"; exit 77; }
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Below the kernel's ephemeral range (32768+), so no outgoing connection can be holding it.
free_port() {
  local port
  while :; do port=$((20000 + RANDOM % 12000)); ss -Htan "sport = :$port" | grep -q . || { echo "$port"; return; }; done
}
# broker_start LISTENER_LINES...: starts mosquitto with these listener lines, logging to $work/broker.log.
broker_start() {
  { echo "user $(id -un)"; printf '%s\n' "$@"; echo "allow_anonymous true"; echo "log_type all"
    echo "log_dest file $work/broker.log"; } > "$work/broker.conf"
  mosquitto -c "$work/broker.conf" >/dev/null 2>&1 & pids+=($!)
  for _ in $(seq 50); do grep -q "running" "$work/broker.log" 2>/dev/null && return; sleep 0.1; done
  cat "$work/broker.log" >&2; fail "mosquitto did not start"
}
# wait_log PATTERN COUNT: until the broker log holds COUNT lines matching PATTERN.
wait_log() {
  for _ in $(seq 50); do (( $(grep -c -- "$1" "$work/broker.log") >= $2 )) && return; sleep 0.1; done
  fail "broker log never showed $2 x '$1'"
}

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
