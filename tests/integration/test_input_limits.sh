#!/usr/bin/env bash
# Input at the limits, each handled correctly or with one clear error line and a documented status, never a
# crash or a hang: a topic of 65,535 bytes (the MQTT maximum) through mqpub and mqsub; a 10 MB line in
# `mqpub -l`; a 1 MB -F format for mqsub; JSON nested 100,000 deep for mqjson (stdin and subscribed) and for
# mqsub's --json/--pretty/%j; payloads at a broker's max_packet_size and one past it.
# One byte past 65,535 is a usage error before connecting: test_mqpub_bad_input.sh and
# test_mqsub_bad_input.sh assert those messages.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

# Checks that FILE holds exactly one line of JSON (whatever its depth: python's parser does not recurse on
# strings) whose "payload" is the text of PAYLOAD_FILE.
assert_json_payload() {  # json-file payload-file what
  local verdict
  verdict=$(python3 - "$1" "$2" << 'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
want = open(sys.argv[2], encoding="utf-8").read().rstrip("\n")
if len(lines) != 1:
    print(f"{len(lines)} lines")
else:
    got = json.loads(lines[0]).get("payload")
    print("same" if got == want else f"payload differs: {str(got)[:80]!r}")
EOF
  )
  assert_eq same "$verdict" "$3"
}

# --- A topic of 65,535 bytes: published by mqpub at QoS 1, received intact by mqsub and mosquitto_sub.
long_topic=$(head -c 65535 /dev/zero | tr '\0' t)
sub_start "$TEST_TMP/long-topic.mosquitto" -h 127.0.0.1 -p "$PORT_PLAIN" -t "$long_topic" -v -C 1
mqsub_start "$TEST_TMP/long-topic.mqsub" long-topic-sub -h 127.0.0.1 -p "$PORT_PLAIN" -t "$long_topic" -v -C 1 -W 20
run_capture long_pub "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t "$long_topic" -m payload -q 1
assert_eq 0 "$long_pub_rc" "mqpub with a 65,535-byte topic: $long_pub_err"
assert_eq "" "$long_pub_err"
wait_status long_sub_rc "$MQSUB_PID" 20
assert_eq 0 "$long_sub_rc" "mqsub with a 65,535-byte topic: $(cat "$TEST_TMP/long-topic.mqsub.err")"
wait_lines "$TEST_TMP/long-topic.mosquitto" 1
assert_eq "$long_topic payload" "$(cat "$TEST_TMP/long-topic.mqsub")" "mqsub -v prints the whole topic"
assert_eq "$long_topic payload" "$(cat "$TEST_TMP/long-topic.mosquitto")" "mosquitto_sub got the whole topic"

# --- A 10 MiB line in `mqpub -l -q 1`, between two short ones: all three arrive intact, in order.
{
  echo first
  head -c 7864320 /dev/urandom | base64 -w 0
  echo
  echo last
} > "$TEST_TMP/lines.txt"
assert_eq 10485760 "$(sed -n 2p "$TEST_TMP/lines.txt" | tr -d '\n' | wc -c)" "the long line's size"
sub_start "$TEST_TMP/lines.got" -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/lines -C 3
RUN_TIMEOUT=60 run_capture lines "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/lines -l -q 1 < "$TEST_TMP/lines.txt"
assert_eq 0 "$lines_rc" "mqpub -l with a 10 MiB line: $lines_err"
assert_eq "" "$lines_err"
wait_lines "$TEST_TMP/lines.got" 3 30
assert_eq "$(sha256sum < "$TEST_TMP/lines.txt")" "$(sha256sum < "$TEST_TMP/lines.got")" "lines as received"

