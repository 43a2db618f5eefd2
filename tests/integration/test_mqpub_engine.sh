#!/usr/bin/env bash
# mqpub talks plain TCP through its own socket client (one receive thread) and everything else through Paho
# (a send and a receive thread); both beside the main and the signal-watching thread. MQ_PUBLISH_ENGINE=paho
# forces Paho. The own
# client keeps an idle connection alive with PINGREQ, and both engines deliver QoS 0, 1 and 2 streams whole.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
# A stock mosquitto drops QoS 1/2 messages for a subscriber more than 1,000 behind: the streams below are
# checked line by line, so nothing may be dropped on the broker's side.
broker_start --extra "max_queued_messages 0"

# threads_while_idle NAME [mqpub args...]: starts mqpub -l on a silent stdin, waits until it is connected
# and reports its thread count in NAME_threads, then ends its input.
threads_while_idle() {
  local name=$1
  shift
  local fifo="$TEST_TMP/$name.fifo"
  mkfifo "$fifo"
  "$MQPUB" "$@" -t engine/idle -l < "$fifo" 2> "$TEST_TMP/$name.err" &
  local pid=$!
  fixture_track "$pid"
  exec 7> "$fifo"
  wait_text "$BROKER_LOG" " as $name (" 10
  sleep 0.3
  printf -v "${name}_threads" '%s' "$(ls "/proc/$pid/task" | wc -l)"
  exec 7>&-
  local rc=0
  wait_status rc "$pid" 10
  assert_eq 0 "$rc" "$name: mqpub exit status: $(cat "$TEST_TMP/$name.err")"
}

threads_while_idle own -p "$PORT_PLAIN" -i own
assert_eq 3 "$own_threads" "plain TCP: main, signal watcher and the own client's receive thread"
MQ_PUBLISH_ENGINE=paho threads_while_idle forced -p "$PORT_PLAIN" -i forced
[ "$forced_threads" -ge 4 ] || fixture_fail "MQ_PUBLISH_ENGINE=paho: only $forced_threads threads, Paho not used"
threads_while_idle tls -p "$PORT_TLS" --cafile "$MQ_PKI_DIR/ca.crt" -h localhost -i tls
[ "$tls_threads" -ge 4 ] || fixture_fail "TLS: only $tls_threads threads, Paho not used"

# Keepalive: with -k 5 (the least mosquitto allows) the broker drops a client silent for 7.5 s unless it
# sends PINGREQ.
sub_start "$TEST_TMP/kept.txt" -p "$PORT_PLAIN" -t engine/kept
mkfifo "$TEST_TMP/kept.fifo"
"$MQPUB" -p "$PORT_PLAIN" -t engine/kept -l -q 1 -k 5 -i kept < "$TEST_TMP/kept.fifo" 2> "$TEST_TMP/kept.err" &
kept_pid=$!
fixture_track "$kept_pid"
exec 8> "$TEST_TMP/kept.fifo"
wait_text "$BROKER_LOG" "Received PINGREQ from kept" 10
sleep 3  # past 7.5 s of silence from the producer
echo after-idle >&8
exec 8>&-
kept_rc=0
wait_status kept_rc "$kept_pid" 10
assert_eq 0 "$kept_rc" "mqpub -k 5 after an idle stretch: $(cat "$TEST_TMP/kept.err")"
wait_lines "$TEST_TMP/kept.txt" 1
assert_eq after-idle "$(cat "$TEST_TMP/kept.txt")"
assert_not_contains "$(cat "$BROKER_LOG")" "Client kept has exceeded timeout"
assert_not_contains "$(cat "$TEST_TMP/kept.err")" "warning"

# Every line of a stream at each QoS, through each engine.
seq -f 'line-%06g' 1 10000 > "$TEST_TMP/lines"
for engine in wire paho; do
  for qos in 0 1 2; do
    got="$TEST_TMP/got-$engine-$qos"
    sub_start "$got" -p "$PORT_PLAIN" -t "engine/$engine/$qos" -q "$qos"
    MQ_PUBLISH_ENGINE=$engine "$MQPUB" -p "$PORT_PLAIN" -t "engine/$engine/$qos" -q "$qos" -l < "$TEST_TMP/lines" ||
      fixture_fail "$engine QoS $qos: mqpub exited $?"
    wait_lines "$got" 10000 60
    assert_file_eq "$TEST_TMP/lines" "$got" "$engine QoS $qos: every line, in order"
  done
done

# Runs that need Paho are handed to mqpub-paho with their arguments in a memory file: the password still
# works there, and the new command line does not show it.
mkfifo "$TEST_TMP/handed.fifo"
"$MQPUB" -p "$PORT_AUTH" -u alice -P secret-alice -c -i handed -t engine/handed -l -q 1 \
  < "$TEST_TMP/handed.fifo" 2> "$TEST_TMP/handed.err" &
handed_pid=$!
fixture_track "$handed_pid"
exec 9> "$TEST_TMP/handed.fifo"
wait_text "$BROKER_LOG" " as handed (" 10
handed_cmdline=$(tr '\0' ' ' < "/proc/$handed_pid/cmdline")
assert_contains "$handed_cmdline" "mqpub-paho --arguments-fd"
assert_not_contains "$handed_cmdline" "secret-alice"
echo one >&9
exec 9>&-
handed_rc=0
wait_status handed_rc "$handed_pid" 10
assert_eq 0 "$handed_rc" "a persistent session (-c) through mqpub-paho: $(cat "$TEST_TMP/handed.err")"

# A warning about the arguments (an options file others can read holds a password) is printed once, by mqpub,
# not again by mqpub-paho.
printf -- '-u alice\n-P secret-alice\n' > "$TEST_TMP/options"
chmod 644 "$TEST_TMP/options"
run_capture warned "$MQPUB" -o "$TEST_TMP/options" -p "$PORT_AUTH" -c -i warned -t engine/warned -m x -q 1
assert_eq 0 "$warned_rc" "a handed-over run with an options file: $warned_err"
assert_eq 1 "$(grep -c "other users can read it" <<< "$warned_err")" "the options-file warning, once: $warned_err"

# Without mqpub-paho beside it, mqpub still publishes over plain TCP and says what is missing for TLS.
mkdir "$TEST_TMP/alone"
cp "$MQPUB" "$TEST_TMP/alone/mqpub"
"$TEST_TMP/alone/mqpub" -p "$PORT_PLAIN" -t engine/alone -m fine || fixture_fail "plain TCP without mqpub-paho: $?"
run_capture alone "$TEST_TMP/alone/mqpub" -p "$PORT_TLS" --cafile "$MQ_PKI_DIR/ca.crt" -h localhost -t x -m y
assert_eq 70 "$alone_rc" "TLS without mqpub-paho"
assert_contains "$alone_err" "mqpub: error: mqpub-paho: cannot run it (No such file or directory)"

# The hand-over flag with something that is not a descriptor mqpub made: a usage error, never stdin (fd 0).
for bad in x 0 '' 7x; do
  run_capture handover "$MQ_BIN_DIR/mqpub-paho" --arguments-fd "$bad" < /dev/null
  assert_failed_with handover mqpub 1 "--arguments-fd '$bad': not a descriptor mqpub handed over"
done
echo PASS
