#!/usr/bin/env bash
# mqjson subscribing itself: wildcard topics, metadata fields ($topic, $topic[N], $qos, $retain, v5
# properties), --where with -C, bad payloads skipped with a warning, -W timeout 27.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

out="$TEST_TMP/rows.txt"
"$MQJSON" -V 5 -p "$PORT_PLAIN" -t 'plant/+/temp' -q 1 -C 2 -W 20 -i mqjson-sub \
  '$topic' '$topic[1]' '$qos' .value '$prop.content-type' '$prop.unit' > "$out" 2> "$TEST_TMP/err.txt" &
json_pid=$!
fixture_track "$json_pid"
wait_subscribed mqjson-sub
mosquitto_pub -p "$PORT_PLAIN" -t plant/a/temp -m 'not json' -q 1
mosquitto_pub -V 5 -p "$PORT_PLAIN" -t plant/a/temp -m '{"value": 21.5}' -q 1 \
  -D publish content-type application/json -D publish user-property unit celsius
mosquitto_pub -p "$PORT_PLAIN" -t plant/b/temp -m '{"value": 12345678901234567890}'
wait_status json_rc "$json_pid"
assert_eq 0 "$json_rc" "mqjson -C 2: $(cat "$TEST_TMP/err.txt")"
assert_eq "$(printf 'plant/a/temp\ta\t1\t21.5\tapplication/json\tcelsius\nplant/b/temp\tb\t0\t12345678901234567890\t\t')" "$(cat "$out")"
assert_contains "$(cat "$TEST_TMP/err.txt")" "mqjson: warning: topic plant/a/temp: invalid JSON at byte 0"

# The alerting one-liner: only a matching message counts and ends the run.
"$MQJSON" -p "$PORT_PLAIN" -t 'alert/+/temp' --where '.value > 80' -C 1 -W 20 -i mqjson-alert \
  '$topic' .value > "$out" 2>/dev/null &
json_pid=$!
fixture_track "$json_pid"
wait_subscribed mqjson-alert
mosquitto_pub -p "$PORT_PLAIN" -t alert/x/temp -m '{"value": 20}'
mosquitto_pub -p "$PORT_PLAIN" -t alert/y/temp -m '{"value": 95}'
wait_status json_rc "$json_pid"
assert_eq 0 "$json_rc"
assert_eq "$(printf 'alert/y/temp\t95')" "$(cat "$out")"

run_capture quiet "$MQJSON" -p "$PORT_PLAIN" -t nothing/here -W 500ms .x
assert_eq 27 "$quiet_rc"
assert_eq "mqjson: error: timed out: 0 matching messages before -W 500ms" "$quiet_err"

run_capture bad "$MQJSON" -p "$PORT_PLAIN" -t 'a/#/b' .x
assert_eq 1 "$bad_rc"
assert_contains "$bad_err" "mqjson: error: -t 'a/#/b': '#' must be the last level of a filter"
