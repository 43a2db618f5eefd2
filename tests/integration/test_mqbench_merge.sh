#!/usr/bin/env bash
# Two runs at the same time, merged: counts add, latency histograms add (the merged sample count is the
# sum, the merged max is the larger max), and reports of different modes are refused.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

"$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -C 150 --rate 500 -t mqbench-test/merge/a/%i \
  --json "$TEST_TMP/a.json" > /dev/null & first=$!
fixture_track "$first"
"$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -C 250 --clients 2 --rate 500 -t mqbench-test/merge/b/%i \
  --json "$TEST_TMP/b.json" > /dev/null
wait "$first"
run_capture merged "$MQBENCH" merge "$TEST_TMP/a.json" "$TEST_TMP/b.json" --json "$TEST_TMP/merged.json"
assert_eq 0 "$merged_rc" "merge exit status"
assert_eq "400 400 0 400 3 2" \
  "$(jq -r '"\(.sent) \(.received) \(.lost) \(.latency.count) \(.per_publisher | length) \(.merged_reports)"' "$TEST_TMP/merged.json")" \
  "sent received lost latency-samples publishers reports"
assert_eq "$(jq -s 'map(.latency.max_ns) | max' "$TEST_TMP/a.json" "$TEST_TMP/b.json")" \
  "$(jq '.latency.max_ns' "$TEST_TMP/merged.json")" "merged max is the larger max"
assert_contains "$merged_out" "mqbench merge: 2 'pubsub' reports"

"$MQBENCH" ping -h 127.0.0.1 -p "$PORT_PLAIN" -C 2 -t mqbench-test/merge/ping --json "$TEST_TMP/ping.json" > /dev/null
run_capture mixed "$MQBENCH" merge "$TEST_TMP/a.json" "$TEST_TMP/ping.json"
assert_eq 47 "$mixed_rc" "merging different modes"
assert_eq "mqbench: error: merge: report 2 is a 'ping' report, report 1 a 'pubsub' one" "$mixed_err" "merge refusal"
