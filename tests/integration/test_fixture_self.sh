#!/usr/bin/env bash
# The test bed itself, proven with mosquitto's own clients only: every listener accepts what it should and
# refuses what it should, a killed broker keeps a queued QoS 1 message, and the assertions really fail.
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --persistence

pki=$MQ_PKI_DIR
expect_ok() {  # label mosquitto_pub args...
  local label=$1
  shift
  run_capture pub mosquitto_pub -h 127.0.0.1 "$@"
  assert_eq 0 "$pub_rc" "$label: mosquitto_pub should succeed: $pub_err"
}
expect_refused() {  # label mosquitto_pub args...
  local label=$1
  shift
  run_capture pub mosquitto_pub -h 127.0.0.1 "$@"
  if [[ "$pub_rc" == 0 || "$pub_rc" == 124 ]]; then
    fixture_fail "$label: mosquitto_pub should be refused, got status $pub_rc" "$pub_err"
  fi
}

# free_port hands out distinct ports.
assert_eq 20 "$("$MQ_SUPPORT_DIR/free_port" 20 | sort -u | wc -l)" "free_port 20 gives 20 distinct ports"

# Everything published on the main broker's listeners shows up here, on the plain one.
sub_start "$TEST_TMP/got.txt" -p "$PORT_PLAIN" -t 'self/#' -v -q 1

expect_ok plain -p "$PORT_PLAIN" -t self/plain -m plain -q 1

expect_ok "auth alice" -p "$PORT_AUTH" -u alice -P secret-alice -t self/alice -m alice -q 1
expect_ok "auth bob public" -p "$PORT_AUTH" -u bob -P secret-bob -t self/public -m bob-denied -q 1
run_capture pub mosquitto_pub -h 127.0.0.1 -p "$PORT_AUTH" -u alice -P wrong -t self/wrong -m wrong
assert_eq 5 "$pub_rc" "v3.1.1 wrong password: mosquitto 2.0.11 answers CONNACK 5 (not authorized)"
run_capture pub mosquitto_pub -h 127.0.0.1 -V 5 -p "$PORT_AUTH" -u alice -P wrong -t self/wrong -m wrong
assert_eq 135 "$pub_rc" "v5 wrong password: mosquitto 2.0.11 answers reason 135 (not authorized)"
run_capture pub mosquitto_pub -h 127.0.0.1 -p "$PORT_AUTH" -t self/anonymous -m anonymous
assert_eq 5 "$pub_rc" "anonymous on the auth listener"

expect_ok "tls" -p "$PORT_TLS" --cafile "$pki/ca.crt" -t self/tls -m tls -q 1
expect_ok "tls localhost" -h localhost -p "$PORT_TLS" --cafile "$pki/ca.crt" -t self/tls-localhost -m tls-localhost -q 1
expect_refused "tls wrong CA" -p "$PORT_TLS" --cafile "$pki/other-ca.crt" -t self/wrong-ca -m wrong-ca
expect_refused "tls wrong name" -p "$PORT_TLS_WRONGNAME" --cafile "$pki/ca.crt" -t self/wrongname -m wrongname
expect_ok "tls wrong name --insecure" -p "$PORT_TLS_WRONGNAME" --cafile "$pki/ca.crt" --insecure \
  -t self/insecure -m insecure -q 1

expect_ok "mtls" -p "$PORT_MTLS" --cafile "$pki/ca.crt" --cert "$pki/client.crt" --key "$pki/client.key" \
  -t self/mtls -m mtls -q 1
expect_refused "mtls without a client certificate" -p "$PORT_MTLS" --cafile "$pki/ca.crt" -t self/no-cert -m no-cert
expect_refused "mtls expired client certificate" -p "$PORT_MTLS" --cafile "$pki/ca.crt" \
  --cert "$pki/expired-client.crt" --key "$pki/expired-client.key" -t self/expired -m expired

# mosquitto 2.0's clients speak no WebSockets: check the HTTP upgrade by hand.
exec 3<> "/dev/tcp/127.0.0.1/$PORT_WS"
printf 'GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n%s\r\n%s\r\n%s\r\n\r\n' \
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' 'Sec-WebSocket-Version: 13' 'Sec-WebSocket-Protocol: mqtt' >&3
ws_status=$(timeout 5 head -n 1 <&3 | tr -d '\r')
exec 3>&-
assert_eq "HTTP/1.1 101 Switching Protocols" "$ws_status" "websockets listener answers the upgrade"

