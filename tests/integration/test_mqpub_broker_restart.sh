#!/usr/bin/env bash
# mqpub -l -q 1 survives a broker killed with SIGKILL and restarted (persistence on): every line arrives.
# Both publish engines: our own socket client (plain TCP's default) and Paho (MQ_PUBLISH_ENGINE=paho).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --persistence

restart_once() {  # engine
  local engine=$1
  # A persistent subscriber session so the broker queues for it across the restart.
  mosquitto_sub -p "$PORT_PLAIN" -t "restart-$engine/#" -q 1 -c -i "restart-sub-$engine" -E
  sub_start "$TEST_TMP/got-$engine.txt" -p "$PORT_PLAIN" -t "restart-$engine/#" -q 1 -c -i "restart-sub-$engine"

  seq 1 600 | MQ_PUBLISH_ENGINE=$engine "$MQPUB" -p "$PORT_PLAIN" -t "restart-$engine/x" -l -q 1 --rate 300/s \
    2> "$TEST_TMP/pub-$engine.err" &
  local pub_pid=$!
  fixture_track "$pub_pid"
  sleep 0.8
  broker_kill
  sleep 1
  broker_restart
  local pub_rc=0
  wait "$pub_pid" || pub_rc=$?
  assert_eq 0 "$pub_rc" "$engine: mqpub exit status after the restart: $(cat "$TEST_TMP/pub-$engine.err")"
  wait_lines "$TEST_TMP/got-$engine.txt" 600 30
  assert_eq 600 "$(sort -un "$TEST_TMP/got-$engine.txt" | wc -l)" "$engine: every line arrived at least once"
}

restart_once wire
restart_once paho
