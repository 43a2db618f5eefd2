#!/usr/bin/env bash
# QoS 2 end to end across a SIGKILLed broker: a running `mqpub -l -q 2` and a persistent `mqsub -q 2 -c -i`
# both outlive mosquitto being killed (no clean shutdown) and restarted from its persistence file; lines fed
# to mqpub while the broker is down are sent once it is back, more follow the restart, and the subscriber
# prints every line exactly once, in order. mosquitto itself must not drop anything: its queue limit is off.
#
# The kill comes when every flow of the first part is complete and saved (autosave every second): mosquitto
# saves its state periodically, so a SIGKILL in the middle of a flow rolls the broker back to its last save
# and can itself lose or repeat a message, which no client can prevent. What is ours to prove is that
# neither tool loses or repeats anything around the outage.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --persistence --extra "max_queued_messages 0"

first_part=300
second_part=300
third_part=300
total=$((first_part + second_part + third_part))

# mqsub waits 4 s before reconnecting, so mqpub has sent everything by then: only the persistent session
# restored from the broker's file can hand those messages to it.
mqsub_start "$TEST_TMP/got.txt" qos2-exactly-once -p "$PORT_PLAIN" -c -q 2 -t 'fault/q2' --reconnect-delay 4s,4s

# mqpub reads its lines from a FIFO the test writes in two parts, so it is mid-stream during the outage.
mkfifo "$TEST_TMP/lines.fifo"
"$MQPUB" -p "$PORT_PLAIN" -t fault/q2 -l -q 2 < "$TEST_TMP/lines.fifo" 2> "$TEST_TMP/pub.err" &
pub_pid=$!
fixture_track "$pub_pid"
exec 3> "$TEST_TMP/lines.fifo"

seq 1 "$first_part" >&3
wait_lines "$TEST_TMP/got.txt" "$first_part" 30
# Past two autosaves: the session, its subscription and the completed flows are on disk.
sleep 2.5

broker_kill
fixture_alive "$pub_pid" || fixture_fail "mqpub ended with the broker" "$(cat "$TEST_TMP/pub.err")"
# Lines that arrive while nothing listens: mqpub must keep them until it is connected again.
seq $((first_part + 1)) $((first_part + second_part)) >&3
sleep 1
# Without 3>&- the broker would inherit the FIFO's write end and mqpub would never see the end of input.
broker_restart 3>&-
seq $((first_part + second_part + 1)) "$total" >&3
exec 3>&-

wait_status pub_rc "$pub_pid" 20
assert_eq 0 "$pub_rc" "mqpub -l -q 2 across the kill: $(cat "$TEST_TMP/pub.err")"
wait_lines "$TEST_TMP/got.txt" "$total" 60
# A repeat would come right after the last line: give it a moment to show.
sleep 1
fixture_alive "$MQSUB_PID" || fixture_fail "mqsub did not survive the kill" "$(cat "$TEST_TMP/got.txt.err")"
assert_eq "$(seq 1 "$total")" "$(cat "$TEST_TMP/got.txt")" "every line exactly once, in order"
assert_contains "$(cat "$TEST_TMP/got.txt.err")" "mqsub: warning: reconnected to localhost:$PORT_PLAIN"
