#!/usr/bin/env bash
# `mqsub | head -n 1`: mqsub ends quietly with status 0 as soon as head has gone, even when no further
# message comes to write; and each message reaches the pipe as it arrives, not when a buffer fills.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

(
  set +e
  "$MQSUB" -i head-sub -p "$PORT_PLAIN" -t head/a 2> "$TEST_TMP/head.err" | head -n 1 > "$TEST_TMP/head.out"
  echo "${PIPESTATUS[0]}" > "$TEST_TMP/head.status"
) &
pipeline=$!
fixture_track "$pipeline"
deadline=$((SECONDS + 10))
until grep -q 'Sending SUBACK to head-sub' "$BROKER_LOG"; do
  [[ $SECONDS -lt $deadline ]] || fixture_fail "mqsub did not subscribe"
  sleep 0.05
done
mosquitto_pub -p "$PORT_PLAIN" -t head/a -m only-one
started=$SECONDS
wait "$pipeline"
fixture_untrack "$pipeline"
[[ $((SECONDS - started)) -le 2 ]] || fixture_fail "mqsub outlived head by $((SECONDS - started)) s"
assert_eq only-one "$(cat "$TEST_TMP/head.out")"
assert_eq 0 "$(cat "$TEST_TMP/head.status")" "mqsub's status"
assert_eq "" "$(cat "$TEST_TMP/head.err")" "nothing on stderr"

# Per-message flushing into a pipe: the first message is readable while mqsub still runs.
mkfifo "$TEST_TMP/fifo"
"$MQSUB" -i fifo-sub -p "$PORT_PLAIN" -t head/b -0 > "$TEST_TMP/fifo" 2> "$TEST_TMP/fifo.err" &
fixture_track $!
exec 3< "$TEST_TMP/fifo"
deadline=$((SECONDS + 10))
until grep -q 'Sending SUBACK to fifo-sub' "$BROKER_LOG"; do
  [[ $SECONDS -lt $deadline ]] || fixture_fail "mqsub did not subscribe"
  sleep 0.05
done
mosquitto_pub -p "$PORT_PLAIN" -t head/b -m 'one record'
IFS= read -r -d '' -t 5 record <&3 || fixture_fail "no NUL-terminated record within 5 s"
assert_eq 'one record' "$record"
exec 3<&-
