# Sourced by the test_net_* scenarios, which need a mosquitto of their own (a unix listener, reading its
# log): defines MQPUB, work (a temp dir removed at exit), pids (stopped at exit), fail, free_port,
# broker_start LISTENER_LINES... and wait_log PATTERN COUNT.
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
