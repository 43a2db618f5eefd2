#!/usr/bin/env bash
# mqpub --nodelay: the broker connection gets TCP_NODELAY (seen with strace when it is allowed here) and
# still delivers; without --nodelay the option is never set.
set -euo pipefail

# --- broker helpers (own mosquitto, like the other test_net_* scripts) ---
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

mosquitto_sub -p "$port" -t net/nodelay -C 1 -W 10 > "$work/received" & sub=$!
wait_log "Received SUBSCRIBE" 1
timeout 20 "$MQPUB" --nodelay -h 127.0.0.1 -p "$port" -t net/nodelay -m quick || fail "mqpub --nodelay exited $?"
wait "$sub" || fail "the subscriber got nothing"
[[ "$(cat "$work/received")" == "quick" ]] || fail "received '$(cat "$work/received")'"

if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  strace -f -e trace=setsockopt -o "$work/with" timeout 20 "$MQPUB" --nodelay -h 127.0.0.1 -p "$port" -t net/nodelay -m a
  grep -q "TCP_NODELAY, \[1\]" "$work/with" || fail "no TCP_NODELAY with --nodelay: $(cat "$work/with")"
  strace -f -e trace=setsockopt -o "$work/without" timeout 20 "$MQPUB" -h 127.0.0.1 -p "$port" -t net/nodelay -m b
  ! grep -q "TCP_NODELAY" "$work/without" || fail "TCP_NODELAY set without --nodelay"
else
  echo "note: strace not usable here; checked delivery only"
fi
echo "PASS"
