#!/usr/bin/env bash
# mqbench conn opens N connections at a controlled rate and holds them; an independent client confirms
# the broker still serves new connections while they are held.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

"$MQBENCH" conn -h 127.0.0.1 -p "$PORT_PLAIN" --clients 200 --connect-rate 2000 --hold 2s --json "$TEST_TMP/conn.json" \
  > "$TEST_TMP/conn.txt" & bench=$!
fixture_track "$bench"
sleep 0.5
mosquitto_pub -p "$PORT_PLAIN" -t mqbench-test/conn -m alive || fixture_fail "the broker refused a connection during the hold"
wait "$bench"
assert_eq "200 200 200" "$(jq -r '"\(.attempted) \(.connected) \(.held)"' "$TEST_TMP/conn.json")" "attempted connected held"
assert_eq 200 "$(jq -r '.connect_time.count' "$TEST_TMP/conn.json")" "one connect-time sample per connection"
assert_contains "$(cat "$TEST_TMP/conn.txt")" "mqbench conn: 200 of 200 connected"

# Sharded over worker processes: one merged report, client ids unique across workers (a duplicate id
# would make the broker drop the older connection, and `held` would fall short).
run_capture sharded "$MQBENCH" conn -h 127.0.0.1 -p "$PORT_PLAIN" --clients 300 --workers 3 --hold 1s --json -
assert_eq 0 "$sharded_rc" "conn over 3 workers"
assert_eq "300 300 300 3 300" \
  "$(printf '%s' "$sharded_out" | jq -r '"\(.attempted) \(.connected) \(.held) \(.workers) \(.connect_time.count)"')" \
  "attempted connected held workers samples"
assert_contains "$sharded_err" "mqbench conn: 300 of 300 connected in"
