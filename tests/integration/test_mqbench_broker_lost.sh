#!/usr/bin/env bash
# The broker dies mid-run: mqbench pub stops waiting within --timeout, still prints its summary (what
# was sent until then, the error counted by reason) and exits with connection-lost (45).
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

"$MQBENCH" pub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --duration 5s --rate 100 -t mqbench-test/lost/%i --timeout 1s \
  --json "$TEST_TMP/lost.json" > "$TEST_TMP/lost.out" 2> "$TEST_TMP/lost.err" & bench=$!
fixture_track "$bench"
sleep 1
broker_kill
wait_status bench_rc "$bench" 15
assert_eq 45 "$bench_rc" "exit status after the broker died"
assert_eq "mqbench: error: pub: every connection was lost before the run ended (the summary above counts what happened until then)" \
  "$(cat "$TEST_TMP/lost.err")" "one error line"
sent=$(jq -r .sent "$TEST_TMP/lost.json")
(( sent >= 50 && sent < 500 )) || fixture_fail "sent $sent: expected about a second's worth (100) before the broker died"
assert_eq 1 "$(jq -r '.errors | add' "$TEST_TMP/lost.json")" "one error counted by reason"
assert_contains "$(cat "$TEST_TMP/lost.out")" "errors     1 x "
