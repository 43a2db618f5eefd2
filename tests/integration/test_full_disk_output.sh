#!/usr/bin/env bash
# A full disk under our output (/dev/full: every write fails with ENOSPC): mqsub and mqjson, subscribing
# (with -C and without) and mqjson on stdin, each end with status 46 and one line naming the tool and the
# cause, within their bounds: no silent success, no hang while messages are waiting to be written.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
[[ -w /dev/full ]] || {
  echo "SKIPPED: /dev/full is not writable here" >&2
  exit 77
}
broker_start

# Stores the status and stderr of background process PID (started with 2> ERR_FILE) as PREFIX_rc and
# PREFIX_err, the shape assert_failed_with reads.
collect() {  # prefix pid err-file
  local collected_status
  wait_status collected_status "$2" 15
  printf -v "${1}_rc" '%s' "$collected_status"
  printf -v "${1}_err" '%s' "$(cat "$3")"
}

# mqsub -C 1: the run ends at its count with the message still in the output block; writing that block is
# what fails, and that must not end as success (it did: exit 0, the message lost).
"$MQSUB" -i full-count -p "$PORT_PLAIN" -t full/count -C 1 -W 15 > /dev/full 2> "$TEST_TMP/count.err" &
pid=$!
fixture_track "$pid"
wait_subscribed full-count
mosquitto_pub -p "$PORT_PLAIN" -t full/count -m hello
collect count "$pid" "$TEST_TMP/count.err"
assert_failed_with count mqsub 46 "writing the output: No space left on device"

# mqsub without -C: it keeps running, so the quiet-time flush finds the full disk and ends the run, long
# before -W would.
"$MQSUB" -i full-stream -p "$PORT_PLAIN" -t full/stream -v -W 15 > /dev/full 2> "$TEST_TMP/stream.err" &
pid=$!
fixture_track "$pid"
wait_subscribed full-stream
mosquitto_pub -p "$PORT_PLAIN" -t full/stream -m hello
collect stream "$pid" "$TEST_TMP/stream.err"
assert_failed_with stream mqsub 46 "writing the output: No space left on device"

# mqsub --json with a burst bigger than one output block: the failure comes mid-run, the rest is dropped.
"$MQSUB" -i full-json -p "$PORT_PLAIN" -t full/json --json -C 2000 -W 15 > /dev/full 2> "$TEST_TMP/json.err" &
pid=$!
fixture_track "$pid"
wait_subscribed full-json
seq 1 2000 | sed 's/.*/{"n":&,"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}/' |
  mosquitto_pub -p "$PORT_PLAIN" -t full/json -l
collect json "$pid" "$TEST_TMP/json.err"
assert_failed_with json mqsub 46 "writing the output: No space left on device"

# mqjson on stdin: one line (written at the end) and 200,000 lines (written in blocks: it stops at the
# first failed block instead of reading everything).
run_capture one_line bash -c 'printf "{\"a\":1}\n" | "$1" .a > /dev/full' _ "$MQJSON"
assert_failed_with one_line mqjson 46 "writing output: No space left on device"
run_capture many_lines bash -c 'seq 1 200000 | sed "s/.*/{\"a\":&}/" | "$1" .a > /dev/full' _ "$MQJSON"
assert_failed_with many_lines mqjson 46 "writing output: No space left on device"

# mqjson subscribing, with -C 1 (the last block is written at exit) and without -C (it waited for more
# messages with the row unwritten, until -W or forever: now the quiet-time flush fails and ends the run).
"$MQJSON" -i full-json-count -p "$PORT_PLAIN" -t full/mqjson -C 1 -W 15 .a > /dev/full \
  2> "$TEST_TMP/mqjson-count.err" &
pid=$!
fixture_track "$pid"
wait_subscribed full-json-count
mosquitto_pub -p "$PORT_PLAIN" -t full/mqjson -m '{"a":1}'
collect mqjson_count "$pid" "$TEST_TMP/mqjson-count.err"
assert_failed_with mqjson_count mqjson 46 "writing output: No space left on device"

"$MQJSON" -i full-json-stream -p "$PORT_PLAIN" -t full/mqjson2 .a > /dev/full 2> "$TEST_TMP/mqjson-stream.err" &
pid=$!
fixture_track "$pid"
wait_subscribed full-json-stream
mosquitto_pub -p "$PORT_PLAIN" -t full/mqjson2 -m '{"a":1}'
collect mqjson_stream "$pid" "$TEST_TMP/mqjson-stream.err"
assert_failed_with mqjson_stream mqjson 46 "writing output: No space left on device"

# The same runs into a regular file still print everything, so the checks above are about the disk only.
"$MQSUB" -i file-count -p "$PORT_PLAIN" -t full/count -C 1 -W 15 > "$TEST_TMP/count.out" 2> "$TEST_TMP/file.err" &
pid=$!
fixture_track "$pid"
wait_subscribed file-count
mosquitto_pub -p "$PORT_PLAIN" -t full/count -m hello
wait_status file_rc "$pid" 15
assert_eq 0 "$file_rc" "mqsub -C 1 into a file: $(cat "$TEST_TMP/file.err")"
assert_eq hello "$(cat "$TEST_TMP/count.out")"
