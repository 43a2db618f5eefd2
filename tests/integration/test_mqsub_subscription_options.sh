#!/usr/bin/env bash
# Subscription options: several -t, -U (unsubscribe from a persistent session), --random-filter, -N and -0
# record ends, and the MQTT 5 options --retain-handling and --retain-as-published (a warning under 3.1.1).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

# Several -t: each filter's messages arrive; -N runs the records together, -0 ends each with NUL.
mqsub_start "$TEST_TMP/multi.out" multi-sub -p "$PORT_PLAIN" -t opt/a -t 'opt/b/+' -N -C 3 -W 10
mqsub_start "$TEST_TMP/nul.out" nul-sub -p "$PORT_PLAIN" -t opt/a -t 'opt/b/+' -0 -C 3 -W 10
mosquitto_pub -p "$PORT_PLAIN" -t opt/a -m one
mosquitto_pub -p "$PORT_PLAIN" -t opt/c -m never
mosquitto_pub -p "$PORT_PLAIN" -t opt/b/x -m two
mosquitto_pub -p "$PORT_PLAIN" -t opt/a -m three
for pid in $(jobs -p); do wait "$pid" || fixture_fail "a subscriber failed" "$(cat "$TEST_TMP"/*.err)"; done
assert_eq onetwothree "$(cat "$TEST_TMP/multi.out")"
assert_eq 'one|two|three|' "$(tr '\0' '|' < "$TEST_TMP/nul.out")"

# -U: remove a subscription from a persistent session; without -t mqsub unsubscribes and exits.
mosquitto_sub -p "$PORT_PLAIN" -c -i unsub-session -q 1 -t opt/u -t opt/kept -E
run_capture unsubscribe "$MQSUB" -p "$PORT_PLAIN" -c -i unsub-session -U opt/u
assert_eq 0 "$unsubscribe_rc" "$unsubscribe_err"
grep -q 'Received UNSUBSCRIBE from unsub-session' "$BROKER_LOG" || fixture_fail "no UNSUBSCRIBE reached the broker"
mosquitto_pub -p "$PORT_PLAIN" -t opt/u -m dropped -q 1
mosquitto_pub -p "$PORT_PLAIN" -t opt/kept -m kept -q 1
run_capture session mosquitto_sub -p "$PORT_PLAIN" -c -i unsub-session -q 1 -t opt/kept -C 1 -W 5 -v
assert_eq 'opt/kept kept' "$session_out" "only the kept subscription queued a message"

# -U with -D unsubscribe user-property (MQTT 5): the property travels in the UNSUBSCRIBE packet itself
# (0xa2), seen on the wire by strace since mosquitto logs no properties.
run_capture unsub_v5 strace -f -qq -e trace=writev,write,sendto,sendmsg -s 200 -xx -o "$TEST_TMP/unsub.trace" \
  "$MQSUB" -p "$PORT_PLAIN" -V 5 -c -i unsub-v5 -U opt/u -D unsubscribe user-property why cleanup
assert_eq 0 "$unsub_v5_rc" "$unsub_v5_err"
# 0x26 = user property, then "why" and "cleanup" as length-prefixed strings.
grep 'xa2' "$TEST_TMP/unsub.trace" | grep -q '\\x26\\x00\\x03\\x77\\x68\\x79\\x00\\x07\\x63\\x6c\\x65\\x61\\x6e\\x75\\x70' ||
  fixture_fail "the UNSUBSCRIBE carried no user property" "$(cat "$TEST_TMP/unsub.trace")"

# --random-filter 50 over 400 messages prints about half (binomial: 200 +- 10, bounds are 10 sigma).
mqsub_start "$TEST_TMP/random.out" random-sub -p "$PORT_PLAIN" -t opt/r --random-filter 50 -q 1
seq 1 400 | mosquitto_pub -p "$PORT_PLAIN" -t opt/r -l -q 1
mosquitto_pub -p "$PORT_PLAIN" -t opt/r -m end -q 1
sleep 1
kill -INT "$MQSUB_PID"
wait "$MQSUB_PID" || true
fixture_untrack "$MQSUB_PID"
printed=$(grep -c '^[0-9]' "$TEST_TMP/random.out" || true)
[[ $printed -ge 100 && $printed -le 300 ]] || fixture_fail "--random-filter 50 printed $printed of 400"

# MQTT 5 --retain-handling never: the retained message is not sent; --retain-as-published keeps r=1.
mosquitto_pub -p "$PORT_PLAIN" -t opt/ret -m stored -r
run_capture never "$MQSUB" -p "$PORT_PLAIN" -V 5 -t opt/ret --retain-handling never -W 1
assert_eq 27 "$never_rc" "nothing arrives with --retain-handling never"
assert_eq "" "$never_out"
mqsub_start "$TEST_TMP/rap.out" rap-sub -p "$PORT_PLAIN" -V 5 -t opt/rap -t opt/plain --retain-as-published -F '%t %r' -C 1 -W 10
mqsub_start "$TEST_TMP/norap.out" norap-sub -p "$PORT_PLAIN" -V 5 -t opt/rap -F '%t %r' -C 1 -W 10
mosquitto_pub -p "$PORT_PLAIN" -t opt/rap -m live -r
for pid in $(jobs -p); do wait "$pid" || fixture_fail "a subscriber failed" "$(cat "$TEST_TMP"/*.err)"; done
assert_eq 'opt/rap 1' "$(cat "$TEST_TMP/rap.out")" "--retain-as-published"
assert_eq 'opt/rap 0' "$(cat "$TEST_TMP/norap.out")" "without --retain-as-published"

run_capture v3 "$MQSUB" -p "$PORT_PLAIN" -t opt/x --no-local -E
assert_eq 0 "$v3_rc"
assert_eq "mqsub: warning: --retain-as-published, --retain-handling and --no-local need MQTT 5 (-V 5): ignored" "$v3_err"