# --- A -F format of 1 MiB (from an options file: one argument cannot exceed 128 KiB on Linux): each
# message prints 1 MiB; and a 1 MiB format ending in a lone '%' is one usage error line.
python3 - "$TEST_TMP" << 'EOF'
import sys
body = "%t=%p;" * 174762  # 1,048,572 bytes
open(f"{sys.argv[1]}/format-good.opts", "w").write("-F " + body + "%p;;" + "\n")  # exactly 1 MiB
open(f"{sys.argv[1]}/format-bad.opts", "w").write("-F " + body + "%p;%" + "\n")  # 1 MiB, a lone '%' at the end
EOF
mqsub_start "$TEST_TMP/format.out" format-sub -o "$TEST_TMP/format-good.opts" -h 127.0.0.1 -p "$PORT_PLAIN" \
  -t limits/format -C 1 -W 20
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/format -m ab
wait_status format_rc "$MQSUB_PID" 20
assert_eq 0 "$format_rc" "mqsub with a 1 MiB -F: $(cat "$TEST_TMP/format.out.err")"
# 174,762 x "limits/format=ab;", then "ab;;" and the newline mqsub adds (as mosquitto_sub, unless -N)
expected_size=$((174762 * 17 + 4 + 1))
assert_eq "$expected_size" "$(wc -c < "$TEST_TMP/format.out")" "bytes printed for a 1 MiB -F"
assert_eq "limits/format=ab;limits/format=ab;" "$(head -c 34 "$TEST_TMP/format.out")"
assert_eq "$(printf 'ab;;\n' | od -c)" "$(tail -c 5 "$TEST_TMP/format.out" | od -c)"
run_capture format_bad "$MQSUB" -o "$TEST_TMP/format-bad.opts" -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/format -C 1
assert_failed_with format_bad mqsub 1 "-F: incomplete format code '%' at the end of the format"

# --- JSON nested 100,000 deep: mqjson on stdin refuses the document with one warning and goes on with the
# next line (the parser is iterative and stops at 1,024 levels); with --on-invalid fail it exits 47.
deep="$TEST_TMP/deep.json"
python3 -c 'import sys; n = 100000; sys.stdout.write("{\"a\":" * n + "1" + "}" * n + "\n")' > "$deep"
printf '{"a":7}\n' >> "$deep"
run_capture deep_stdin "$MQJSON" .a < "$deep"
assert_eq 0 "$deep_stdin_rc" "mqjson on 100,000 levels: $deep_stdin_err"
assert_eq 7 "$deep_stdin_out"
assert_eq "$(printf '%s\n%s' "mqjson: warning: line 1: invalid JSON at byte 5120: nesting deeper than 1024 levels" \
  "mqjson: 1 invalid payload skipped")" "$deep_stdin_err"
run_capture deep_fail "$MQJSON" --on-invalid fail .a < "$deep"
assert_eq 47 "$deep_fail_rc" "mqjson --on-invalid fail on 100,000 levels"
assert_eq "" "$deep_fail_out"
assert_eq "mqjson: error: line 1: invalid JSON at byte 5120: nesting deeper than 1024 levels (--on-invalid skip or null goes on past invalid payloads)" "$deep_fail_err"

# The same document as a payload: mqjson subscribing skips it; mqsub --json, --json --pretty and -F %j
# print it as a JSON string (it is too deep to embed) that holds the payload byte for byte.
head -n 1 "$deep" | tr -d '\n' > "$TEST_TMP/deep.payload"
"$MQJSON" -i deep-json -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/deep -C 1 -W 20 .a > "$TEST_TMP/deep-json.out" \
  2> "$TEST_TMP/deep-json.err" &
deep_json_pid=$!
fixture_track "$deep_json_pid"
wait_subscribed deep-json
mqsub_start "$TEST_TMP/deep-sub.json" deep-sub-json -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/deep --json -C 1 -W 20
deep_sub_json_pid=$MQSUB_PID
mqsub_start "$TEST_TMP/deep-sub.pretty" deep-sub-pretty -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/deep \
  --json --pretty -C 1 -W 20
