#!/usr/bin/env bash
# MQTT over WebSockets: mqpub and mqsub with -L ws://, proven by mosquitto's own clients on the plain
# listener of the same broker (mosquitto 2.0's clients speak no WebSockets).
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

sub_start "$TEST_TMP/got.txt" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-ws/#' -v -q 1

run_capture pub "$MQPUB" -L "ws://127.0.0.1:$PORT_WS/connect-ws/pub" -m over-ws -q 1
assert_eq 0 "$pub_rc" "mqpub -L ws://: $pub_err"
wait_lines "$TEST_TMP/got.txt" 1
assert_eq "connect-ws/pub over-ws" "$(cat "$TEST_TMP/got.txt")"

"$MQSUB" -L "ws://127.0.0.1:$PORT_WS/connect-ws/to-sub" -C 1 -i connect-ws-mqsub \
  > "$TEST_TMP/mqsub.out" 2> "$TEST_TMP/mqsub.err" &
mqsub_pid=$!
fixture_track "$mqsub_pid"
wait_subscribed connect-ws-mqsub
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t connect-ws/to-sub -m to-ws-sub -q 1
wait_status mqsub_rc "$mqsub_pid"
assert_eq 0 "$mqsub_rc" "mqsub -L ws://: $(cat "$TEST_TMP/mqsub.err")"
assert_eq to-ws-sub "$(cat "$TEST_TMP/mqsub.out")"
