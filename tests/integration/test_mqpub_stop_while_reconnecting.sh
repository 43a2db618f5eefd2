#!/usr/bin/env bash
# Ctrl-C while mqpub -l (its own client over plain TCP) is reconnecting to a broker that accepts the TCP
# connection and never answers the CONNECT: mqpub stops at once, not after --connect-timeout, and still says
# how many messages were not acknowledged.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

source "$(dirname "$0")/lib/hostile.sh"

# A broker that serves normally ("suback-reject" only misbehaves on SUBSCRIBE), then goes away.
hostile_start suback-reject
port=$HOSTILE_PORT
mkfifo "$TEST_TMP/lines"
"$MQPUB" -p "$port" -t hostile/reconnect -l -q 1 --connect-timeout 60s < "$TEST_TMP/lines" \
  > "$TEST_TMP/pub.out" 2> "$TEST_TMP/pub.err" &
pub_pid=$!
fixture_track "$pub_pid"
exec 3> "$TEST_TMP/lines"  # the writer stays open: mqpub waits for more lines
printf 'one\n' >&3
deadline=$((SECONDS + 10))
until grep -q 'CONNECT protocol level' "$HOSTILE_LOG" 2> /dev/null; do
  [[ $SECONDS -lt $deadline ]] || fixture_fail "mqpub did not connect within 10 s" "$(cat "$HOSTILE_LOG")"
  sleep 0.05
done

# The broker goes; a silent one takes its port. mqpub's next attempt connects and waits for a CONNACK.
hostile_stop
"$HOSTILE_BROKER" --mode silent --port "$port" --lifetime 60 > /dev/null 2> "$TEST_TMP/silent.log" &
silent_pid=$!
fixture_track "$silent_pid"
printf 'two\n' >&3
deadline=$((SECONDS + 20))
until grep -q 'CONNECT protocol level' "$TEST_TMP/silent.log" 2> /dev/null; do
  [[ $SECONDS -lt $deadline ]] || fixture_fail "mqpub did not reconnect within 20 s" "$(cat "$TEST_TMP/pub.err")"
  sleep 0.05
done

kill -INT "$pub_pid"
wait_status pub_status "$pub_pid" 5  # fails if mqpub is still waiting for the CONNACK (up to 60 s)
exec 3>&-
assert_eq 130 "$pub_status" "mqpub interrupted while reconnecting: $(cat "$TEST_TMP/pub.err")"
pub_err=$(cat "$TEST_TMP/pub.err")
assert_contains "$pub_err" "not acknowledged"
echo PASS