deep_sub_pretty_pid=$MQSUB_PID
mqsub_start "$TEST_TMP/deep-sub.j" deep-sub-j -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/deep -F %j -C 1 -W 20
deep_sub_j_pid=$MQSUB_PID
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/deep -f "$TEST_TMP/deep.payload"
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/deep -m '{"a":8}'
wait_status deep_json_rc "$deep_json_pid" 20
assert_eq 0 "$deep_json_rc" "mqjson -t on 100,000 levels: $(cat "$TEST_TMP/deep-json.err")"
assert_eq 8 "$(cat "$TEST_TMP/deep-json.out")"
assert_contains "$(cat "$TEST_TMP/deep-json.err")" \
  "mqjson: warning: topic limits/deep: invalid JSON at byte 5120: nesting deeper than 1024 levels"
for mode in json pretty j; do
  pid_var="deep_sub_${mode}_pid"
  wait_status deep_sub_rc "${!pid_var}" 20
  assert_eq 0 "$deep_sub_rc" "mqsub ($mode) on 100,000 levels: $(cat "$TEST_TMP/deep-sub.$mode.err")"
  assert_eq "" "$(cat "$TEST_TMP/deep-sub.$mode.err")"
done
assert_json_payload "$TEST_TMP/deep-sub.json" "$TEST_TMP/deep.payload" "mqsub --json on 100,000 levels"
assert_json_payload "$TEST_TMP/deep-sub.j" "$TEST_TMP/deep.payload" "mqsub -F %j on 100,000 levels"
python3 -c 'import json, sys; print("same" if json.load(open(sys.argv[1]))["payload"] == open(sys.argv[2]).read() else "differs")' \
  "$TEST_TMP/deep-sub.pretty" "$TEST_TMP/deep.payload" > "$TEST_TMP/pretty.verdict"
assert_eq same "$(cat "$TEST_TMP/pretty.verdict")" "mqsub --json --pretty on 100,000 levels"

# --- MQTT's own limit: a PUBLISH's remaining length is at most 268,435,455 bytes, topic and packet id
# included, so a payload of exactly that size is already over. Refused before connecting (1), read from a
# sparse file (no disk used). Under it by the packet's overhead fits MQTT (the arithmetic at the exact limit
# is unit-tested in test_core_packet_size); sending 256 MiB through mosquitto is left to a manual run.
truncate -s 268435455 "$TEST_TMP/mqtt-max.payload"
RUN_TIMEOUT=60 run_capture mqtt_max "$MQPUB" -p "$PORT_PLAIN" -t l -f "$TEST_TMP/mqtt-max.payload" -q 1
assert_failed_with mqtt_max mqpub 1 \
  "message: a 268435466-byte PUBLISH (268435455 bytes of payload) is more than MQTT allows (topic, properties and payload together can be at most 268435455 bytes)"
rm -f "$TEST_TMP/mqtt-max.payload"

