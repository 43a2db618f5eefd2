#!/usr/bin/env bash
# mqbench pubsub with small counts: exact sent/received counts, zero loss, every subscriber gets every
# message (and a $share group splits them), cross-checked by an independent mosquitto_sub.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start
topic=mqbench-test/pubsub

sub_start "$TEST_TMP/independent.txt" -p "$PORT_PLAIN" -t "$topic/#" -q 1 -F %t  # payloads are binary: one topic line per message
run_capture run "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --clients 3 --subscribers 2 -C 301 --rate 1000 \
  -t "$topic/%i" --json "$TEST_TMP/summary.json"
assert_eq 0 "$run_rc" "pubsub exit status"
assert_eq "301 301 0 602 602 0 0" \
  "$(jq -r '"\(.sent) \(.acknowledged) \(.publish_failed) \(.expected) \(.received) \(.lost) \(.duplicates)"' "$TEST_TMP/summary.json")" \
  "sent acknowledged failed expected received lost duplicates"
assert_eq "101 100 100" "$(jq -r '[.per_publisher[].sent] | map(tostring) | join(" ")' "$TEST_TMP/summary.json")" \
  "--count split exactly over the publishers"
assert_eq 1204 "$(jq -r '.latency.count + .service_latency.count' "$TEST_TMP/summary.json")" "one latency sample per message"
assert_contains "$run_out" "received   602"
wait_lines "$TEST_TMP/independent.txt" 301
assert_eq 301 "$(wc -l < "$TEST_TMP/independent.txt")" "the independent subscriber saw every message once"

# A shared subscription: two members, one copy of the stream between them.
run_capture shared "$MQBENCH" pubsub -V 5 -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --clients 2 --subscribers 2 -C 200 \
  -t "$topic/shared/%i" --sub-topic "\$share/g/$topic/shared/+" --json -
assert_eq 0 "$shared_rc" "shared pubsub exit status"
assert_eq "200 200 200 0" "$(printf '%s' "$shared_out" | jq -r '"\(.sent) \(.expected) \(.received) \(.lost)"')" \
  "shared subscription: sent expected received lost"

# --duration with --rate: open-loop, so about rate x duration, and every one of them arrives.
run_capture timed "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" --clients 2 --duration 1s --rate 200 \
  -t "$topic/timed/%i" --json -
assert_eq 0 "$timed_rc" "timed pubsub exit status"
assert_eq "200 0" "$(printf '%s' "$timed_out" | jq -r '"\(.sent) \(.lost)"')" "1 s at 200 msg/s: exactly 200 sent, none lost"

# Publishers and subscribers over plain TCP use the project's own client (a few per process) or Paho: both
# count the same, at every QoS (2: the subscriber answers PUBREC/PUBCOMP itself), MQTT 3.1.1 and 5. 900
# messages, unthrottled: fewer than the stock broker queues for one subscriber (1,000), so none may be lost.
for engine in wire paho; do
  for qos in 0 1 2; do
    run_capture engine env MQ_PUBLISH_ENGINE=$engine "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q "$qos" \
      --clients 2 --subscribers 1 -C 900 --interval 0 -t "$topic/engine-$engine-$qos/%i" --json -
    assert_eq 0 "$engine_rc" "$engine QoS $qos: pubsub exit status: $engine_err"
    assert_eq "900 900 900 0 0" \
      "$(printf '%s' "$engine_out" | jq -r '"\(.sent) \(.acknowledged) \(.received) \(.lost) \(.duplicates)"')" \
      "$engine QoS $qos: sent acknowledged received lost duplicates"
  done
  run_capture v5 env MQ_PUBLISH_ENGINE=$engine "$MQBENCH" pubsub -V 5 -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 \
    --clients 1 --subscribers 2 -C 500 --interval 0 -t "$topic/engine-$engine-v5" --json -
  assert_eq 0 "$v5_rc" "$engine MQTT 5: pubsub exit status: $v5_err"
  assert_eq "500 1000 0 0" "$(printf '%s' "$v5_out" | jq -r '"\(.sent) \(.received) \(.lost) \(.duplicates)"')" \
    "$engine MQTT 5: sent received lost duplicates"
done

# Keepalive counts what a client sends: a subscriber that only receives must ping while messages keep
# arriving, or the broker drops it after 1.5 keepalives (-k 5, the least allowed: a message every 10 ms for
# 9 s; a client that never pinged would be dropped at 7.5 s and reconnect).
run_capture keepalive "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -k 5 --rate 100 --duration 9s \
  -t "$topic/keepalive" --json -
assert_eq 0 "$keepalive_rc" "keepalive pubsub exit status: $keepalive_err"
assert_eq "900 900 0 0" \
  "$(printf '%s' "$keepalive_out" | jq -r '"\(.sent) \(.received) \(.lost) \(.reconnects)"')" \
  "-k 5 under a steady stream: sent received lost reconnects"
