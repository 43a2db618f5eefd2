#!/usr/bin/env bash
# The plain listener: mqpub delivers at every QoS (seen by an independent mosquitto_sub), mqsub receives
# with -C and -v, a closed port is "connection refused" (40), and an impossible port is a usage error (1).
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

sub_start "$TEST_TMP/got.txt" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-plain/#' -v -q 2
for qos in 0 1 2; do
  run_capture pub "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t "connect-plain/q$qos" -m "at qos $qos" -q "$qos"
  assert_eq 0 "$pub_rc" "mqpub -q $qos: $pub_err"
  assert_eq "" "$pub_out" "mqpub -q $qos prints nothing on stdout"
done
wait_lines "$TEST_TMP/got.txt" 3
assert_eq "connect-plain/q0 at qos 0
connect-plain/q1 at qos 1
connect-plain/q2 at qos 2" "$(cat "$TEST_TMP/got.txt")" "mosquitto_sub saw every mqpub message"

# mqsub -C 2 prints two payloads and exits 0; with -v each line is "topic payload".
"$MQSUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-plain/to-sub/#' -C 2 -i connect-plain-mqsub \
  > "$TEST_TMP/mqsub.out" 2> "$TEST_TMP/mqsub.err" &
mqsub_pid=$!
fixture_track "$mqsub_pid"
"$MQSUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-plain/to-sub/#' -C 2 -v -i connect-plain-mqsub-v \
  > "$TEST_TMP/mqsub-v.out" 2> "$TEST_TMP/mqsub-v.err" &
mqsub_v_pid=$!
fixture_track "$mqsub_v_pid"
wait_subscribed connect-plain-mqsub
wait_subscribed connect-plain-mqsub-v
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t connect-plain/to-sub/a -m first -q 1
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t connect-plain/to-sub/b -m second -q 1
wait_status mqsub_rc "$mqsub_pid"
assert_eq 0 "$mqsub_rc" "mqsub -C 2: $(cat "$TEST_TMP/mqsub.err")"
assert_eq $'first\nsecond' "$(cat "$TEST_TMP/mqsub.out")" "mqsub -C 2 output"
wait_status mqsub_v_rc "$mqsub_v_pid"
assert_eq 0 "$mqsub_v_rc" "mqsub -C 2 -v: $(cat "$TEST_TMP/mqsub-v.err")"
assert_eq $'connect-plain/to-sub/a first\nconnect-plain/to-sub/b second' "$(cat "$TEST_TMP/mqsub-v.out")" \
  "mqsub -v output"

wait_lines "$TEST_TMP/got.txt" 5
lines_before_failures=$(wc -l < "$TEST_TMP/got.txt")

# A port nobody listens on: free_port's port is closed again once it exits.
closed_port=$("$MQ_SUPPORT_DIR/free_port" 1)
run_capture refused "$MQPUB" -h 127.0.0.1 -p "$closed_port" -t connect-plain/x -m x
assert_failed_with refused mqpub 40 "connection refused"
run_capture refused_sub "$MQSUB" -h 127.0.0.1 -p "$closed_port" -t 'connect-plain/#' -C 1
assert_failed_with refused_sub mqsub 40 "connection refused"

run_capture port_zero "$MQPUB" -h 127.0.0.1 -p 0 -t connect-plain/x -m x
assert_failed_with port_zero mqpub 1 "-p 0"
run_capture port_high "$MQPUB" -h 127.0.0.1 -p 70000 -t connect-plain/x -m x
assert_failed_with port_high mqpub 1 "-p 70000"

sleep 0.2
assert_eq "$lines_before_failures" "$(wc -l < "$TEST_TMP/got.txt")" "the failed runs published nothing"