# The TLS 1.2 listener is its own broker: prove delivery there with a subscriber of its own.
tls12_args=(-h 127.0.0.1 -p "$PORT_TLS12" --cafile "$pki/ca.crt")
sub_start "$TEST_TMP/got12.txt" "${tls12_args[@]}" --tls-version tlsv1.2 -t 'self/#' -v
expect_refused "tls 1.3 on the 1.2 listener" -p "$PORT_TLS12" --cafile "$pki/ca.crt" --tls-version tlsv1.3 \
  -t self/tls13 -m tls13
expect_ok "tls 1.2 on the 1.2 listener" -p "$PORT_TLS12" --cafile "$pki/ca.crt" --tls-version tlsv1.2 \
  -t self/tls12 -m tls12 -q 1
expect_ok "tls 1.3 on the normal TLS listener" -p "$PORT_TLS" --cafile "$pki/ca.crt" --tls-version tlsv1.3 \
  -t self/tls13-normal -m tls13-normal -q 1
wait_lines "$TEST_TMP/got12.txt" 1
assert_eq "self/tls12 tls12" "$(cat "$TEST_TMP/got12.txt")"

wait_lines "$TEST_TMP/got.txt" 7
expected="self/plain plain
self/alice alice
self/public bob-denied
self/tls tls
self/tls-localhost tls-localhost
self/insecure insecure
self/mtls mtls
self/tls13-normal tls13-normal"
sleep 0.2
# bob may write only public/#: the broker drops his self/public silently.
assert_eq "$(grep -v bob-denied <<< "$expected")" "$(cat "$TEST_TMP/got.txt")" "what reached the plain subscriber"

# A queued QoS 1 message survives SIGKILL and restart (persistence, autosave every second).
run_capture session mosquitto_sub -p "$PORT_PLAIN" -t self/queued -q 1 -c -i self-queued -E
assert_eq 0 "$session_rc" "persistent session created: $session_err"
expect_ok "queue one" -p "$PORT_PLAIN" -t self/queued -m queued-before-kill -q 1
sleep 2
old_pid=$BROKER_PID
broker_kill
assert_eq "" "$(fixture_alive "$old_pid" && echo alive)" "broker is gone after broker_kill"
broker_restart
assert_eq "" "$( (exec 3<> "/dev/tcp/127.0.0.1/$PORT_PLAIN") 2>&1)" "same port after restart"
run_capture queued mosquitto_sub -p "$PORT_PLAIN" -t self/queued -q 1 -c -i self-queued -C 1 -W 5
assert_eq 0 "$queued_rc" "queued message after restart: $queued_err"
assert_eq queued-before-kill "$queued_out"
broker_stop
assert_eq "" "$(fixture_alive "$old_pid" && echo alive)"

# The helpers fail when they should (a subshell does not run the cleanup trap).
set +e
(assert_eq one two "custom note") 2> "$TEST_TMP/assert.err"
status=$?
set -e
assert_eq 1 "$status" "assert_eq exits 1 on a mismatch"
assert_contains "$(cat "$TEST_TMP/assert.err")" "custom note"
assert_contains "$(cat "$TEST_TMP/assert.err")" "expected: [one]"
assert_contains "$(cat "$TEST_TMP/assert.err")" "actual:   [two]"
assert_contains "$(cat "$TEST_TMP/assert.err")" "test_fixture_self.sh:"
for failing in "assert_contains abc x" "assert_not_contains abc b" \
  "assert_file_eq $TEST_TMP/got.txt $TEST_TMP/got12.txt" "wait_lines $TEST_TMP/got12.txt 5 1"; do
  set +e
  # shellcheck disable=SC2086 # the words are the helper and its arguments
  (${failing}) 2> /dev/null
  status=$?
  set -e
  assert_eq 1 "$status" "$failing must fail"
done
assert_file_eq "$TEST_TMP/got12.txt" "$TEST_TMP/got12.txt"

run_capture shell sh -c 'echo to-out; echo to-err >&2; exit 3'
assert_eq "to-out|to-err|3" "$shell_out|$shell_err|$shell_rc" "run_capture keeps out, err and status apart"
RUN_TIMEOUT=1 run_capture slow sleep 10 2> /dev/null
assert_eq 124 "$slow_rc" "run_capture stops a command at RUN_TIMEOUT"
