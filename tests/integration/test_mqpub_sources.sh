#!/usr/bin/env bash
# mqpub: each message source (-m, -f binary with NUL bytes, -s, -l, -n, -0) arrives intact at an
# independent mosquitto_sub, at each QoS.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

sub_start "$TEST_TMP/got.txt" -p "$PORT_PLAIN" -t 'src/#' -q 2 -F '%t|%q|%x'

"$MQPUB" -p "$PORT_PLAIN" -t src/m -m "hello" -q 0
"$MQPUB" -p "$PORT_PLAIN" -t src/m1 -m "hello" -q 1
"$MQPUB" -p "$PORT_PLAIN" -t src/m2 -m "hello" -q 2
printf 'a\0b\xff\n' > "$TEST_TMP/binary.bin"
"$MQPUB" -p "$PORT_PLAIN" -t src/f -f "$TEST_TMP/binary.bin" -q 1
printf 'whole\nstdin' | "$MQPUB" -p "$PORT_PLAIN" -t src/s -s -q 1
"$MQPUB" -p "$PORT_PLAIN" -t src/n -n -q 1
# mosquitto_pub -l: CR kept, empty lines are zero-length messages, a last line without newline is sent.
printf 'one\r\n\nlast' | "$MQPUB" -p "$PORT_PLAIN" -t src/l -l -q 1
printf 'r1\0r2\0' | "$MQPUB" -p "$PORT_PLAIN" -t src/z -0 -q 2
wait_lines "$TEST_TMP/got.txt" 11

expected="src/m|0|68656c6c6f
src/m1|1|68656c6c6f
src/m2|2|68656c6c6f
src/f|1|610062ff0a
src/s|1|77686f6c650a737464696e
src/n|1|
src/l|1|6f6e650d
src/l|1|
src/l|1|6c617374
src/z|2|7231
src/z|2|7232"
# Order holds within one publisher, not across them: the broker's QoS 2 flow to the subscriber can let a later
# mqpub's message overtake (seen under ASan). A stable sort by topic keeps each publisher's own order.
by_topic() { sort -s -t '|' -k1,1; }
assert_eq "$(by_topic <<< "$expected")" "$(head -n 11 "$TEST_TMP/got.txt" | by_topic)" \
  "payloads as received by mosquitto_sub"
