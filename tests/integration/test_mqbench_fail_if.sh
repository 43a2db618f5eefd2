#!/usr/bin/env bash
# --fail-if gates for CI: a gate that holds ends a completed run with 49 and one line per failed gate on
# stderr (the summary and --json are still written); gates that do not hold leave 0; bad gate syntax and
# gates on figures the mode never measures are usage errors (1) before any connection.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start
topic=mqbench-test/gates

# Gates that cannot hold on a clean local run: status 0, nothing on stderr.
run_capture pass "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -C 100 --rate 500 -t "$topic/pass/%i" \
  --fail-if 'loss>0, duplicates>0,errors>0,p99>60s,rate<1' --json "$TEST_TMP/pass.json"
assert_eq 0 "$pass_rc" "gates that do not hold (stderr: $pass_err)"
assert_eq "" "$pass_err" "no gate failed"
assert_eq "100 0" "$(jq -r '"\(.received) \(.lost)"' "$TEST_TMP/pass.json")" "received lost"

# Gates that must hold: every message arrives later than 0 ns, and 100 messages in total at 500/s is under
# a million msg/s. Two failed gates, two lines, status 49; the passing gate (loss>0) prints nothing.
run_capture fail "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -C 100 --rate 500 -t "$topic/fail/%i" \
  --fail-if 'p50>=0us,loss>0,rate<1000000' --json "$TEST_TMP/fail.json"
assert_eq 49 "$fail_rc" "gates that hold"
assert_eq 2 "$(printf '%s\n' "$fail_err" | wc -l)" "one line per failed gate: [$fail_err]"
assert_eq "mqbench: error: --fail-if 'p50>=0us': p50 is" "$(printf '%s\n' "$fail_err" | head -n 1 | cut -d' ' -f1-6)" \
  "first line names the gate and the measured value"
assert_contains "$(printf '%s\n' "$fail_err" | sed -n 2p)" "mqbench: error: --fail-if 'rate<1000000': rate is "
assert_contains "$fail_out" "received   100" "the summary is printed all the same"
assert_eq 100 "$(jq -r .received "$TEST_TMP/fail.json")" "--json is written all the same"

# The CI smoke test with a gate: ping's round trips.
run_capture ping "$MQBENCH" ping -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 -C 5 -t "$topic/ping" --fail-if 'max>=0ns'
assert_eq 49 "$ping_rc" "ping gate"
assert_contains "$ping_err" "mqbench: error: --fail-if 'max>=0ns': max is "

# merge judges the merged report.
run_capture merged "$MQBENCH" merge "$TEST_TMP/pass.json" "$TEST_TMP/fail.json" --fail-if 'loss>0,errors>0' --json "$TEST_TMP/merged.json"
assert_eq 0 "$merged_rc" "merge with gates that do not hold (stderr: $merged_err)"
run_capture merged "$MQBENCH" merge "$TEST_TMP/pass.json" "$TEST_TMP/fail.json" --fail-if 'p50>=0us'
assert_eq 49 "$merged_rc" "merge with a gate that holds"

# Usage errors: exit 1, one line, nothing attempted (port 1 has no broker).
check() {  # expected-stderr gates [mode]
  run_capture bad "$MQBENCH" "${3:-pubsub}" -C 5 -p 1 --fail-if "$2"
  assert_eq 1 "$bad_rc" "status of --fail-if '$2'"
  assert_eq "$1" "$bad_err" "stderr of --fail-if '$2'"
}
check "mqbench: error: --fail-if 'p99>50': '50' has no unit (latencies take us, ms or s, e.g. p99>50ms)" 'p99>50'
check "mqbench: error: --fail-if 'lag>5': unknown metric 'lag' (use p50, p90, p99, p999, max, loss, duplicates, reorder, errors, rate)" 'loss>0,lag>5'
check "mqbench: error: --fail-if 'loss=>1': unknown comparison '=>' (use > >= < <= ==)" 'loss=>1'
check "mqbench: error: --fail-if 'p99>5ms': pub measures no end-to-end latency (use pubsub, or gate on rate or errors)" 'p99>5ms' pub
check "mqbench: error: --fail-if 'loss>0': conn receives nothing, so it has no loss (use pubsub)" 'loss>0' conn
