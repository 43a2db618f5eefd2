#!/usr/bin/env bash
# mqpub --rr (mosquitto_rr): the request carries response-topic and correlation-data, the matching
# response is printed; no response within -W gives status 27.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

# A responder: reads one request with its response topic and correlation data, answers it.
(
  request=$(mosquitto_sub -V 5 -p "$PORT_PLAIN" -t rr/request -C 1 -W 20 -F '%R|%D|%p')
  IFS='|' read -r reply_topic correlation payload <<< "$request"
  mosquitto_pub -V 5 -p "$PORT_PLAIN" -t "$reply_topic" -m "answer to $payload" \
    -D publish correlation-data "$correlation"
) &
fixture_track $!
sleep 0.5

run_capture rr "$MQPUB" --rr -p "$PORT_PLAIN" -t rr/request -e rr/reply -m question -W 10
assert_eq 0 "$rr_rc" "rr status: $rr_err"
assert_eq "answer to question" "$rr_out"

run_capture silent "$MQPUB" --rr -p "$PORT_PLAIN" -t rr/nobody -e rr/void -m hello -W 500ms
assert_eq 27 "$silent_rc"
assert_contains "$silent_err" "mqpub: error: timed out: no response on 'rr/void' within 500ms"

# -F formats the response as mqsub would.
(
  request=$(mosquitto_sub -V 5 -p "$PORT_PLAIN" -t rr/request2 -C 1 -W 20 -F '%R|%D')
  IFS='|' read -r reply_topic correlation <<< "$request"
  mosquitto_pub -V 5 -p "$PORT_PLAIN" -t "$reply_topic" -m '{"ok":true}' -D publish correlation-data "$correlation" \
    -D publish content-type application/json
) &
fixture_track $!
sleep 0.5
run_capture formatted "$MQPUB" --rr -p "$PORT_PLAIN" -t rr/request2 -e rr/reply2 -m q -W 10 -F '%t %C %p'
assert_eq 0 "$formatted_rc" "rr -F: $formatted_err"
assert_eq 'rr/reply2 application/json {"ok":true}' "$formatted_out"
