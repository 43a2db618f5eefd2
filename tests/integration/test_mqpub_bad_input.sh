#!/usr/bin/env bash
# Bad input: one clear line on stderr, status 1, nothing sent.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

sub_start "$TEST_TMP/got.txt" -p "$PORT_PLAIN" -t '#'

check() {  # expected-status expected-stderr-prefix args...
  local status=$1 message=$2
  shift 2
  run_capture bad "$MQPUB" -p "$PORT_PLAIN" "$@"
  assert_eq "$status" "$bad_rc" "status of: mqpub $*"
  assert_contains "$bad_err" "$message"
  assert_eq 1 "$(printf '%s\n' "$bad_err" | wc -l)" "one line on stderr for: mqpub $*"
}

check 1 "mqpub: error: message: no message given (use one of -m TEXT, -f FILE, -s, -l or -n)" -t x
check 1 "mqpub: error: message: -m and -n given together" -t x -m a -n
check 1 "mqpub: error: topic: no topic given" -m a
check 1 "mqpub: error: -t 'a/#': wildcards" -t 'a/#' -m a
check 1 "mqpub: error: -t 'a/+/b': wildcards" -t 'a/+/b' -m a
check 1 "mqpub: error: --qos: Value 3 not in range 0 to 2" -t x -m a -q 3
check 1 "mqpub: error: -f $TEST_TMP/missing: No such file or directory" -t x -f "$TEST_TMP/missing"
check 1 "mqpub: error: -f $TEST_TMP: Is a directory" -t x -f "$TEST_TMP"
check 1 "mqpub: error: -p 70000: port out of range" -t x -m a -p 70000
check 1 "mqpub: error: --rate fast: 'fast' is not a rate" -t x -l --rate fast
check 1 "mqpub: error: --topic-from-line: needs -l or -0" --topic-from-line : -m a
check 1 "mqpub: error: -c: a persistent session needs a fixed client id (add -i ID)" -t x -m a -c
check 1 "mqpub: error: -x: session expiry needs MQTT 5" -t x -m a -x 60 -V 311
check 1 "mqpub: error: -i: MQTT 3.1 allows client ids of at most 23 bytes" -t x -m a -V 31 -i aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
long_topic=$(head -c 65536 /dev/zero | tr '\0' 'a')
check 1 "too long: 65536 bytes (MQTT allows at most 65535)" -t "$long_topic" -m a
check 1 "not valid UTF-8" -t $'bad\xff' -m a
check 1 "the value is 65536 bytes; an MQTT property string holds at most 65,535" -V 5 -t x -m a \
  -D publish user-property unit "$long_topic"
check 1 "mqpub: error: -e: only applies to --rr" -t x -m a -e reply

sleep 0.3
assert_eq "" "$(cat "$TEST_TMP/got.txt")" "nothing was published"
