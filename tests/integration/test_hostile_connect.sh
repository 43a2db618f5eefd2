#!/usr/bin/env bash
# Every tool against a broker that misbehaves while connecting (tests/support/hostile_broker.cpp): each
# CONNACK refusal code in MQTT 3.1.1 and 5 ends the run with that code, and a broker that closes, never
# answers, answers garbage or a remaining length past the MQTT limit ends it with 40 (unreachable) — always
# with exactly one "<tool>: error:" line, in bounded time, never with a crash.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init

source "$(dirname "$0")/lib/hostile.sh"

# The tools under test: mqpub and mqsub always, mqjson and mqbench once they exist and take -h/-p.
TOOLS=(mqpub mqsub)
for optional_tool in mqjson mqbench; do
  optional_help=$("$MQ_BIN_DIR/$optional_tool" --help 2> /dev/null || true)
  if [[ "$optional_help" == *"--port"* ]]; then
    TOOLS+=("$optional_tool")
  else
    echo "note: $optional_tool is not built or takes no -p yet: not tested against the hostile broker" >&2
  fi
done

# run_tool PREFIX TOOL [connection args...]: runs TOOL against the hostile broker with arguments that make it
# connect and then wait for traffic, captured by run_capture under PREFIX.
run_tool() {  # prefix tool [args...]
  local prefix=$1 tool=$2
  shift 2
  local connection=(-p "$HOSTILE_PORT" "$@")
  case "$tool" in
    mqpub) run_capture "$prefix" "$MQPUB" "${connection[@]}" -t hostile/connect -m hello ;;
    mqsub) run_capture "$prefix" "$MQSUB" "${connection[@]}" -t hostile/connect -C 1 -W 10 ;;
    mqjson) run_capture "$prefix" "$MQJSON" "${connection[@]}" -t hostile/connect .x ;;
    mqbench) run_capture "$prefix" "$MQBENCH" ping --count 3 -q 1 "${connection[@]}" ;;
    *) fixture_fail "run_tool: no arguments for $tool" ;;
  esac
}

# CONNACK refusals: the code is the exit status; the message names the refusal, which also tells a v5 130
# (protocol error) from an interrupt and 137 (server busy) from a SIGKILL (run_capture notes 137 as "killed").
for code in 1 2 3 4 5; do
  hostile_start "connack-v3:$code"
  for tool in "${TOOLS[@]}"; do
    run_tool refused "$tool"
    assert_failed_with refused "$tool" "$code" "the broker refused the connection"
  done
  hostile_stop
done

for code in 128 129 130 131 132 133 134 135 136 137 138 140 144 149 151 153 154 155 156 157 159; do
  hostile_start "connack-v5:$code"
  for tool in "${TOOLS[@]}"; do
    run_tool refused "$tool" -V 5
    assert_failed_with refused "$tool" "$code" "the broker refused the connection"
  done
  hostile_stop
done

# The words for the commonest codes, in both protocol versions.
hostile_start connack-v3:4
run_tool words mqpub
assert_contains "$words_err" "bad user name or password"
hostile_stop
hostile_start connack-v5:135
run_tool words mqsub -V 5
assert_contains "$words_err" "not authorized"
hostile_stop

# A broker that never completes the handshake: 40, within the connect timeout, in 3.1.1 and 5.
for mode in close-after-connect silent garbage huge-remaining-length; do
  hostile_start "$mode"
  for tool in "${TOOLS[@]}"; do
    for version in 311 5; do
      started=$SECONDS
      run_tool broken "$tool" -V "$version" --connect-timeout 2s
      assert_failed_with broken "$tool" 40 "connecting to localhost:$HOSTILE_PORT"
      if [[ $mode == silent ]]; then
        # KNOWN-BUG: a broker that accepts and never answers is reported as "the broker closed the connection
        # before answering"; it did not close anything, the connect timeout ran out.
        assert_not_contains "$broken_err" "closed the connection"
      fi
      [[ $((SECONDS - started)) -le 8 ]] ||
        fixture_fail "$tool -V $version against $mode took $((SECONDS - started)) s with --connect-timeout 2s"
    done
  done
  hostile_stop
done

# The broker saw the CONNECTs it was meant to misbehave on (the tools did not fail before reaching it).
grep -q 'CONNECT protocol level 5' "$HOSTILE_LOG" || fixture_fail "no v5 CONNECT reached the broker" "$(cat "$HOSTILE_LOG")"
grep -q 'CONNECT protocol level 4' "$HOSTILE_LOG" || fixture_fail "no v3 CONNECT reached the broker" "$(cat "$HOSTILE_LOG")"
