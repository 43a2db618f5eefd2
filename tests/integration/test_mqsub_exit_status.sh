#!/usr/bin/env bash
# Every way a run ends, with its status and its one stderr line: -C (0, the moment the last message is in),
# -W (27), --idle-timeout (48), -E (0), SIGINT (130), a lost connection with --no-reconnect (45), no broker
# (40) and refused credentials (the CONNACK code, as mosquitto_sub).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

now_ms() { date +%s%3N; }

# -C 1 -W 10: exits as soon as the message arrives, not when -W runs out.
mqsub_start "$TEST_TMP/count.out" count-sub -p "$PORT_PLAIN" -t exit/count -C 1 -W 10
published_at=$(now_ms)
mosquitto_pub -p "$PORT_PLAIN" -t exit/count -m first
mosquitto_pub -p "$PORT_PLAIN" -t exit/count -m second
status=0
wait "$MQSUB_PID" || status=$?
fixture_untrack "$MQSUB_PID"
elapsed=$(($(now_ms) - published_at))
assert_eq 0 "$status" "-C 1 status: $(cat "$TEST_TMP/count.out.err")"
assert_eq first "$(cat "$TEST_TMP/count.out")"
assert_eq "" "$(cat "$TEST_TMP/count.out.err")"
[[ $elapsed -lt 2000 ]] || fixture_fail "-C 1 -W 10 took ${elapsed} ms after the message"

run_capture timeout_run "$MQSUB" -p "$PORT_PLAIN" -t exit/none -W 1
assert_eq 27 "$timeout_run_rc"
assert_eq "mqsub: error: timed out: 1s elapsed, 0 messages printed" "$timeout_run_err"

run_capture counted "$MQSUB" -p "$PORT_PLAIN" -t exit/none -C 3 -W 500ms
assert_eq 27 "$counted_rc"
assert_eq "mqsub: error: timed out: 500ms elapsed, 0 of 3 messages printed" "$counted_err"

run_capture idle "$MQSUB" -p "$PORT_PLAIN" -t exit/none --idle-timeout 300ms
assert_eq 48 "$idle_rc"
assert_eq "mqsub: error: idle timeout: no message for 300ms, 0 messages printed" "$idle_err"

run_capture subscribe_only "$MQSUB" -p "$PORT_PLAIN" -t exit/none -E
assert_eq 0 "$subscribe_only_rc" "$subscribe_only_err"
assert_eq "" "$subscribe_only_out$subscribe_only_err"

# SIGINT: a clean DISCONNECT and 130, nothing on stderr.
mqsub_start "$TEST_TMP/interrupted.out" interrupted-sub -p "$PORT_PLAIN" -t exit/none
kill -INT "$MQSUB_PID"
status=0
wait "$MQSUB_PID" || status=$?
fixture_untrack "$MQSUB_PID"
assert_eq 130 "$status"
assert_eq "" "$(cat "$TEST_TMP/interrupted.out.err")"
grep -q 'Received DISCONNECT from interrupted-sub' "$BROKER_LOG" || fixture_fail "no DISCONNECT sent on SIGINT"

run_capture refused "$MQSUB" -p "$PORT_AUTH" -u alice -P wrong -t exit/none -W 5
assert_eq 5 "$refused_rc" "$refused_err"

# --no-reconnect: the broker going away ends the run with 45.
mqsub_start "$TEST_TMP/lost.out" lost-sub -p "$PORT_PLAIN" -t exit/none --no-reconnect
broker_stop
status=0
wait "$MQSUB_PID" || status=$?
fixture_untrack "$MQSUB_PID"
assert_eq 45 "$status"
assert_eq "mqsub: error: connection lost: the connection to localhost:$PORT_PLAIN was closed (without --no-reconnect mqsub reconnects)" \
  "$(cat "$TEST_TMP/lost.out.err")"

run_capture unreachable "$MQSUB" -p "$PORT_PLAIN" -t exit/none
assert_eq 40 "$unreachable_rc"
assert_contains "$unreachable_err" "mqsub: error: connecting to localhost:$PORT_PLAIN: connection refused"
