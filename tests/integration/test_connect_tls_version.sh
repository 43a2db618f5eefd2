#!/usr/bin/env bash
# --tls-version pins the version: tlsv1.3 against the TLS-1.2-only listener fails (41), tlsv1.2 gets in,
# and without the option the tool settles on 1.2 there.
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

pki=$MQ_PKI_DIR
# PORT_TLS12 is a broker of its own (see fixture.sh): listen there.
sub_start "$TEST_TMP/got.txt" -h 127.0.0.1 -p "$PORT_TLS12" --cafile "$pki/ca.crt" --tls-version tlsv1.2 \
  -t 'connect-tls-version/#' -v -q 1

run_capture v13 "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS12" --cafile "$pki/ca.crt" --tls-version tlsv1.3 \
  -t connect-tls-version/v13 -m x
assert_failed_with v13 mqpub 41 "no common TLS version"

run_capture v12 "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS12" --cafile "$pki/ca.crt" --tls-version tlsv1.2 \
  -t connect-tls-version/v12 -m pinned-1.2 -q 1
assert_eq 0 "$v12_rc" "--tls-version tlsv1.2: $v12_err"

run_capture any "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS12" --cafile "$pki/ca.crt" \
  -t connect-tls-version/any -m unpinned -q 1
assert_eq 0 "$any_rc" "no --tls-version: $any_err"

# The 1.3 pin itself works where 1.3 is offered.
run_capture v13_ok "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS" --cafile "$pki/ca.crt" --tls-version tlsv1.3 \
  -t connect-tls-version/v13-ok -m x -q 1
assert_eq 0 "$v13_ok_rc" "--tls-version tlsv1.3 on a normal TLS listener: $v13_ok_err"

wait_lines "$TEST_TMP/got.txt" 2
sleep 0.2
assert_eq $'connect-tls-version/v12 pinned-1.2\nconnect-tls-version/any unpinned' "$(cat "$TEST_TMP/got.txt")"
