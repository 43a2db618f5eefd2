#!/usr/bin/env bash
# mqsub killed with SIGKILL and started again with the same -c -i ID gets the QoS 1 and 2 messages published
# while it was away, each exactly once here (nothing was in flight when it died).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

mqsub_start "$TEST_TMP/first.txt" resume-sub -p "$PORT_PLAIN" -c -q 2 -t 'resume/#' -v
mosquitto_pub -p "$PORT_PLAIN" -t resume/q1 -m before -q 1
wait_lines "$TEST_TMP/first.txt" 1
kill -KILL "$MQSUB_PID"
wait "$MQSUB_PID" 2> /dev/null || true
fixture_untrack "$MQSUB_PID"

seq 1 20 | mosquitto_pub -p "$PORT_PLAIN" -t resume/q1 -l -q 1
seq 1 20 | mosquitto_pub -p "$PORT_PLAIN" -t resume/q2 -l -q 2
mosquitto_pub -p "$PORT_PLAIN" -t resume/q0 -m 'qos 0 is not kept for us' -q 0

run_capture second "$MQSUB" -i resume-sub -p "$PORT_PLAIN" -c -q 2 -t 'resume/#' -v -C 40 -W 10
assert_eq 0 "$second_rc" "$second_err"
assert_eq "$(seq 1 20)" "$(sed -n 's|^resume/q2 ||p' <<< "$second_out")" "QoS 2 while away"
assert_eq "$(seq 1 20)" "$(sed -n 's|^resume/q1 ||p' <<< "$second_out")" "QoS 1 while away"

# MQTT 5: -c with -x keeps the session for the expiry interval.
run_capture create "$MQSUB" -i expiry-sub -p "$PORT_PLAIN" -V 5 -c -x 60 -q 1 -t resume/x -E
assert_eq 0 "$create_rc" "$create_err"
mosquitto_pub -p "$PORT_PLAIN" -t resume/x -m kept -q 1
run_capture resumed "$MQSUB" -i expiry-sub -p "$PORT_PLAIN" -V 5 -c -x 60 -q 1 -t resume/x -C 1 -W 5
assert_eq 0 "$resumed_rc" "$resumed_err"
assert_eq kept "$resumed_out"
