#!/usr/bin/env bash
# mqpub -r sets a retained message and -r -n clears it, as seen by later subscribers.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

"$MQPUB" -p "$PORT_PLAIN" -t ret/a -m kept -r -q 1
run_capture got mosquitto_sub -p "$PORT_PLAIN" -t ret/a -C 1 -W 5 -F '%r %p'
assert_eq "0" "$got_rc" "a retained message is there"
assert_eq "1 kept" "$got_out"

"$MQPUB" -p "$PORT_PLAIN" -t ret/a -r -n -q 1
run_capture gone mosquitto_sub -p "$PORT_PLAIN" -t ret/a -C 1 -W 1
assert_eq "27" "$gone_rc" "after -r -n nothing is retained"
