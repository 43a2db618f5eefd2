#!/usr/bin/env bash
# --json prints one valid JSON object per message whatever the payload: text as "payload", binary as
# "payload_base64", and every MQTT 5 property (here checked with jq, field by field).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
command -v jq > /dev/null || { echo "jq is missing" >&2; exit 77; }
broker_start

mqsub_start "$TEST_TMP/got.jsonl" json-sub -p "$PORT_PLAIN" -V 5 -t 'json/#' -q 1 --json -C 3 \
  -D subscribe subscription-identifier 7
mosquitto_pub -p "$PORT_PLAIN" -t json/text -m 'héllo "world"'
printf '\000\001\377binary' > "$TEST_TMP/binary.bin"
mosquitto_pub -p "$PORT_PLAIN" -t json/binary -f "$TEST_TMP/binary.bin" -q 1
mosquitto_pub -p "$PORT_PLAIN" -V 5 -t json/v5 -m '{"n":1}' -q 1 \
  -D publish content-type application/json -D publish user-property who tester \
  -D publish user-property who again -D publish response-topic reply/here \
  -D publish correlation-data abc -D publish message-expiry-interval 300 -D publish payload-format-indicator 1
wait "$MQSUB_PID"
fixture_untrack "$MQSUB_PID"

assert_eq 3 "$(wc -l < "$TEST_TMP/got.jsonl")" "one line per message"
jq -e . "$TEST_TMP/got.jsonl" > /dev/null || fixture_fail "not valid JSON" "$(cat "$TEST_TMP/got.jsonl")"
line() { sed -n "${1}p" "$TEST_TMP/got.jsonl"; }

assert_eq 'json/text|héllo "world"|0|false|null' "$(line 1 | jq -r '[.topic, .payload, .qos, .retain, .mid] | map(tostring) | join("|")')"
assert_eq 'null|AAH/YmluYXJ5|1' "$(line 2 | jq -r '[.payload, .payload_base64, .qos] | map(tostring) | join("|")')"
assert_eq "$(base64 < "$TEST_TMP/binary.bin")" "$(line 2 | jq -r .payload_base64)" "base64 round trip"
assert_contains "$(line 1 | jq -r .time)" "T" "an RFC 3339 receive time"
line 1 | jq -r .time | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]+Z$' ||
  fixture_fail "time is not RFC 3339 UTC with a fraction: $(line 1 | jq -r .time)"

v5=$(line 3)
assert_eq '{"n":1}' "$(jq -r .payload <<< "$v5")"
assert_eq application/json "$(jq -r .properties.content_type <<< "$v5")"
assert_eq reply/here "$(jq -r .properties.response_topic <<< "$v5")"
assert_eq abc "$(jq -r .properties.correlation_data <<< "$v5")"
assert_eq 1 "$(jq -r .properties.payload_format_indicator <<< "$v5")"
assert_eq '[7]' "$(jq -c .properties.subscription_identifiers <<< "$v5")"
assert_eq '[["who","tester"],["who","again"]]' "$(jq -c .properties.user_properties <<< "$v5")"
expiry=$(jq -r .properties.message_expiry_interval <<< "$v5")
[[ "$expiry" -ge 299 && "$expiry" -le 300 ]] || fixture_fail "message expiry $expiry, expected about 300"

# --pretty spreads the same object over several lines, still valid JSON.
mosquitto_pub -p "$PORT_PLAIN" -t json/retained -m x -r
run_capture pretty "$MQSUB" -p "$PORT_PLAIN" -t json/retained --json --pretty -C 1 -W 5
assert_eq 0 "$pretty_rc" "$pretty_err"
assert_eq x "$(jq -r .payload <<< "$pretty_out")"
assert_eq true "$(jq -r .retain <<< "$pretty_out")"
[[ $(wc -l <<< "$pretty_out") -gt 3 ]] || fixture_fail "--pretty printed one line: $pretty_out"
