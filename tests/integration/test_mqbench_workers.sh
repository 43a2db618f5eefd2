#!/usr/bin/env bash
# --workers 2 for pub and pubsub: clients sharded over two processes, one merged report that is exact
# (counts add, histograms add, pubsub loss recounted over every subscriber against every publisher),
# cross-checked against an independent mosquitto_sub; the parent's --csv rows come from the workers' stream.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start
topic=mqbench-test/workers

# pub: 6 publishers over 2 workers, 3,000 messages in all; mosquitto_sub -C 3000 counts them independently.
timeout 60 mosquitto_sub -p "$PORT_PLAIN" -t "$topic/pub/#" -q 1 -C 3000 -F %t > "$TEST_TMP/independent.txt" & counter=$!
fixture_track "$counter"
sleep 0.5
run_capture pub "$MQBENCH" pub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --clients 6 --workers 2 -C 3000 --rate 3000 \
  -t "$topic/pub/%i" --json "$TEST_TMP/pub.json" --csv "$TEST_TMP/pub.csv"
assert_eq 0 "$pub_rc" "pub over 2 workers (stderr: $pub_err)"
wait_status counter_rc "$counter" 20
assert_eq 0 "$counter_rc" "mosquitto_sub got its 3000"
assert_eq 3000 "$(wc -l < "$TEST_TMP/independent.txt")" "the independent subscriber counted every message"
assert_eq "3000 3000 0 2 6" \
  "$(jq -r '"\(.sent) \(.acknowledged) \(.publish_failed) \(.workers) \(.publishers)"' "$TEST_TMP/pub.json")" \
  "sent acknowledged failed workers publishers"
assert_eq "0 1 2 3 4 5" "$(jq -r '[.per_publisher[].id] | sort | map(tostring) | join(" ")' "$TEST_TMP/pub.json")" \
  "publisher ids unique over the workers"
assert_eq "500 500 500 500 500 500" "$(jq -r '[.per_publisher[].sent] | map(tostring) | join(" ")' "$TEST_TMP/pub.json")" \
  "--count split exactly"
assert_eq 3000 "$(jq -r .schedule_lag.count "$TEST_TMP/pub.json")" "one schedule-lag sample per message: histograms add"
assert_eq 3000 "$(tail -n 1 "$TEST_TMP/pub.csv" | cut -d, -f3)" "the last --csv row has every worker's messages"
# Each topic got its own publisher's messages only (no two workers used the same index).
assert_eq 6 "$(sort -u "$TEST_TMP/independent.txt" | wc -l)" "six distinct topics"
assert_eq "500" "$(sort "$TEST_TMP/independent.txt" | uniq -c | awk '{print $1}' | sort -u)" "500 messages per topic"

# pubsub: publishers and subscribers split over 2 workers, each subscriber gets every message.
timeout 60 mosquitto_sub -p "$PORT_PLAIN" -t "$topic/pubsub/#" -q 1 -C 1000 -F %t > "$TEST_TMP/independent2.txt" & counter=$!
fixture_track "$counter"
sleep 0.5
run_capture both "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --clients 4 --subscribers 2 --workers 2 -C 1000 \
  --rate 2000 -t "$topic/pubsub/%i" --json "$TEST_TMP/pubsub.json"
assert_eq 0 "$both_rc" "pubsub over 2 workers (stderr: $both_err)"
wait_status counter_rc "$counter" 20
assert_eq 1000 "$(wc -l < "$TEST_TMP/independent2.txt")" "the independent subscriber counted every message"
assert_eq "1000 2000 2000 0 0 2" \
  "$(jq -r '"\(.sent) \(.expected) \(.received) \(.lost) \(.duplicates) \(.workers)"' "$TEST_TMP/pubsub.json")" \
  "sent expected received lost duplicates workers"
assert_eq 2000 "$(jq -r .latency.count "$TEST_TMP/pubsub.json")" "one latency sample per message received"
assert_eq "500 500 500 500" "$(jq -r '[.per_publisher[].received] | map(tostring) | join(" ")' "$TEST_TMP/pubsub.json")" \
  "per publisher: 250 messages x 2 subscribers"
assert_contains "$both_out" "received   2000 (" "the merged human summary"
assert_contains "$both_out" "2 workers"

# No broker: the workers' own error, once, as a single process would say it.
run_capture gone "$MQBENCH" pub -h 127.0.0.1 -p 1 --clients 4 --workers 2 -C 10
assert_failed_with gone mqbench 40 "mqbench: error: publishers: none connected (connecting to 127.0.0.1:1: connection refused"
