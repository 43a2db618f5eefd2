#!/usr/bin/env bash
# --csv FILE: a header row, then one row per second with real numbers (and a last row for the part second):
# running totals that never go down and end at the summary's counts, per-second rates, p50/p99 in ns.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

run_capture run "$MQBENCH" pubsub -h 127.0.0.1 -p "$PORT_PLAIN" -q 1 --clients 2 --duration 3s --rate 200 \
  -t mqbench-test/csv/%i --csv "$TEST_TMP/rows.csv" --json "$TEST_TMP/summary.json"
assert_eq 0 "$run_rc" "pubsub with --csv (stderr: $run_err)"
csv=$TEST_TMP/rows.csv
assert_eq "elapsed_s,connected,sent,received,sent_per_s,received_per_s,p50_ns,p99_ns,errors,reconnects" \
  "$(head -n 1 "$csv")" "header row"
rows=$(($(wc -l < "$csv") - 1))
# A 3 s run plus connecting and waiting: at least 3 rows; bounded above so a runaway ticker shows.
(( rows >= 3 && rows <= 30 )) || fixture_fail "$rows rows for a 3 s run" "$(cat "$csv")"

# Every field of every row is a number (p50/p99 may be empty in a second nothing arrived), 10 fields.
awk -F, 'NR > 1 {
  if (NF != 10) { print "row " NR ": " NF " fields"; exit 1 }
  for (i = 1; i <= NF; i++) if ($i !~ /^[0-9]+(\.[0-9]+)?$/ && !((i == 7 || i == 8) && $i == "")) {
    print "row " NR ", field " i ": [" $i "]"; exit 1 }
}' "$csv" || fixture_fail "a field is not a number" "$(cat "$csv")"

# Totals never go down; elapsed grows; the last row's totals are the summary's.
awk -F, 'NR > 2 && ($1 <= e || $3 < s || $4 < r) { print "row " NR " goes back"; exit 1 } NR > 1 { e = $1; s = $3; r = $4 }' \
  "$csv" || fixture_fail "rows go back" "$(cat "$csv")"
assert_eq "$(jq -r '"\(.sent) \(.received)"' "$TEST_TMP/summary.json")" "$(tail -n 1 "$csv" | awk -F, '{print $3, $4}')" \
  "last row's sent and received are the summary's"
assert_eq 600 "$(tail -n 1 "$csv" | cut -d, -f3)" "600 sent"
# Messages flowed: some row has a positive rate and a latency.
awk -F, 'NR > 1 && $6 > 0 && $7 > 0 && $8 >= $7 { found = 1 } END { exit !found }' "$csv" ||
  fixture_fail "no row with a received rate and p50 <= p99" "$(cat "$csv")"
assert_eq 3 "$(tail -n 1 "$csv" | cut -d, -f2)" "3 connections up at the end (2 publishers, 1 subscriber)"

# A file that cannot be written: io error (46) before connecting; conn has no rows.
run_capture bad "$MQBENCH" pub -h 127.0.0.1 -p "$PORT_PLAIN" -C 5 --csv "$TEST_TMP/no/such/dir.csv"
assert_failed_with bad mqbench 46 "mqbench: error: --csv $TEST_TMP/no/such/dir.csv: No such file or directory"
run_capture conn "$MQBENCH" conn -p 1 --csv "$TEST_TMP/conn.csv"
assert_eq 1 "$conn_rc" "--csv with conn"
assert_eq "mqbench: error: --csv $TEST_TMP/conn.csv: only pub, sub and pubsub write rows per second" "$conn_err"
