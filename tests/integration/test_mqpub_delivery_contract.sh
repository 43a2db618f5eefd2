#!/usr/bin/env bash
# Delivery is a contract: a publish the broker's ACL denies gives a non-zero status (mosquitto_pub exits 0),
# with the reason; an acknowledged publish exits 0. Both publish engines: our own socket client (plain
# TCP's default) and Paho (MQ_PUBLISH_ENGINE=paho).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

for engine in wire paho; do
  export MQ_PUBLISH_ENGINE=$engine
  # bob may only write public/#.
  run_capture ok "$MQPUB" -V 5 -p "$PORT_AUTH" -u bob -P secret-bob -t public/x -m fine -q 1
  assert_eq 0 "$ok_rc" "$engine: allowed publish: $ok_err"

  run_capture denied "$MQPUB" -V 5 -p "$PORT_AUTH" -u bob -P secret-bob -t private/x -m nope -q 1
  assert_eq 42 "$denied_rc" "$engine: denied publish at QoS 1 (MQTT 5)"
  assert_contains "$denied_err" \
    "mqpub: error: publishing to 'private/x': the broker rejected 1 message: not authorized"
  assert_not_contains "$denied_err" "secret-bob"

  run_capture denied2 "$MQPUB" -V 5 -p "$PORT_AUTH" -u bob -P secret-bob -t private/x -m nope -q 2
  assert_eq 42 "$denied2_rc" "$engine: denied publish at QoS 2 (MQTT 5)"

  # A wrong password is the broker's refusal: its CONNACK code is the status, as with mosquitto_pub.
  run_capture refused "$MQPUB" -p "$PORT_AUTH" -u bob -P wrong -t public/x -m nope -q 1
  assert_eq 5 "$refused_rc" "$engine: bad password under MQTT 3.1.1: $refused_err"
  assert_not_contains "$refused_err" "wrong"
done
