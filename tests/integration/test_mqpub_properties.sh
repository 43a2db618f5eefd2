#!/usr/bin/env bash
# Every -D publish property arrives at an independent MQTT 5 subscriber; -D under MQTT 3 and unknown
# names are usage errors before any connection.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

sub_start "$TEST_TMP/got.txt" -V 5 -p "$PORT_PLAIN" -t 'prop/#' -F '%t|%C|%D|%E|%F|%R|%P|%p'
"$MQPUB" -V 5 -p "$PORT_PLAIN" -t prop/a -m payload -q 1 \
  -D publish content-type text/plain \
  -D publish correlation-data corr-42 \
  -D publish message-expiry-interval 3600 \
  -D publish payload-format-indicator 1 \
  -D publish response-topic reply/here \
  -D publish user-property unit celsius \
  -D publish user-property site lab \
  -D connect user-property who mqpub \
  -D connect session-expiry-interval 0
wait_lines "$TEST_TMP/got.txt" 1
line=$(head -n 1 "$TEST_TMP/got.txt")
assert_contains "$line" "prop/a|text/plain|corr-42|"
assert_contains "$line" "|1|reply/here|"
assert_contains "$line" "unit:celsius"
assert_contains "$line" "site:lab"
assert_contains "$line" "|payload"

# Topic alias: the first message carries the topic, mosquitto resolves the alias for subscribers.
"$MQPUB" -V 5 -p "$PORT_PLAIN" -t prop/alias -m aliased -q 1 -D publish topic-alias 1
wait_lines "$TEST_TMP/got.txt" 2
assert_contains "$(sed -n 2p "$TEST_TMP/got.txt")" "prop/alias|"

# Line mode: every message of the stream carries the properties, not just the first.
seq 1 50 | "$MQPUB" -V 5 -p "$PORT_PLAIN" -t prop/lines -l -q 1 -D publish user-property batch b7 \
  -D publish content-type text/plain
wait_lines "$TEST_TMP/got.txt" 52
assert_eq 50 "$(grep -c '^prop/lines|text/plain|.*batch:b7' "$TEST_TMP/got.txt")" "properties on every line"

run_capture v3 "$MQPUB" -p "$PORT_PLAIN" -t prop/a -m x -D publish content-type a
assert_eq 1 "$v3_rc"
assert_eq "mqpub: error: -D: MQTT 5 properties given for an MQTT 3 connection (add -V 5)" "$v3_err"

run_capture unknown "$MQPUB" -V 5 -p "$PORT_PLAIN" -t prop/a -m x -D publish colour red
assert_eq 1 "$unknown_rc"
assert_contains "$unknown_err" "mqpub: error: -D publish colour red: 'colour' is not a publish property (valid: content-type,"

run_capture range "$MQPUB" -V 5 -p "$PORT_PLAIN" -t prop/a -m x -D publish payload-format-indicator 7
assert_eq 1 "$range_rc"
assert_contains "$range_err" "payload-format-indicator '7' must be a number from 0 to 1"
