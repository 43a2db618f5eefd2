# Shared by the bench/ scripts: a throwaway mosquitto on a free 127.0.0.1 port, timing and medians.
# Not run in CI; every loop is bounded in count.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_bin=${MQ_BIN_DIR:-$bench_root/build/default/bin}
bench_tmp=$(mktemp -d)
bench_pids=()

bench_cleanup() {
  local pid
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$bench_tmp"
}
trap bench_cleanup EXIT

bench_start_broker() {
  BENCH_PORT=$("$bench_bin/free_port" 1)
  printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\nmax_inflight_messages 0\n' \
    "$BENCH_PORT" > "$bench_tmp/mosquitto.conf"
  mosquitto -c "$bench_tmp/mosquitto.conf" > "$bench_tmp/broker.log" 2>&1 &
  bench_pids+=($!)
  local tries
  for tries in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "broker did not start" >&2
  return 1
}

# Wall time of a command in milliseconds (float).
bench_time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000" | bc
}

bench_median() {
  sort -g | awk '{ values[NR] = $1 } END { if (NR % 2) print values[(NR + 1) / 2]; else print (values[NR / 2] + values[NR / 2 + 1]) / 2 }'
}
