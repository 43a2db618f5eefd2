#!/usr/bin/env bash
# mqpub (and mqbench ping) against a broker that misbehaves after accepting the connection
# (tests/support/hostile_broker.cpp): PUBACK/PUBREC with failure reasons, a connection dropped in the middle
# of a QoS 2 flow, a server DISCONNECT right after CONNACK. Each run ends with the documented status and one
# "mqpub: error:" line within 8 s. The one behaviour still open is reported by known_bug without failing.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

source "$(dirname "$0")/lib/hostile.sh"

# publish_with PREFIX QOS [args...]: one mqpub -m run against the hostile broker, at most 8 s (a hang is
# reported by run_capture as 124 and then fails the status check).
publish_with() {  # prefix qos [args...]
  local prefix=$1 qos=$2
  shift 2
  RUN_TIMEOUT=8 run_capture "$prefix" "$MQPUB" -p "$HOSTILE_PORT" "$@" -t hostile/publish -m hello -q "$qos"
  local status_var="${prefix}_rc"
  assert_no_crash "${!status_var}" "mqpub -q $qos $*"
}

# PUBACK / PUBREC with a failure reason (MQTT 5): 42 and the reason in words; QoS 0 has nothing to reject.
hostile_start puback-reject:135
for qos in 1 2; do
  publish_with rejected "$qos" -V 5
  assert_failed_with rejected mqpub 42 "the broker rejected 1 message: not authorized"
done
publish_with unacknowledged 0 -V 5
assert_eq 0 "$unacknowledged_rc" "QoS 0 against puback-reject: $unacknowledged_err"
assert_eq "" "$unacknowledged_err"
hostile_stop

hostile_start puback-reject:151
publish_with quota 1 -V 5
assert_failed_with quota mqpub 42 "quota exceeded"
hostile_stop

# MQTT 3.1.1 cannot reject a publish: the broker drops the connection instead, so the message is not
# acknowledged (44); nothing was rejected.
hostile_start puback-reject:135
for qos in 1 2; do
  publish_with dropped "$qos"
  assert_eq 1 "$(printf '%s\n' "$dropped_err" | wc -l)" "one line on stderr: [$dropped_err]"
  assert_contains "$dropped_err" "mqpub: error: publishing to 'hostile/publish': "
  # Dropped before the PUBACK/PUBREC: the broker rejected nothing, so 44 (not acknowledged), not 42.
  assert_eq 44 "$dropped_rc"
done
hostile_stop

# The connection drops between PUBREC and PUBCOMP: the QoS 2 flow never completes (44). QoS 1 is acknowledged
# normally by this broker, so it succeeds.
hostile_start drop-mid-qos2
for version in 311 5; do
  publish_with half_done 2 -V "$version"
  assert_eq 1 "$(printf '%s\n' "$half_done_err" | wc -l)" "one line on stderr: [$half_done_err]"
  assert_contains "$half_done_err" "mqpub: error: publishing to 'hostile/publish': "
  # The broker sent PUBREC (accepted) and then dropped the link: 44 (not acknowledged), not 42 (rejected).
  assert_eq 44 "$half_done_rc"
  publish_with whole 1 -V "$version"
  assert_eq 0 "$whole_rc" "QoS 1 against drop-mid-qos2 -V $version: $whole_err"
  assert_eq "" "$whole_err"
done
grep -q 'PUBREC sent, closing before PUBREL/PUBCOMP' "$HOSTILE_LOG" ||
  fixture_fail "the broker never saw a QoS 2 PUBLISH" "$(cat "$HOSTILE_LOG")"
hostile_stop

# The broker closes right after CONNACK (MQTT 3.1.1 has no DISCONNECT from the server): a QoS >= 1 message
# is not acknowledged (44); at QoS 0 the message may have left before the close was seen (0) or not (45).
hostile_start disconnect:142
for qos in 1 2; do
  publish_with closed "$qos"
  assert_eq 1 "$(printf '%s\n' "$closed_err" | wc -l)" "one line on stderr: [$closed_err]"
  assert_contains "$closed_err" "mqpub: error: publishing to 'hostile/publish': "
  assert_failed_with closed mqpub 44 "not acknowledged"
done
publish_with closed 0
if [[ "$closed_rc" != 0 ]]; then
  assert_failed_with closed mqpub 45 "publishing to 'hostile/publish'"
fi

# MQTT 5: a DISCONNECT with reason 142 (session taken over) right after CONNACK: the connection is lost, so
# 45 (lost) or, with a QoS >= 1 message pending, 44 (not acknowledged); never a hang.
for qos in 0 1 2; do
  publish_with taken_over "$qos" -V 5
  if [[ $qos == 0 ]]; then
    # At QoS 0 the message may be written before the DISCONNECT is read; mqpub then exits 0, as
    # mosquitto_pub does. Whether a DISCONNECT right after a QoS 0 send should fail the run is open.
    known_bug "mqpub -q 0 -V 5 after DISCONNECT 142: status $taken_over_rc, expected 45: $taken_over_err" \
      assert_failed_with taken_over mqpub 45 "hostile/publish"
  else
    assert_failed_with taken_over mqpub "$([[ $taken_over_rc == 45 ]] && echo 45 || echo 44)" "hostile/publish"
  fi
done
hostile_stop

# mqbench ping publishes at QoS 1 and waits for its own messages: a rejected publish is 42.
if [[ "$("$MQBENCH" --help 2> /dev/null || true)" == *"--port"* ]]; then
  hostile_start puback-reject:135
  RUN_TIMEOUT=30 run_capture bench "$MQBENCH" ping --count 3 -q 1 -V 5 -p "$HOSTILE_PORT"
  assert_no_crash "$bench_rc" "mqbench ping against puback-reject"
  assert_eq 1 "$(printf '%s\n' "$bench_err" | wc -l)" "one line on stderr: [$bench_err]"
  assert_contains "$bench_err" "mqbench: error: "
  # The first rejected PUBACK ends the run with 42, without waiting for echoes that cannot come.
  assert_eq 42 "$bench_rc"
  hostile_stop
fi
