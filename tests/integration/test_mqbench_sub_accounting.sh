#!/usr/bin/env bash
# mqbench sub counts loss, duplicates and reordering per publisher from the payload headers. Crafted
# payloads (publisher 5: sequences 0 1 3 3 2 6, so 4 and 5 missing, 3 twice, 2 late) make it exact; a
# payload without the header is counted as foreign, not misread; -C counts only benchmark messages.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start
topic=mqbench-test/accounting

# header: "MQB", flags, publisher u32, sequence u64, intended ns, sent ns (little-endian)
header() {  # publisher sequence
  local now
  now=$(date +%s%N)
  printf 'MQB\x00'
  perl -e 'print pack("V Q< q< q<", $ARGV[0], $ARGV[1], $ARGV[2], $ARGV[2])' "$1" "$2" "$now"
  printf 'padding!'
}

"$MQBENCH" sub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -t "$topic" -C 6 --duration 10s --json "$TEST_TMP/sub.json" \
  > "$TEST_TMP/sub.txt" 2>&1 & bench=$!
fixture_track "$bench"
sleep 0.5
mosquitto_pub -p "$PORT_PLAIN" -q 1 -t "$topic" -m "not a benchmark message"
for sequence in 0 1 3 3 2 6; do
  header 5 "$sequence" > "$TEST_TMP/payload"
  mosquitto_pub -p "$PORT_PLAIN" -q 1 -t "$topic" -f "$TEST_TMP/payload"
done
wait "$bench"
assert_eq "5 1 1 2 1" "$(jq -r '"\(.received) \(.duplicates) \(.reordered) \(.lost) \(.foreign)"' "$TEST_TMP/sub.json")" \
  "unique duplicates reordered lost foreign"
