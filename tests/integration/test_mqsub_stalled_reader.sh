#!/usr/bin/env bash
# A reader that stops reading (a paused pager) must not stall the MQTT connection: messages wait in mqsub's
# queue while keepalive goes on (-k 5: the broker drops a silent client after 7.5 s), and once the reader
# resumes every message comes out, in order.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --extra "max_queued_messages 10000"

(
  "$MQSUB" -i stalled-sub -k 5 -p "$PORT_PLAIN" -t stall/a -q 1 -C 3000 -W 60 2> "$TEST_TMP/sub.err" |
    { sleep 10; cat > "$TEST_TMP/got.txt"; }
) &
pipeline=$!
fixture_track "$pipeline"
deadline=$((SECONDS + 10))
until grep -q 'Sending SUBACK to stalled-sub' "$BROKER_LOG"; do
  [[ $SECONDS -lt $deadline ]] || fixture_fail "mqsub did not subscribe"
  sleep 0.05
done
# 3000 lines of about 1 KiB: far more than a pipe holds, so the writer blocks until the reader wakes up.
filler=$(printf 'x%.0s' $(seq 1 1000))
seq -f "%04g $filler" 1 3000 | mosquitto_pub -p "$PORT_PLAIN" -t stall/a -l -q 1
wait "$pipeline" || fixture_fail "the pipeline failed" "$(cat "$TEST_TMP/sub.err")"
fixture_untrack "$pipeline"

assert_not_contains "$(cat "$BROKER_LOG")" "stalled-sub has exceeded timeout" "keepalive went on while stdout was stuck"
assert_eq "$(seq -f '%04g' 1 3000)" "$(cut -d' ' -f1 "$TEST_TMP/got.txt")" "every message, in order"
assert_eq "" "$(cat "$TEST_TMP/sub.err")"
