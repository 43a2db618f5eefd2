#!/usr/bin/env bash
# mqjson --build: typing rules, errors, --build -l, and the round trip
# `mqjson --build -l | mqpub -l` -> broker -> `mqsub --json | mqjson --envelope`.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

run_capture r "$MQJSON" --build light:=412 temp=21.5 name=kitchen on=true off=false none=null \
  zip=01234 forced@=42 raw:='{"a": [1, 2.50]}' nested.x=1 nested.y=two big=12345678901234567890
assert_eq 0 "$r_rc"
assert_eq '{"light":412,"temp":21.5,"name":"kitchen","on":true,"off":false,"none":null,"zip":"01234","forced":"42","raw":{"a":[1,2.5]},"nested":{"x":1,"y":"two"},"big":12345678901234567890}' "$r_out"
assert_eq "" "$r_err"

# Timestamps: @now is RFC 3339 UTC with milliseconds, @epoch seconds, @epoch_ms milliseconds.
before=$(date +%s)
out=$("$MQJSON" --build now=@now epoch=@epoch ms=@epoch_ms)
after=$(date +%s)
now=$(jq -r .now <<< "$out")
epoch=$(jq -r .epoch <<< "$out")
ms=$(jq -r .ms <<< "$out")
[[ $now =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$ ]] || fixture_fail "@now is not RFC 3339 with ms: $now"
((epoch >= before && epoch <= after)) || fixture_fail "@epoch $epoch not within [$before, $after]"
((ms / 1000 == epoch || ms / 1000 == epoch + 1)) || fixture_fail "@epoch_ms $ms does not match @epoch $epoch"
assert_eq "$epoch" "$(date -u -d "$now" +%s)" "@now and @epoch agree"

# Errors are usage errors naming the word.
run_capture r "$MQJSON" --build 'a:=[1,'
assert_failed_with r mqjson 1 "--build: 'a:=[1,': invalid JSON at byte 3: unexpected end of input (expected a value)"
run_capture r "$MQJSON" --build novalue
assert_failed_with r mqjson 1 "'novalue': expected key=value, key:=JSON or key@=text"
run_capture r "$MQJSON" --build --where '.a > 1' a=1
assert_failed_with r mqjson 1 "--build: cannot be combined with extraction options"

# --build -l: one object per input line; a bad line is warned about and skipped.
printf '%s\n' 'room=kitchen temp=21.5' "room='living room' temp=19" 'bad' '' 'room=hall temp=@epoch' > "$TEST_TMP/words.txt"
run_capture r "$MQJSON" --build -l < "$TEST_TMP/words.txt"
assert_eq 0 "$r_rc"
assert_eq '{"room":"kitchen","temp":21.5}
{"room":"living room","temp":19}' "$(printf '%s\n' "$r_out" | head -n 2)"
assert_contains "$(printf '%s\n' "$r_out" | tail -n 1)" '{"room":"hall","temp":'
assert_eq "mqjson: warning: line 3: 'bad': expected key=value, key:=JSON or key@=text
mqjson: 1 invalid line skipped" "$r_err"
# --on-invalid fail: the lines before the bad one are out, then one error line and 47.
run_capture r "$MQJSON" --build -l --on-invalid fail < "$TEST_TMP/words.txt"
assert_eq 47 "$r_rc"
assert_eq 2 "$(printf '%s\n' "$r_out" | wc -l)"
assert_eq "mqjson: error: line 3: 'bad': expected key=value, key:=JSON or key@=text (--on-invalid skip goes on past invalid lines)" "$r_err"

# Round trip through a real broker.
broker_start
topic="mqjson/build/$$"
"$MQSUB" -p "$PORT_PLAIN" -t "$topic/#" --json -C 2 -W 20 > "$TEST_TMP/envelopes.jsonl" &
sub_pid=$!
fixture_track "$sub_pid"
sleep 1
printf '%s\n' 'temp=21.5 name=kitchen' 'temp=19 name=hall' | "$MQJSON" --build -l | "$MQPUB" -p "$PORT_PLAIN" -t "$topic/room" -l -q 1
wait_status sub_status "$sub_pid" 25
assert_eq 0 "$sub_status" "mqsub got both messages"
run_capture r "$MQJSON" --envelope '$topic[-1]' .name .temp '$qos' < "$TEST_TMP/envelopes.jsonl"
assert_eq $'room\tkitchen\t21.5\t0\nroom\thall\t19\t0' "$r_out"
assert_eq "" "$r_err"
