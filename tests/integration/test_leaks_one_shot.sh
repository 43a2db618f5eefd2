#!/usr/bin/env bash
# Leak check on one-shot runs of every tool against the real broker: mqpub -m at QoS 0 and 1 (by address,
# by name and over TLS), mqsub -C 1 and -W, mqjson on stdin and subscribing with -C 1, mqbench ping, and two
# failing runs (no broker, -W timeout), because error paths leave through exceptions.
#
# The CI build runs each under valgrind (definite leaks and invalid reads/writes are errors); the ASan
# build cannot run under valgrind, so there the same runs use LeakSanitizer instead (detect_leaks=1 for this
# test only). Suppressions list only glibc/Paho/OpenSSL internals: lib/valgrind.supp and lib/lsan.supp.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

# A status no tool of ours uses (see the README's exit status table): the checker found something.
checker_status=99

# Captured, not piped into grep -q: under pipefail an early grep exit (SIGPIPE to ldd/nm) would read as "no".
linked_libraries=$(ldd "$MQPUB" 2> /dev/null || true)
asan_symbols=$(nm "$MQPUB" 2> /dev/null | grep -c ' __asan_init$' || true)
if [[ "$linked_libraries" == *libasan* || "${asan_symbols:-0}" -gt 0 ]]; then
  checker=lsan
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=$checker_status"
  export LSAN_OPTIONS="suppressions=$FIXTURE_LIB_DIR/lsan.supp:print_suppressions=0"
else
  if ! command -v valgrind > /dev/null; then
    echo "SKIPPED: valgrind is not installed (apt-get install valgrind)" >&2
    exit 77
  fi
  checker=valgrind
fi
echo "leak checker: $checker" >&2

broker_start

# Runs one tool under the checker in the foreground; stores PREFIX_rc/_out/_err (run_capture) and keeps the
# checker's report in $TEST_TMP/PREFIX.report. Valgrind is slow: the limit is a minute.
checked_run() {  # prefix command [args...]
  local prefix=$1
  shift
  if [[ $checker == valgrind ]]; then
    RUN_TIMEOUT=60 run_capture "$prefix" valgrind -q --log-file="$TEST_TMP/$prefix.report" \
      --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
      --suppressions="$FIXTURE_LIB_DIR/valgrind.supp" --error-exitcode=$checker_status "$@"
  else
    RUN_TIMEOUT=60 run_capture "$prefix" "$@"
    # ASan and LSan write to stderr; keep it as the report too.
    local err_var="${prefix}_err"
    printf '%s\n' "${!err_var}" > "$TEST_TMP/$prefix.report"
  fi
}

# Fails unless the run ended with STATUS and the checker reported nothing.
assert_clean() {  # prefix expected-status what
  local rc_var="${1}_rc" err_var="${1}_err"
  local report
  report=$(head -n 60 "$TEST_TMP/$1.report")
  if [[ ${!rc_var} -eq $checker_status ]] || grep -Eq 'definitely lost|Invalid (read|write)|ERROR: (Leak|Address)Sanitizer' \
    "$TEST_TMP/$1.report"; then
    fixture_fail "$3: $checker reports a problem (status ${!rc_var})" "$report"
  fi
  assert_eq "$2" "${!rc_var}" "$3: exit status (stderr: ${!err_var})"
}

# Starts TOOL under the checker in the background (stdout FILE, stderr FILE.err) and waits for its SUBACK.
checked_start() {  # file client-id command [args...]
  local file=$1 client_id=$2
  shift 2
  if [[ $checker == valgrind ]]; then
    valgrind -q --log-file="$file.report" --leak-check=full --errors-for-leak-kinds=definite \
      --show-leak-kinds=definite --suppressions="$FIXTURE_LIB_DIR/valgrind.supp" \
      --error-exitcode=$checker_status "$@" -i "$client_id" > "$file" 2> "$file.err" &
  else
    "$@" -i "$client_id" > "$file" 2> "$file.err" &
  fi
  CHECKED_PID=$!
  fixture_track "$CHECKED_PID"
  wait_subscribed "$client_id" 60
}

