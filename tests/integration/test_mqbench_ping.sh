#!/usr/bin/env bash
# mqbench ping, the CI smoke test: K round trips at QoS 0, 1 and 2 on one or two connections with no loss;
# against a stopped broker it fails with the unreachable status (40) and one line on stderr.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

for qos in 0 1 2; do
  run_capture ping "$MQBENCH" ping -h 127.0.0.1 -p "$PORT_PLAIN" -q "$qos" -C 10 -t "mqbench-test/ping/$qos" --json "$TEST_TMP/ping$qos.json"
  assert_eq 0 "$ping_rc" "ping at QoS $qos"
  assert_contains "$(cat "$TEST_TMP/ping$qos.json")" '"mode": "ping"'
  assert_eq "10 10 0 0 10" "$(jq -r '"\(.sent) \(.received) \(.lost) \(.duplicates) \(.rtt.count)"' "$TEST_TMP/ping$qos.json")" \
    "sent received lost duplicates rtt-samples at QoS $qos"
done

run_capture two "$MQBENCH" ping -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -C 5 --connections 2 -t mqbench-test/ping/two --json -
assert_eq 0 "$two_rc" "ping on two connections"
assert_eq "5 0" "$(printf '%s' "$two_out" | jq -r '"\(.received) \(.lost)"')" "received and lost on two connections"
assert_contains "$two_err" "5 sent, 5 received, 0 lost, 0 duplicates"

# Nothing listens on a port of a stopped broker.
broker_stop
run_capture gone "$MQBENCH" ping -h 127.0.0.1 -p "$PORT_PLAIN" -C 3 --connect-timeout 2
assert_eq 40 "$gone_rc" "ping against a stopped broker"
assert_contains "$gone_err" "mqbench: error: connecting to 127.0.0.1:$PORT_PLAIN"
assert_eq 1 "$(printf '%s\n' "$gone_err" | wc -l)" "one line on stderr"
