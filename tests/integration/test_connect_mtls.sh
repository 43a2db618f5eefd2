#!/usr/bin/env bash
# The listener that requires a client certificate: --cert/--key get in; no certificate, or an expired one,
# is a TLS failure (41).
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

pki=$MQ_PKI_DIR
sub_start "$TEST_TMP/got.txt" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-mtls/#' -v -q 1

run_capture with_cert "$MQPUB" -h 127.0.0.1 -p "$PORT_MTLS" --cafile "$pki/ca.crt" \
  --cert "$pki/client.crt" --key "$pki/client.key" -t connect-mtls/pub -m with-cert -q 1
assert_eq 0 "$with_cert_rc" "--cert/--key: $with_cert_err"

# mqsub with a certificate receives too.
"$MQSUB" -h 127.0.0.1 -p "$PORT_MTLS" --cafile "$pki/ca.crt" --cert "$pki/client.crt" --key "$pki/client.key" \
  -t 'connect-mtls/to-sub' -C 1 -i connect-mtls-mqsub > "$TEST_TMP/mqsub.out" 2> "$TEST_TMP/mqsub.err" &
mqsub_pid=$!
fixture_track "$mqsub_pid"
wait_subscribed connect-mtls-mqsub
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t connect-mtls/to-sub -m to-sub -q 1
wait_status mqsub_rc "$mqsub_pid"
assert_eq 0 "$mqsub_rc" "mqsub with a client certificate: $(cat "$TEST_TMP/mqsub.err")"
assert_eq to-sub "$(cat "$TEST_TMP/mqsub.out")"

run_capture no_cert "$MQPUB" -h 127.0.0.1 -p "$PORT_MTLS" --cafile "$pki/ca.crt" -t connect-mtls/no-cert -m x
assert_failed_with no_cert mqpub 41 "client certificate"
run_capture no_cert_sub "$MQSUB" -h 127.0.0.1 -p "$PORT_MTLS" --cafile "$pki/ca.crt" -t 'connect-mtls/#' -C 1
assert_failed_with no_cert_sub mqsub 41 "client certificate"

run_capture expired "$MQPUB" -h 127.0.0.1 -p "$PORT_MTLS" --cafile "$pki/ca.crt" \
  --cert "$pki/expired-client.crt" --key "$pki/expired-client.key" -t connect-mtls/expired -m x
assert_failed_with expired mqpub 41 "certificate has expired"

wait_lines "$TEST_TMP/got.txt" 2
sleep 0.2
assert_eq $'connect-mtls/pub with-cert\nconnect-mtls/to-sub to-sub' "$(cat "$TEST_TMP/got.txt")" \
  "only the client with a valid certificate published"
