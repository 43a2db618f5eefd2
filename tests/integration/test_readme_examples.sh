#!/usr/bin/env bash
# Every README block marked <!-- example --> runs, as written, against a local broker and exits 0.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

export MQ_HOST=127.0.0.1 MQ_PORT=$PORT_PLAIN PATH="$MQ_BIN_DIR:$PATH"
examples_dir="$TEST_TMP/examples"
mkdir -p "$examples_dir"
awk -v dir="$examples_dir" '
  /<!-- example -->/ { want = 1; next }
  want && /^```sh$/ { inside = 1; count++; file = sprintf("%s/%02d.sh", dir, count); next }
  inside && /^```$/ { inside = 0; want = 0; close(file); next }
  inside { print > file }
' "$MQ_SOURCE_DIR/README.md"

count=$(find "$examples_dir" -name '*.sh' | wc -l)
[ "$count" -ge 5 ] || fixture_fail "expected at least 5 README examples, found $count"
for example in "$examples_dir"/*.sh; do
  work="$TEST_TMP/run-$(basename "$example" .sh)"
  mkdir -p "$work"
  run_capture example bash -c "cd '$work' && set -euo pipefail && source '$example'"
  assert_eq 0 "$example_rc" "README example $(basename "$example"):
$(cat "$example")
stdout: $example_out
stderr: $example_err"
done
echo "$count README examples ran"
