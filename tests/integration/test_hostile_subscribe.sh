#!/usr/bin/env bash
# mqsub (and mqbench ping) against a broker that misbehaves around subscriptions
# (tests/support/hostile_broker.cpp): SUBACK failures, a PUBLISH with an invalid UTF-8 topic, a 50 MiB
# PUBLISH, a server DISCONNECT before and after SUBACK. Each run ends with the documented status and one
# "<tool>: error:" line, in bounded time, without a crash. Checks that fail today because of a tool bug are
# marked KNOWN-BUG.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
command -v jq > /dev/null || fixture_fail "jq is missing (apt-get install jq)"
[[ -x /usr/bin/time ]] || fixture_fail "/usr/bin/time is missing (apt-get install time)"

source "$(dirname "$0")/lib/hostile.sh"

# SUBACK failure: 43 with the refusal in words, in MQTT 3.1.1 (0x80) and 5 (0x87 not authorized).
hostile_start suback-reject
run_capture refused "$MQSUB" -V 5 -p "$HOSTILE_PORT" -t hostile/sub -C 1 -W 10
assert_failed_with refused mqsub 43 "subscribing to 'hostile/sub': the broker refused the subscription"
run_capture refused "$MQSUB" -p "$HOSTILE_PORT" -t hostile/sub -C 1 -W 10
assert_failed_with refused mqsub 43 "subscribing to 'hostile/sub': "
# KNOWN-BUG: in MQTT 3.1.1 the message is "subscribing to 'hostile/sub': Paho error 128": a raw Paho code
# leaking out of mq::paho instead of "the broker refused the subscription".
assert_contains "$refused_err" "the broker refused the subscription"
hostile_stop

# A PUBLISH whose topic is not UTF-8 (0xC3 0x28): printed as received, the JSON line stays valid JSON (the
# bad byte becomes U+FFFD), no crash. (MQTT says a client should close the connection here; mqsub prints.)
hostile_start bad-utf8-publish
for version in 311 5; do
  run_capture bad_topic "$MQSUB" -V "$version" -p "$HOSTILE_PORT" -t '#' -C 1 -W 10 -v
  assert_eq 0 "$bad_topic_rc" "mqsub -v against bad-utf8-publish: $bad_topic_err"
  assert_eq "" "$bad_topic_err"
  assert_eq $'hostile/\xC3\x28/topic xxxxxxxxx' "$bad_topic_out"
  run_capture bad_json "$MQSUB" -V "$version" -p "$HOSTILE_PORT" -t '#' -C 1 -W 10 --json
  assert_eq 0 "$bad_json_rc" "mqsub --json against bad-utf8-publish: $bad_json_err"
  assert_eq "hostile/"$'\xEF\xBF\xBD'"(/topic xxxxxxxxx" \
    "$(printf '%s\n' "$bad_json_out" | jq -r '.topic + " " + .payload' 2>&1)" "the --json line: $bad_json_out"
done
hostile_stop

# One PUBLISH of 50 MiB, streamed by the broker: every byte arrives, memory stays within a few copies.
hostile_start huge-payload --payload-bytes 52428800
huge_status=0
/usr/bin/time -f '%M' -o "$TEST_TMP/huge.rss" timeout 20 "$MQSUB" -p "$HOSTILE_PORT" -t '#' -C 1 -W 15 \
  > "$TEST_TMP/huge.out" 2> "$TEST_TMP/huge.err" || huge_status=$?
assert_no_crash "$huge_status" "mqsub against huge-payload"
assert_eq 0 "$huge_status" "mqsub against huge-payload: $(cat "$TEST_TMP/huge.err")"
assert_eq "" "$(cat "$TEST_TMP/huge.err")"
assert_eq 52428801 "$(stat -c %s "$TEST_TMP/huge.out")" "bytes printed (payload and newline)"
assert_eq 0 "$(head -c 52428800 "$TEST_TMP/huge.out" | tr -d x | wc -c)" "the payload is all 'x'"
huge_rss_kb=$(tail -n 1 "$TEST_TMP/huge.rss")
[[ $huge_rss_kb -lt 524288 ]] || fixture_fail "mqsub used ${huge_rss_kb} kB for a 50 MiB message (limit 512 MiB)"
hostile_stop

