#!/usr/bin/env bash
# A persistent session (-c -i ID) survives a broker restart with persistence on: mqsub reconnects by itself,
# subscribes again and prints every message -- those from before the restart and those published while it
# was still reconnecting -- QoS 2 exactly once, QoS 1 at least once.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --persistence

mqsub_start "$TEST_TMP/got.txt" restart-sub -p "$PORT_PLAIN" -c -q 2 -t 'rs/#' -v --reconnect-delay 1s,2s
seq 1 50 | mosquitto_pub -p "$PORT_PLAIN" -t rs/q1 -l -q 1
seq 1 50 | mosquitto_pub -p "$PORT_PLAIN" -t rs/q2 -l -q 2
wait_lines "$TEST_TMP/got.txt" 100 20

broker_stop
broker_restart
# mqsub is still waiting to reconnect: these are queued in its session by the broker.
seq 51 100 | mosquitto_pub -p "$PORT_PLAIN" -t rs/q1 -l -q 1
seq 51 100 | mosquitto_pub -p "$PORT_PLAIN" -t rs/q2 -l -q 2
wait_lines "$TEST_TMP/got.txt" 200 30
# The session's queued messages can be printed before the reconnect warning (seen under ASan): wait for it.
wait_text "$TEST_TMP/got.txt.err" "mqsub: warning: reconnected to localhost:$PORT_PLAIN" 30
sleep 0.5

fixture_alive "$MQSUB_PID" || fixture_fail "mqsub did not survive the restart" "$(cat "$TEST_TMP/got.txt.err")"
assert_eq "$(seq 1 100)" "$(sed -n 's|^rs/q2 ||p' "$TEST_TMP/got.txt")" "QoS 2: every message once, in order"
assert_eq "$(seq 1 100)" "$(sed -n 's|^rs/q1 ||p' "$TEST_TMP/got.txt" | sort -n | uniq)" "QoS 1: every message"
assert_contains "$(cat "$TEST_TMP/got.txt.err")" "mqsub: warning: lost the connection to localhost:$PORT_PLAIN; reconnecting"
assert_contains "$(cat "$TEST_TMP/got.txt.err")" "mqsub: warning: reconnected to localhost:$PORT_PLAIN"
