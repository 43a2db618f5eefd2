#!/usr/bin/env bash
# Retained messages: -R hides them, --retained-only prints them and exits 0 at once (our end marker, or the
# first live message), --remove-retained clears what it prints, proven by an independent mosquitto_sub.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

for n in 1 2 3; do mosquitto_pub -p "$PORT_PLAIN" -t "ret/$n" -m "stored $n" -r -q 1; done

# --retained-only ends by itself once the retained messages are in: no -W needed, for QoS 0 and 1.
for qos in 0 1; do
  started=$SECONDS
  run_capture only "$MQSUB" -p "$PORT_PLAIN" -t 'ret/#' -v --retained-only -q "$qos"
  assert_eq 0 "$only_rc" "--retained-only -q $qos: $only_err"
  assert_eq $'ret/1 stored 1\nret/2 stored 2\nret/3 stored 3' "$only_out"
  [[ $((SECONDS - started)) -le 2 ]] || fixture_fail "--retained-only took $((SECONDS - started)) s"
done

# -R: stale retained messages are not printed, live ones are.
mqsub_start "$TEST_TMP/live.out" live-sub -p "$PORT_PLAIN" -t 'ret/#' -R -C 1 -W 10
mosquitto_pub -p "$PORT_PLAIN" -t ret/2 -m 'live now'
wait "$MQSUB_PID" || fixture_fail "-R subscriber failed" "$(cat "$TEST_TMP/live.out.err")"
fixture_untrack "$MQSUB_PID"
assert_eq 'live now' "$(cat "$TEST_TMP/live.out")"

# --retained-only with a live message first: it ends the run without being printed.
mqsub_start "$TEST_TMP/first-live.out" first-live-sub -p "$PORT_PLAIN" -t 'none/#' --retained-only -W 10
mosquitto_pub -p "$PORT_PLAIN" -t none/x -m 'live'
wait "$MQSUB_PID" || fixture_fail "--retained-only subscriber failed" "$(cat "$TEST_TMP/first-live.out.err")"
fixture_untrack "$MQSUB_PID"
assert_eq "" "$(cat "$TEST_TMP/first-live.out")"

# --remove-retained with -T: ret/1 and ret/3 are cleared, ret/2 (filtered out) stays.
run_capture remove "$MQSUB" -p "$PORT_PLAIN" -t 'ret/#' -T ret/2 --retained-only --remove-retained -v
assert_eq 0 "$remove_rc" "$remove_err"
assert_eq $'ret/1 stored 1\nret/3 stored 3' "$remove_out"
run_capture left mosquitto_sub -p "$PORT_PLAIN" -t 'ret/#' -v -W 1
assert_eq 'ret/2 stored 2' "$left_out" "only the filtered-out retained message is left"