# The broker ends the session after SUBACK. MQTT 3.1.1 (the link just closes) and MQTT 5 (a DISCONNECT with
# reason 142 "session taken over" first): --no-reconnect ends with 45 at once.
hostile_start disconnect-after-suback:142
run_capture lost "$MQSUB" -p "$HOSTILE_PORT" -t hostile/sub -C 1 -W 10 --no-reconnect
assert_failed_with lost mqsub 45 "connection lost: the connection to localhost:$HOSTILE_PORT was closed"
run_capture lost "$MQSUB" -V 5 -p "$HOSTILE_PORT" -t hostile/sub -C 1 -W 5 --no-reconnect
assert_no_crash "$lost_rc" "mqsub -V 5 after DISCONNECT 142"
assert_eq 1 "$(printf '%s\n' "$lost_err" | wc -l)" "one line on stderr: [$lost_err]"
assert_contains "$lost_err" "mqsub: error: "
# KNOWN-BUG: mqsub -V 5 ignores a server DISCONNECT (Paho reports it through the v5 "disconnected" callback,
# not "connection lost"): it runs until -W (27 "timed out"), and without -W it would wait for ever.
assert_eq 45 "$lost_rc"

# Without --no-reconnect mqsub reconnects (a warning each time) until -W: one error line, 27.
run_capture retried "$MQSUB" -p "$HOSTILE_PORT" -t hostile/sub -C 1 -W 3
assert_eq 27 "$retried_rc" "mqsub reconnecting until -W: $retried_err"
assert_eq 1 "$(printf '%s\n' "$retried_err" | grep -c ': error: ')" "one error line: [$retried_err]"
assert_eq "mqsub: error: timed out: 3s elapsed, 0 of 1 messages printed" "$(printf '%s\n' "$retried_err" | tail -n 1)"
[[ $(grep -c 'CONNECT protocol level' "$HOSTILE_LOG") -ge 3 ]] ||
  fixture_fail "mqsub did not reconnect" "$(cat "$HOSTILE_LOG")"
hostile_stop

# The DISCONNECT comes before the SUBSCRIBE is answered: the connection is lost (45), not refused (43).
hostile_start disconnect:142
RUN_TIMEOUT=10 run_capture early "$MQSUB" -V 5 -p "$HOSTILE_PORT" -t hostile/sub -C 1 -W 5 --no-reconnect
assert_no_crash "$early_rc" "mqsub -V 5 after an early DISCONNECT"
# This raced: when the DISCONNECT was handled before connect() returned, the SUBSCRIBE waited for a SUBACK
# that could never come, past -W (killed at the 10 s limit). Now it fails at once.
assert_failed_with early mqsub 45 "closed the connection"
hostile_stop

# A CONNECT the broker never answers, with a long --connect-timeout: -W and Ctrl-C end the wait.
hostile_start silent
for tool in "$MQSUB" "$MQJSON"; do
  name=$(basename "$tool")
  RUN_TIMEOUT=8 run_capture connect_wait "$tool" -p "$HOSTILE_PORT" --connect-timeout 60s -t hostile/sub -W 2
  assert_failed_with connect_wait "$name" 27 "timed out"
  connects_before=$(grep -c 'CONNECT protocol level' "$HOSTILE_LOG" || true)
  "$tool" -p "$HOSTILE_PORT" --connect-timeout 60s -t hostile/sub > /dev/null 2> "$TEST_TMP/connect-int.err" &
  connect_pid=$!
  fixture_track "$connect_pid"
  deadline=$((SECONDS + 10))
  until [[ $(grep -c 'CONNECT protocol level' "$HOSTILE_LOG" || true) -gt $connects_before ]]; do
    [[ $SECONDS -lt $deadline ]] || fixture_fail "$name sent no CONNECT within 10 s" "$(cat "$HOSTILE_LOG")"
    sleep 0.05
  done
  kill -INT "$connect_pid"
  wait_status connect_status "$connect_pid" 4
  assert_eq 130 "$connect_status" "$name interrupted while connecting: $(cat "$TEST_TMP/connect-int.err")"
  assert_eq "" "$(cat "$TEST_TMP/connect-int.err")"
