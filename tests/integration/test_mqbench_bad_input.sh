#!/usr/bin/env bash
# Impossible combinations: exit 1 with one line naming the option, and no connection attempted.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

check() {  # expected-stderr args...
  local message=$1
  shift
  run_capture bad "$MQBENCH" "$@" -p 1
  assert_eq 1 "$bad_rc" "status of: mqbench $*"
  assert_eq "$message" "$bad_err" "stderr of: mqbench $*"
}

check "mqbench: error: --size 16: smaller than the 32-byte header every mqbench payload starts with" pub -C 5 --size 16
check "mqbench: error: --clients 0: at least one client is needed" pub -C 5 --clients 0
check "mqbench: error: --rate and --interval: give one: --rate is the total over all publishers, --interval per publisher" \
  pub -C 5 --rate 10 --interval 1s
check "mqbench: error: --count or --duration: pub needs one of them to know when to stop" pub
check "mqbench: error: --rate fast: 'fast' is not a rate (use N, N/s, N/m or N/h)" pubsub -C 5 --rate fast
check "mqbench: error: -t 'a/%x': unknown escape %x (use %i, %c or %%)" pub -C 5 -t 'a/%x'
run_capture mode "$MQBENCH" flood
assert_eq 1 "$mode_rc" "unknown mode"
assert_contains "$mode_err" "mode: flood not in {conn,pub,sub,pubsub,ping,merge}"
run_capture none "$MQBENCH"
assert_eq 1 "$none_rc" "no mode"
assert_eq "mqbench: error: mode: none given (use one of conn, pub, sub, pubsub, ping or merge)" "$none_err" "no mode"
