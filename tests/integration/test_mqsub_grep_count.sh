#!/usr/bin/env bash
# --grep/--grep-v filter on the payload and compose with -C: only messages that pass count, so -C 2 waits
# for the second matching message however many others come between. ECMAScript by default, POSIX
# extended with --regex-syntax posix.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

publish_all() {
  local payload
  for payload in "temp=20" "status ok" "temp=21.5" "temp=x" "status fail" "temp=23"; do
    mosquitto_pub -p "$PORT_PLAIN" -t grep/a -m "$payload" -q 1
  done
}

mqsub_start "$TEST_TMP/ecma.out" ecma-sub -p "$PORT_PLAIN" -t grep/a -q 1 --grep '^temp=\d+(\.\d+)?$' -C 2 -W 10
mqsub_start "$TEST_TMP/posix.out" posix-sub -p "$PORT_PLAIN" -t grep/a -q 1 --regex-syntax posix \
  --grep 'temp=[[:digit:]]+' --grep-v '\.' -C 2 -W 10
mqsub_start "$TEST_TMP/invert.out" invert-sub -p "$PORT_PLAIN" -t grep/a -q 1 --grep-v temp -v -C 2 -W 10
mqsub_start "$TEST_TMP/all.out" all-sub -p "$PORT_PLAIN" -t grep/a -q 1 --grep temp -C 4 -W 10
publish_all
for pid in $(jobs -p); do
  wait "$pid" || fixture_fail "a subscriber failed" "$(cat "$TEST_TMP"/*.err)"
done

assert_eq $'temp=20\ntemp=21.5' "$(cat "$TEST_TMP/ecma.out")" "ECMAScript --grep with -C 2"
assert_eq $'temp=20\ntemp=23' "$(cat "$TEST_TMP/posix.out")" "POSIX --grep and --grep-v with -C 2"
assert_eq $'grep/a status ok\ngrep/a status fail' "$(cat "$TEST_TMP/invert.out")" "--grep-v with -v"
assert_eq $'temp=20\ntemp=21.5\ntemp=x\ntemp=23' "$(cat "$TEST_TMP/all.out")"

# Filtered-out messages do not count: -C 1 with nothing matching times out (27).
mosquitto_pub -p "$PORT_PLAIN" -t grep/r -m 'no match here' -r
run_capture none "$MQSUB" -p "$PORT_PLAIN" -t grep/r --grep '^temp' -C 1 -W 1
assert_eq 27 "$none_rc"
assert_eq "" "$none_out"

# A long payload against a repetition (found by fuzzing mqjson's =~, same matcher): libstdc++'s recursive
# matcher crashed mqsub (139) on 200,000 bytes; the bounded one filters it and goes on.
head -c 200000 /dev/zero | tr '\0' a > "$TEST_TMP/long.payload"
mqsub_start "$TEST_TMP/long.out" long-sub -p "$PORT_PLAIN" -t grep/long -q 1 --grep '(a|b)*c' -C 1 -W 10
mosquitto_pub -p "$PORT_PLAIN" -t grep/long -f "$TEST_TMP/long.payload" -q 1
mosquitto_pub -p "$PORT_PLAIN" -t grep/long -m 'aaac' -q 1
wait_status long_rc "$MQSUB_PID" 15
assert_eq 0 "$long_rc" "mqsub --grep on a 200,000-byte payload: $(cat "$TEST_TMP/long.out.err")"
assert_eq aaac "$(cat "$TEST_TMP/long.out")"

# Back-references cannot be bounded: refused up front, with the reason.
run_capture backref "$MQSUB" -p "$PORT_PLAIN" -t grep/long --grep '(a)\1' -C 1 -W 1
assert_failed_with backref mqsub 1 "back-references are not supported"
