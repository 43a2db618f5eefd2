#!/usr/bin/env bash
# mqjson reading stdin: raw JSON lines and mqsub --json envelopes, bad and hostile payloads that never stop
# the stream (warnings, counts, exit statuses), --where with -C, -0, and usage errors.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

# Raw lines: invalid ones are warned about with line and byte offset, skipped, counted; exit 0.
printf '%s\n' '{"t":1}' '{"t":' '' '{"t":"two"}' '[[[' '{"t":3}' > "$TEST_TMP/mixed.jsonl"
run_capture r "$MQJSON" .t < "$TEST_TMP/mixed.jsonl"
assert_eq 0 "$r_rc" "skip exits 0"
assert_eq $'1\ntwo\n3' "$r_out"
assert_eq "mqjson: warning: line 2: invalid JSON at byte 5: unexpected end of input (expected a value)
mqjson: warning: line 5: invalid JSON at byte 3: unexpected end of input (expected a value)
mqjson: 2 invalid payloads skipped" "$r_err"

# --on-invalid null: a null row in place of each bad payload.
run_capture r "$MQJSON" --on-invalid null .t < "$TEST_TMP/mixed.jsonl"
assert_eq 0 "$r_rc"
assert_eq $'1\nnull\ntwo\nnull\n3' "$r_out"
assert_contains "$r_err" "mqjson: 2 invalid payloads printed as null"

# --on-invalid fail: stop at the first, exit 47 (invalid_data), rows before it are out.
run_capture r "$MQJSON" --on-invalid fail .t < "$TEST_TMP/mixed.jsonl"
assert_eq 47 "$r_rc"
assert_eq "1" "$r_out"
# The payload that ends the run is the one error line, not a warning.
assert_eq "mqjson: error: line 2: invalid JSON at byte 5: unexpected end of input (expected a value) (--on-invalid skip or null goes on past invalid payloads)" "$r_err"

# Hostile payloads: 100,000 '[', invalid UTF-8, a 1 MiB string, NUL bytes; the stream goes on.
{
  head -c 100000 /dev/zero | tr '\0' '['
  echo
  printf '{"t":"\xc3\x28"}\n'
  printf '{"t":"'; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '"}\n'
  printf '{"t":\x00}\n'
  printf '{"t":"end"}\n'
} > "$TEST_TMP/hostile.jsonl"
run_capture r "$MQJSON" .t < "$TEST_TMP/hostile.jsonl"
assert_eq 0 "$r_rc"
assert_eq 1048576 "$(printf '%s' "$r_out" | head -n 1 | tr -d '\n' | wc -c)" "the 1 MiB string comes out whole"
assert_eq "end" "$(printf '%s' "$r_out" | tail -n 1)"
assert_eq "mqjson: warning: line 1: invalid JSON at byte 1024: nesting deeper than 1024 levels
mqjson: warning: line 2: invalid JSON at byte 6: invalid UTF-8
mqjson: warning: line 4: invalid JSON at byte 5: unexpected character (expected a value)
mqjson: 3 invalid payloads skipped" "$r_err"

# --where with -C: the first N matching messages, then exit 0 without reading on.
printf '%s\n' '{"v":50,"n":"a"}' '{"v":90,"n":"b"}' 'junk' '{"v":95,"n":"c"}' '{"v":99,"n":"d"}' > "$TEST_TMP/where.jsonl"
run_capture r "$MQJSON" --where '.v > 80 and not .n == "x"' -C 2 .n .v < "$TEST_TMP/where.jsonl"
assert_eq 0 "$r_rc"
assert_eq $'b\t90\nc\t95' "$r_out"
assert_contains "$r_err" "line 3: invalid JSON at byte 0"
run_capture r "$MQJSON" --where '.n =~ "^[cd]$"' --csv .n .v < "$TEST_TMP/where.jsonl"
assert_eq $'"c",95\n"d",99' "$r_out"

# --require: a missing field is an error for that message.
printf '%s\n' '{"a":1,"b":2}' '{"a":1}' > "$TEST_TMP/require.jsonl"
run_capture r "$MQJSON" --require .a .b < "$TEST_TMP/require.jsonl"
assert_eq $'1\t2' "$r_out"
assert_eq "mqjson: warning: line 2: missing field .b
mqjson: 1 message without a required field skipped" "$r_err"

# -0: NUL-terminated records in and out.
printf '{"a":\n1}\0{"a":2}\0' | "$MQJSON" -0 .a > "$TEST_TMP/nul.out"
assert_eq "31003200" "$(od -An -tx1 "$TEST_TMP/nul.out" | tr -d ' \n')"

# --envelope: mqsub --json lines; payload fields and metadata together.
cat > "$TEST_TMP/envelope.jsonl" << 'EOF2'
{"topic":"house/kitchen/sensors","payload":"{\"temp\":21.5}","qos":1,"retain":false,"mid":3,"time":"2026-11-25T10:00:00.123456Z","properties":{"content_type":"application/json","user_properties":[["unit","C"]]}}
{"topic":"house/hall/sensors","payload":"not json","qos":0,"retain":true,"time":"2026-11-25T10:00:01.000000Z"}
{"topic":"house/hall/sensors","payload_base64":"eyJ0ZW1wIjoxOX0=","qos":0,"retain":true,"time":"2026-11-25T10:00:02.000000Z"}
{"broken envelope
EOF2
run_capture r "$MQJSON" --envelope '$topic[1]' .temp '$qos' '$retain' '$time' '$prop.content-type' '$prop.unit' < "$TEST_TMP/envelope.jsonl"
assert_eq 0 "$r_rc"
assert_eq "kitchen	21.5	1	false	2026-11-25T10:00:00.123456Z	application/json	C
hall	19	0	true	2026-11-25T10:00:02.000000Z		" "$r_out"
assert_eq "mqjson: warning: line 2, topic house/hall/sensors: invalid JSON at byte 0: unexpected character (expected a value)
mqjson: warning: line 4: invalid envelope at byte 17: unterminated string
mqjson: 2 invalid payloads skipped" "$r_err"

# The whole output of a closed pipe is no error: exit 0, nothing on stderr.
seq 1 200000 | sed 's/.*/{"n":&}/' > "$TEST_TMP/many.jsonl"
set +o pipefail
status=$( ("$MQJSON" .n < "$TEST_TMP/many.jsonl" 2> "$TEST_TMP/pipe.err"; echo $? > "$TEST_TMP/pipe.rc") | head -n 1)
set -o pipefail
assert_eq 1 "$status"
assert_eq 0 "$(cat "$TEST_TMP/pipe.rc")" "EPIPE exits 0"
assert_eq "" "$(cat "$TEST_TMP/pipe.err")"

# Usage errors: one line, exit 1.
run_capture r "$MQJSON" temp < /dev/null
assert_failed_with r mqjson 1 "field 'temp': a path starts with '.', '/' or '\$'"
run_capture r "$MQJSON" --where '.a >' .a < /dev/null
assert_eq "mqjson: error: --where: column 5: expected a path or a value (e.g. --where '.temp > 20 and \$topic[1] == \"kitchen\"')" "$r_err"
assert_eq 1 "$r_rc"
run_capture r "$MQJSON" --on-invalid maybe .a < /dev/null
assert_eq 1 "$r_rc"
assert_contains "$r_err" "mqjson: error: --on-invalid"