# Collects a checked_start run as PREFIX_rc/_err with its report in $TEST_TMP/PREFIX.report.
checked_wait() {  # prefix file
  local finished_status
  wait_status finished_status "$CHECKED_PID" 60
  printf -v "${1}_rc" '%s' "$finished_status"
  printf -v "${1}_err" '%s' "$(cat "$2.err")"
  if [[ $checker == valgrind ]]; then
    cp "$2.report" "$TEST_TMP/$1.report"
  else
    cp "$2.err" "$TEST_TMP/$1.report"
  fi
}

sub_start "$TEST_TMP/delivered.txt" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'leak/pub/#' -v

# mqpub one-shots: by address at QoS 0 and 1, and by name (the resolver path) at QoS 1.
checked_run pub_q0 "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/pub/q0 -m zero
assert_clean pub_q0 0 "mqpub -m -q 0"
checked_run pub_q1 "$MQPUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/pub/q1 -m one -q 1
assert_clean pub_q1 0 "mqpub -m -q 1"
checked_run pub_name "$MQPUB" -h localhost -p "$PORT_PLAIN" -t leak/pub/name -m name -q 1
assert_clean pub_name 0 "mqpub -h localhost -m -q 1"
# Over TLS: OpenSSL's contexts and certificates are set up and torn down too.
checked_run pub_tls "$MQPUB" -h 127.0.0.1 -p "$PORT_TLS" --cafile "$MQ_PKI_DIR/ca.crt" -t leak/pub/tls -m tls -q 1
assert_clean pub_tls 0 "mqpub over TLS -q 1"
wait_lines "$TEST_TMP/delivered.txt" 4
assert_eq "$(printf 'leak/pub/q0 zero\nleak/pub/q1 one\nleak/pub/name name\nleak/pub/tls tls')" \
  "$(cat "$TEST_TMP/delivered.txt")"

# mqpub failing: a free port nobody listens on (status 40, an exception on the way out).
closed_port=$("$FIXTURE_FREE_PORT" 1)
checked_run pub_refused "$MQPUB" -h 127.0.0.1 -p "$closed_port" -t leak/pub/x -m x
assert_clean pub_refused 40 "mqpub to a closed port"

# mqsub -C 1 with a message, and -W with none (status 27, an exception on the way out).
checked_start "$TEST_TMP/sub.out" leak-sub "$MQSUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/sub -C 1 -W 60
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/sub -m hello
checked_wait sub "$TEST_TMP/sub.out"
assert_clean sub 0 "mqsub -C 1"
assert_eq hello "$(cat "$TEST_TMP/sub.out")"
checked_run sub_timeout "$MQSUB" -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/none -W 1
assert_clean sub_timeout 27 "mqsub -W 1"

# mqjson on stdin, and subscribing with -C 1.
printf '{"a":{"b":[1,2]},"c":"x"}\n{"a":null}\nnot json\n' > "$TEST_TMP/in.jsonl"
checked_run json_stdin "$MQJSON" '.a.b[1]' .c < "$TEST_TMP/in.jsonl"
assert_clean json_stdin 0 "mqjson on stdin"
assert_eq "$(printf '2\tx\n\t')" "$json_stdin_out"
checked_start "$TEST_TMP/json.out" leak-json "$MQJSON" -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/json -C 1 -W 60 .a
mosquitto_pub -h 127.0.0.1 -p "$PORT_PLAIN" -t leak/json -m '{"a":42}'
checked_wait json "$TEST_TMP/json.out"
assert_clean json 0 "mqjson -t -C 1"
assert_eq 42 "$(cat "$TEST_TMP/json.out")"

# mqbench ping: a few round trips.
checked_run ping "$MQBENCH" ping -h 127.0.0.1 -p "$PORT_PLAIN" -C 5 -W 30s
assert_clean ping 0 "mqbench ping -C 5"
assert_contains "$ping_out" "5 sent, 5 received, 0 lost"
