#!/usr/bin/env bash
# mqbench ping exits non-zero on loss: a broker that silently drops payloads over 40 bytes
# (message_size_limit) never echoes the 64-byte pings, so every one is lost: status 27, one line, and
# the summary still counts them.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start --extra 'message_size_limit 40'
port=$PORT_PLAIN

run_capture lossy "$MQBENCH" ping -h 127.0.0.1 -p "$port" -C 3 --size 64 --timeout 300ms --json "$TEST_TMP/lossy.json"
assert_eq 27 "$lossy_rc" "ping with every message dropped"
assert_eq "mqbench: error: ping: 3 of 3 messages did not come back within 300ms" "$lossy_err" "loss message"
assert_eq "3 0 3" "$(jq -r '"\(.sent) \(.received) \(.lost)"' "$TEST_TMP/lossy.json")" "sent received lost"

# The same broker echoes pings that fit: the failure above is the loss, not the broker.
run_capture small "$MQBENCH" ping -h 127.0.0.1 -p "$port" -C 3 --size 32 --timeout 2s
assert_eq 0 "$small_rc" "ping with 32-byte payloads"
