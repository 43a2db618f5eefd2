#!/usr/bin/env bash
# -F, -v, -N and the plain output are byte-identical to mosquitto_sub's for the same messages: retained
# messages on a fresh subscription arrive in the same order with the same flags and message ids, so both
# subscribers can be run one after the other. %j/%J are compared without their receive timestamp and
# without the binary message, which mosquitto cuts at its first NUL; %J only with a JSON payload, since
# mosquitto prints an empty line for the others (we print them as strings, on purpose).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

printf 'a\000b\377\001z' > "$TEST_TMP/binary.bin"
mosquitto_pub -p "$PORT_PLAIN" -t fmt/1 -m hello -r
mosquitto_pub -p "$PORT_PLAIN" -t fmt/2 -m '{"a":1,"b":[true,null],"c":"x"}' -r -q 1
mosquitto_pub -p "$PORT_PLAIN" -t fmt/3 -f "$TEST_TMP/binary.bin" -r -q 2
mosquitto_pub -p "$PORT_PLAIN" -t fmt/4 -m $'tab\there "quoted" \\ ü' -r -q 1
mosquitto_pub -p "$PORT_PLAIN" -t fmt/5 -m 'not json {' -r
messages=5

compare() {  # label [subscriber args...]
  local label=$1
  shift
  local status=0
  timeout 10 mosquitto_sub -p "$PORT_PLAIN" -t "${TOPIC:-fmt/#}" -q 2 -C "${COUNT:-$messages}" "$@" > "$TEST_TMP/expected" || status=$?
  assert_eq 0 "$status" "mosquitto_sub $label"
  timeout 10 "$MQSUB" -p "$PORT_PLAIN" -t "${TOPIC:-fmt/#}" -q 2 -C "${COUNT:-$messages}" "$@" > "$TEST_TMP/actual" || status=$?
  assert_eq 0 "$status" "mqsub $label"
  sed -i -e 's/"tst":"[^"]*",//' -e '/^\t"tst":\t/d' "$TEST_TMP/expected" "$TEST_TMP/actual"
  assert_file_eq "$TEST_TMP/expected" "$TEST_TMP/actual" "output of $label"
}

compare 'plain'
compare '-v' -v
compare '-N' -N
compare '-v -N' -v -N
compare 'topic and payload' -F '%t %p'
compare 'flags' -F '%t|%q|%r|%l|%m'
compare 'hex' -F '%x|%X'
compare 'widths' -F '[%-8t][%8l][%08l][%-5q]'
compare 'escapes' -F '\t%t\e[0m\\%%\a\v@@'
COUNT=4 compare 'json' -F '%j' -T fmt/3
COUNT=1 TOPIC=fmt/2 compare 'inline json' -F '%J'
COUNT=4 compare 'pretty json' -F '%t %j|' --pretty -T fmt/3
COUNT=1 TOPIC=fmt/2 compare 'pretty inline json' -F '%J' --pretty
