#!/usr/bin/env bash
# Bad input is refused before connecting, with status 1 and exactly one stderr line naming the option and the
# fix: invalid filters (-t, -T), -C 0, negative or zero durations, an unknown -F code, a bad --grep pattern,
# conflicting options. No broker runs: nothing may hang waiting for one.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
port=$("$FIXTURE_FREE_PORT" 1)

expect_usage_error() {  # expected-stderr mqsub-args...
  local expected=$1
  shift
  run_capture bad "$MQSUB" -p "$port" "$@"
  assert_eq 1 "$bad_rc" "status of mqsub $*"
  assert_eq "$expected" "$bad_err" "stderr of mqsub $*"
  assert_eq "" "$bad_out" "stdout of mqsub $*"
}

expect_usage_error "mqsub: error: -t 'a/#/b': '#' must be the last level of a filter (e.g. a/#)" -t 'a/#/b'
expect_usage_error "mqsub: error: -t 'a+': '+' must occupy a whole topic level (e.g. a/+/b)" -t 'a+'
expect_usage_error "mqsub: error: -t 'a"$'\xff'"': not valid UTF-8" -t $'a\xff'
long=$(printf 'x%.0s' $(seq 1 65536))
expect_usage_error "mqsub: error: -t 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (65536 bytes): too long: 65536 bytes (MQTT allows at most 65535)" -t "$long"
expect_usage_error "mqsub: error: -T 'a/#/b': '#' must be the last level of a filter (e.g. a/#)" -t a -T 'a/#/b'
expect_usage_error "mqsub: error: topic: no topic filter given (use -t FILTER (repeatable) or -L mqtt://host/FILTER)"
expect_usage_error "mqsub: error: --count: '0' is not a count of 1 or more (see 'mqsub --help')" -t a -C 0
expect_usage_error "mqsub: error: --timeout: '-1' is negative (durations must be >= 0) (see 'mqsub --help')" -t a -W -1
expect_usage_error "mqsub: error: --timeout: '0' must be more than zero" -t a -W 0
expect_usage_error "mqsub: error: --idle-timeout: '0s' must be more than zero" -t a --idle-timeout 0s
expect_usage_error "mqsub: error: -F: unknown format code '%k' at position 4 (see the -F codes in mqsub(1))" -t a -F '%t %k'
expect_usage_error "mqsub: error: --grep: invalid regular expression '(': Mismatched '(' and ')' in regular expression" -t a --grep '('
expect_usage_error "mqsub: error: --regex-syntax: perl not in {ecmascript,posix} (see 'mqsub --help')" -t a --regex-syntax perl
expect_usage_error "mqsub: error: --retain-handling: sometimes not in {always,new,never,0,1,2} (see 'mqsub --help')" -t a --retain-handling sometimes
expect_usage_error "mqsub: error: --reconnect-delay: the maximum '1s' is below the minimum '5s'" -t a --reconnect-delay 5s,1s
expect_usage_error "mqsub: error: --reconnect-delay: '500ms' is below 1s (reconnects are timed in whole seconds)" -t a --reconnect-delay 500ms
expect_usage_error "mqsub: error: --no-reconnect and --reconnect-delay: choose one" -t a --no-reconnect --reconnect-delay 2
expect_usage_error "mqsub: error: -F and --json: choose one output form" -t a -F %t --json
expect_usage_error "mqsub: error: -N and -0: choose one record end" -t a -N -0
expect_usage_error "mqsub: error: --qos: Value 3 not in range 0 to 2 (see 'mqsub --help')" -t a -q 3
