#!/usr/bin/env bash
# Two copies of one pubsub run (--shard 0/2, and 1/2 from JOB_COMPLETION_INDEX with two workers of its own)
# against one broker at the same time, with the same -i: their client ids, topics and publisher ids do not
# collide (the broker took over no connection), and `mqbench merge` of their reports counts every
# subscriber against every publisher of both copies; an independent mosquitto_sub counts what was sent.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start
topic=mqbench-test/shard

# Usage errors: one line, exit 1, before any connection.
run_capture beyond "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -C 10 --shard 2/2
assert_eq 1 "$beyond_rc" "--shard 2/2 exit status"
assert_eq "mqbench: error: --shard 2/2: no copy 2 of 2: copies are numbered 0 to 1 (e.g. --shard 0/4 for the first of four copies)" \
  "$beyond_err" "--shard 2/2"
run_capture disagree env JOB_COMPLETION_INDEX=1 "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -C 10 --shard 0/2
assert_eq 1 "$disagree_rc" "--shard against JOB_COMPLETION_INDEX exit status"
assert_eq "mqbench: error: --shard 0/2: JOB_COMPLETION_INDEX says this is copy 1 (in an indexed job give --shard-count alone, or unset JOB_COMPLETION_INDEX)" \
  "$disagree_err" "--shard against JOB_COMPLETION_INDEX"
run_capture unset "$MQBENCH" conn -h 127.0.0.1 -p "$PORT_PLAIN" --shard-count 2
assert_eq 1 "$unset_rc" "--shard-count without JOB_COMPLETION_INDEX exit status"
assert_eq "mqbench: error: --shard-count 2: JOB_COMPLETION_INDEX is not set (outside an indexed job give --shard i/2)" \
  "$unset_err" "--shard-count without JOB_COMPLETION_INDEX"

timeout 60 mosquitto_sub -p "$PORT_PLAIN" -t "$topic/#" -q 1 -C 400 -F %t > "$TEST_TMP/independent.txt" & counter=$!
fixture_track "$counter"
sleep 0.5

# Each copy: 2 publishers, 1 subscriber, 200 messages. The same -i: without the offset, the second copy's
# clients would take over the first one's connections.
common=(pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --clients 2 --subscribers 1 -C 200 --rate 200
  -t "$topic/%i" -i shard-test)
timeout -k 5 60 "$MQBENCH" "${common[@]}" --shard 0/2 --json "$TEST_TMP/0.json" > "$TEST_TMP/0.out" 2>&1 & first=$!
fixture_track "$first"
RUN_TIMEOUT=60 run_capture second env JOB_COMPLETION_INDEX=1 "$MQBENCH" "${common[@]}" --shard-count 2 --workers 2 \
  --json "$TEST_TMP/1.json"
wait_status first_rc "$first" 60
assert_eq 0 "$first_rc" "copy 0 exit status (output: $(cat "$TEST_TMP/0.out"))"
assert_eq 0 "$second_rc" "copy 1 exit status (stderr: $second_err)"
assert_contains "$second_out" "copy 1 of 2 (--shard)"
assert_eq '{"count":2,"index":0} {"count":2,"index":1}' \
  "$(jq -c .shard "$TEST_TMP/0.json" | tr -d '\n') $(jq -c .shard "$TEST_TMP/1.json")" "each report records its copy"
assert_eq "0 1" "$(jq -r '[.per_publisher[].id] | sort | map(tostring) | join(" ")' "$TEST_TMP/0.json")" "copy 0's publisher ids"
assert_eq "2 3" "$(jq -r '[.per_publisher[].id] | sort | map(tostring) | join(" ")' "$TEST_TMP/1.json")" "copy 1's publisher ids"

wait_status counter_rc "$counter" 30
assert_eq 0 "$counter_rc" "mosquitto_sub got its 400"
assert_eq 400 "$(wc -l < "$TEST_TMP/independent.txt")" "the independent subscriber counted every message"
assert_eq "$topic/0 $topic/1 $topic/2 $topic/3" "$(sort -u "$TEST_TMP/independent.txt" | tr '\n' ' ' | sed 's/ $//')" \
  "four distinct topics: %i offset per copy"
assert_eq "100" "$(sort "$TEST_TMP/independent.txt" | uniq -c | awk '{print $1}' | sort -u)" "100 messages per topic"

# No client was taken over, and the broker saw six distinct client ids.
assert_not_contains "$(cat "$BROKER_LOG")" "already connected" "no client id collided"
assert_eq "shard-test-p0 shard-test-p1 shard-test-p2 shard-test-p3 shard-test-s0 shard-test-s1" \
  "$(grep -o 'New client connected from [^ ]* as shard-test-[ps][0-9]*' "$BROKER_LOG" | awk '{print $NF}' | sort -u | tr '\n' ' ' | sed 's/ $//')" \
  "client ids of both copies"
assert_eq 6 "$(grep -cE 'New client connected from [^ ]* as shard-test-[ps][0-9]+ ' "$BROKER_LOG")" "each client connected once"

# Merged: both subscribers against all four publishers. Whether a copy's subscriber was in place before the
# other copy's first message is up to timing, so the check is that every message is accounted for exactly.
run_capture merged "$MQBENCH" merge "$TEST_TMP/0.json" "$TEST_TMP/1.json" --json "$TEST_TMP/merged.json"
assert_eq 0 "$merged_rc" "merge exit status (stderr: $merged_err)"
assert_eq "400 800 2 4 2" \
  "$(jq -r '"\(.sent) \(.expected) \(.subscribers) \(.per_publisher | length) \(.shards.count)"' "$TEST_TMP/merged.json")" \
  "sent expected subscribers publishers copies"
assert_eq "0 1" "$(jq -r '.shards.merged | map(tostring) | join(" ")' "$TEST_TMP/merged.json")" "copies merged"
assert_eq 800 "$(jq -r '.received + .lost' "$TEST_TMP/merged.json")" "received + lost = expected"
assert_eq "$(jq -r .lost "$TEST_TMP/merged.json")" "$(jq -r '[.per_publisher[].lost] | add' "$TEST_TMP/merged.json")" \
  "lost is the sum over publishers"
assert_eq "200 200 200 200" \
  "$(jq -r '[.per_publisher[] | .received + .lost] | map(tostring) | join(" ")' "$TEST_TMP/merged.json")" \
  "per publisher: 100 messages x 2 subscribers, received or lost"
assert_eq "null" "$(jq -c .copies "$TEST_TMP/merged.json")" "the per-subscriber counts are not in the merged report"
echo "merged loss: $(jq -r .lost "$TEST_TMP/merged.json") of 800 (a copy's subscriber late for the other's first messages)"

# A copy merged twice is refused: its client ids would have collided.
run_capture twice "$MQBENCH" merge "$TEST_TMP/0.json" "$TEST_TMP/0.json"
assert_eq 47 "$twice_rc" "merging one copy twice"
assert_eq "mqbench: error: merge: report 2 is copy 0 again (its client ids collided) (merge each copy's report once)" \
  "$twice_err" "merge refusal"
