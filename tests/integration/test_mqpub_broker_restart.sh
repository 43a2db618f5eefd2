#!/usr/bin/env bash
# mqpub -l -q 1 survives a broker killed with SIGKILL and restarted (persistence on): every line arrives.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --persistence

# A persistent subscriber session so the broker queues for it across the restart.
mosquitto_sub -p "$PORT_PLAIN" -t 'restart/#' -q 1 -c -i restart-sub -E
sub_start "$TEST_TMP/got.txt" -p "$PORT_PLAIN" -t 'restart/#' -q 1 -c -i restart-sub

seq 1 600 | "$MQPUB" -p "$PORT_PLAIN" -t restart/x -l -q 1 --rate 300/s 2> "$TEST_TMP/pub.err" &
pub_pid=$!
fixture_track "$pub_pid"
sleep 0.8
broker_kill
sleep 1
broker_restart
wait "$pub_pid"
pub_rc=$?
assert_eq 0 "$pub_rc" "mqpub exit status after the restart: $(cat "$TEST_TMP/pub.err")"
wait_lines "$TEST_TMP/got.txt" 600 30
assert_eq 600 "$(sort -un "$TEST_TMP/got.txt" | wc -l)" "every line arrived at least once"
