#!/usr/bin/env bash
# The TLS listener: --cafile and an mqtts:// URL connect; an unrelated CA and a certificate for another
# host name are TLS failures (41) with a precise reason; --insecure accepts the wrong host name.
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

pki=$MQ_PKI_DIR
sub_start "$TEST_TMP/got.txt" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-tls/#' -v -q 1

run_capture by_ip "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS" --cafile "$pki/ca.crt" -t connect-tls/ip -m by-ip -q 1
assert_eq 0 "$by_ip_rc" "--cafile to 127.0.0.1: $by_ip_err"
run_capture by_name "$MQPUB" -h localhost -p "$PORT_TLS" --cafile "$pki/ca.crt" -t connect-tls/name -m by-name -q 1
assert_eq 0 "$by_name_rc" "--cafile to localhost: $by_name_err"
run_capture by_url "$MQPUB" -L "mqtts://127.0.0.1:$PORT_TLS/connect-tls/url" --cafile "$pki/ca.crt" -m by-url -q 1
assert_eq 0 "$by_url_rc" "-L mqtts://: $by_url_err"

run_capture wrong_ca "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS" --cafile "$pki/other-ca.crt" -t connect-tls/wrong-ca -m x
assert_failed_with wrong_ca mqpub 41 "certificate verify failed"
run_capture wrong_ca_sub "$MQSUB" -h 127.0.0.1 -p "$PORT_TLS" --cafile "$pki/other-ca.crt" -t 'connect-tls/#' -C 1
assert_failed_with wrong_ca_sub mqsub 41 "certificate verify failed"

run_capture wrong_name "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS_WRONGNAME" --cafile "$pki/ca.crt" \
  -t connect-tls/wrong-name -m x
assert_failed_with wrong_name mqpub 41 "does not match"

run_capture insecure "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS_WRONGNAME" --cafile "$pki/ca.crt" --insecure \
  -t connect-tls/insecure -m insecure -q 1
assert_eq 0 "$insecure_rc" "--insecure accepts the wrong host name: $insecure_err"

wait_lines "$TEST_TMP/got.txt" 4
sleep 0.2
assert_eq "connect-tls/ip by-ip
connect-tls/name by-name
connect-tls/url by-url
connect-tls/insecure insecure" "$(cat "$TEST_TMP/got.txt")" "what the TLS clients delivered"