# --- A broker with max_packet_size: a payload that fills a packet exactly arrives; past the limit mqpub
# fails with one line. MQTT 5 tells the client the limit (CONNACK Maximum Packet Size), so mqpub refuses
# before sending (42); under 3.1.1 it cannot know, the broker drops the connection and the unacknowledged
# message is status 44.
broker_stop
max_packet=20000
broker_start --extra "max_packet_size $max_packet"
packet_topic=limits/packet
sub_start "$TEST_TMP/packet.got" -h 127.0.0.1 -p "$PORT_PLAIN" -t "$packet_topic" -C 1
# Maximum Packet Size counts the whole packet (MQTT 5, 3.1.2.25). QoS 1 under MQTT 5: fixed header (1 byte +
# 3 bytes of remaining length at this size) + topic length (2) + topic + packet id (2) + properties length (1)
# + payload. (mosquitto 2.0 itself checks remaining length + 1, a little more lenient than the spec.)
fitting=$((max_packet - 1 - 3 - (2 + ${#packet_topic} + 2 + 1)))
head -c "$fitting" /dev/zero | tr '\0' f > "$TEST_TMP/fitting.payload"
run_capture fits "$MQPUB" -V 5 -h 127.0.0.1 -p "$PORT_PLAIN" -t "$packet_topic" -f "$TEST_TMP/fitting.payload" -q 1
assert_eq 0 "$fits_rc" "mqpub filling a packet of $max_packet bytes: $fits_err"
assert_eq "" "$fits_err"
wait_lines "$TEST_TMP/packet.got" 1
assert_eq "$((fitting + 1))" "$(wc -c < "$TEST_TMP/packet.got")" "bytes received (payload and newline)"

# One byte more: the payload alone is under the limit, the packet is not. Refused before sending, at QoS 0
# too (the broker would drop the connection and a QoS 0 message silently); a QoS 0 packet has no packet id,
# so its payload can be 2 bytes longer.
for qos in 0 1; do
  over=$((fitting + 1 + (qos == 0 ? 2 : 0)))
  head -c "$over" /dev/zero | tr '\0' o > "$TEST_TMP/over.payload"
  run_capture over_v5 "$MQPUB" -V 5 -h 127.0.0.1 -p "$PORT_PLAIN" -t "$packet_topic" -f "$TEST_TMP/over.payload" -q $qos
  assert_failed_with over_v5 mqpub 42 \
    "message: a $((max_packet + 1))-byte PUBLISH ($over bytes of payload) is more than the broker accepts ($max_packet bytes)"
done
# -l: the line that does not fit is skipped with a warning, the others are published, and the run says so (47).
sub_start "$TEST_TMP/lines.got" -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/lines -C 2
{ echo before; head -c $((fitting + 10)) /dev/zero | tr '\0' o; echo; echo after; } > "$TEST_TMP/over.lines"
run_capture over_lines "$MQPUB" -V 5 -h 127.0.0.1 -p "$PORT_PLAIN" -t limits/lines -l -q 1 < "$TEST_TMP/over.lines"
assert_eq 47 "$over_lines_rc" "$over_lines_err"
assert_contains "$over_lines_err" "mqpub: warning: line 2: a "
assert_contains "$over_lines_err" "is more than the broker accepts ($max_packet bytes); not sent"
wait_lines "$TEST_TMP/lines.got" 2
assert_eq "$(printf 'before\nafter')" "$(cat "$TEST_TMP/lines.got")"

# MQTT 3.1.1 brokers do not announce a limit: the broker drops the connection, the message is not
# acknowledged (44).
head -c $((max_packet + 1)) /dev/zero | tr '\0' o > "$TEST_TMP/over3.payload"
run_capture over_v3 "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t "$packet_topic" -f "$TEST_TMP/over3.payload" -q 1
assert_failed_with over_v3 mqpub 44 "1 message was not acknowledged (the connection was lost)"
# In -l, which reconnects and resends, such a message is given up after the broker dropped the connection
# on it again (instead of being resent forever); the lines after it still go out.
sub_start "$TEST_TMP/v3lines.got" -h 127.0.0.1 -p "$PORT_PLAIN" -t "$packet_topic"
{ echo first; cat "$TEST_TMP/over3.payload"; echo; echo last; } > "$TEST_TMP/over3.lines"
RUN_TIMEOUT=60 run_capture poison "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t "$packet_topic" -l -q 1 < "$TEST_TMP/over3.lines"
assert_eq 44 "$poison_rc" "$poison_err"
assert_contains "$poison_err" "the broker closed the connection each time it was sent; not sent again"
assert_contains "$poison_err" "mqpub: error: publishing lines: 1 message was not acknowledged"
# QoS 1 is at least once: "first" may come twice when the drop caught it before its PUBACK.
wait_text "$TEST_TMP/v3lines.got" last 10
assert_eq "$(printf 'first\nlast')" "$(sort -u "$TEST_TMP/v3lines.got")"
