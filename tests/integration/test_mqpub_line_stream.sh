#!/usr/bin/env bash
# mqpub -l: lines go out as they are read (a slow producer), --rate paces them, --topic-from-line takes
# each line's topic from the line, and --verbose reports each acknowledgement.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

sub_start "$TEST_TMP/stream.txt" -p "$PORT_PLAIN" -t 'stream/#' -v
# The producer waits for the first line to arrive before writing the second: only streaming can pass.
(
  echo first
  for _ in $(seq 100); do grep -q first "$TEST_TMP/stream.txt" 2>/dev/null && break; sleep 0.05; done
  echo second
) | "$MQPUB" -p "$PORT_PLAIN" -t stream/slow -l -q 1
wait_lines "$TEST_TMP/stream.txt" 2
assert_eq "stream/slow first
stream/slow second" "$(cat "$TEST_TMP/stream.txt")"

start=$(date +%s%N)
seq 1 5 | "$MQPUB" -p "$PORT_PLAIN" -t stream/rate -l -q 1 --rate 10/s
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$elapsed_ms" -ge 350 ] || { echo "5 lines at 10/s took only ${elapsed_ms} ms" >&2; exit 1; }

: > "$TEST_TMP/topics.txt"
sub_start "$TEST_TMP/topics.txt" -p "$PORT_PLAIN" -t 'sensors/#' -v
run_capture lines "$MQPUB" -p "$PORT_PLAIN" -l -q 1 --topic-from-line '\t' <<< $'sensors/a\t21.5\nno separator here\nsensors/b\tcold\nsensors/+\tbad'
wait_lines "$TEST_TMP/topics.txt" 2
assert_eq "sensors/a 21.5
sensors/b cold" "$(cat "$TEST_TMP/topics.txt")"
assert_eq 47 "$lines_rc" "lines that could not be sent give status 47"
assert_contains "$lines_err" "line 2: no separator in the line; not sent"
assert_contains "$lines_err" "line 4: topic 'sensors/+': wildcards"

run_capture verbose "$MQPUB" -p "$PORT_PLAIN" -t stream/v -m x -q 1 --verbose
assert_eq 0 "$verbose_rc"
assert_contains "$verbose_err" "mqpub: acknowledged message"