done
hostile_stop

# A SUBSCRIBE the broker never answers: -W counts from the start, as mosquitto_sub's does, so it ends the
# SUBACK wait (which alone would last --connect-timeout + 5 s); Ctrl-C ends it too, quietly, with 130.
hostile_start suback-silent
for tool in "$MQSUB" "$MQJSON"; do
  name=$(basename "$tool")
  if [[ $name == mqsub ]]; then args=(-t hostile/sub -C 1 -W 2); else args=(-t hostile/sub -W 2 .x); fi
  RUN_TIMEOUT=8 run_capture silent "$tool" -V 5 -p "$HOSTILE_PORT" "${args[@]}"
  assert_failed_with silent "$name" 27 "timed out"
  ignored_before=$(grep -c 'not answering' "$HOSTILE_LOG" || true)
  "$tool" -p "$HOSTILE_PORT" "${args[@]:0:2}" > "$TEST_TMP/silent-int.out" 2> "$TEST_TMP/silent-int.err" &
  silent_pid=$!
  fixture_track "$silent_pid"
  deadline=$((SECONDS + 10))
  until [[ $(grep -c 'not answering' "$HOSTILE_LOG" || true) -gt $ignored_before ]]; do
    [[ $SECONDS -lt $deadline ]] || fixture_fail "$name sent no SUBSCRIBE within 10 s" "$(cat "$HOSTILE_LOG")"
    sleep 0.05
  done
  kill -INT "$silent_pid"
  wait_status silent_status "$silent_pid" 4
  assert_eq 130 "$silent_status" "$name interrupted while waiting for the SUBACK: $(cat "$TEST_TMP/silent-int.err")"
  assert_eq "" "$(cat "$TEST_TMP/silent-int.err")"
done
hostile_stop

# mqbench's subscribers over plain TCP use the project's own client (mq::wire): a refused subscription is an
# error counted by its reason (a load run goes on; `--fail-if errors>0` makes it fail), in both versions.
if [[ "$("$MQBENCH" --help 2> /dev/null || true)" == *"--port"* ]]; then
  hostile_start suback-reject
  for version in 311 5; do
    RUN_TIMEOUT=20 run_capture wire_sub "$MQBENCH" sub -V "$version" -p "$HOSTILE_PORT" -t 'hostile/#' \
      --duration 2s --fail-if 'errors>0'
    assert_failed_with wire_sub mqbench 49 "--fail-if 'errors>0': errors is 1"
    assert_contains "$wire_sub_out" "1 x the broker refused: "
  done
  assert_contains "$wire_sub_out" "1 x the broker refused: not authorized"
  [[ $(grep -c "SUBACK refusing 'hostile/#'" "$HOSTILE_LOG") -eq 2 ]] ||
    fixture_fail "the subscriptions did not reach the broker" "$(cat "$HOSTILE_LOG")"
  hostile_stop
fi

# mqbench ping subscribes to its own messages: a refused subscription is 43.
if [[ "$("$MQBENCH" --help 2> /dev/null || true)" == *"--port"* ]]; then
  hostile_start suback-reject
  RUN_TIMEOUT=30 run_capture bench "$MQBENCH" ping --count 3 -q 1 -V 5 -p "$HOSTILE_PORT"
  assert_no_crash "$bench_rc" "mqbench ping against suback-reject"
  assert_eq 1 "$(printf '%s\n' "$bench_err" | wc -l)" "one line on stderr: [$bench_err]"
  assert_contains "$bench_err" "mqbench: error: "
  # KNOWN-BUG: mqbench ping ignores the SUBACK failure: after 15 s it exits 27 "ping: 3 of 3 messages did not
  # come back within 5s"; expected 43 at once.
  assert_eq 43 "$bench_rc"
  hostile_stop
fi
