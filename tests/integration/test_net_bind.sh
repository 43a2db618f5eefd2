#!/usr/bin/env bash
# mqpub -A ADDRESS binds the broker connection's source address: mosquitto logs the client as 127.0.0.2.
# An address this host does not have is reported as unreachable (40) with the reason.
set -euo pipefail

# --- broker helpers (own mosquitto: the test reads its log) ---
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
