# Sourced after fixture.sh by the test_hostile_*.sh scenarios: starts tests/support/hostile_broker in a given
# mode and offers the checks those scenarios share.

HOSTILE_BROKER="${MQ_SUPPORT_DIR:-${MQ_BIN_DIR:-.}}/hostile_broker"
[[ -x "$HOSTILE_BROKER" ]] || fixture_fail "$HOSTILE_BROKER is missing (build the hostile_broker target)"

# hostile_start MODE: a hostile broker in the background; sets HOSTILE_PORT, HOSTILE_PID, HOSTILE_LOG.
HOSTILE_COUNT=0
hostile_start() {  # mode [hostile_broker options...]
  HOSTILE_COUNT=$((HOSTILE_COUNT + 1))
  local port_file="$TEST_TMP/hostile-$HOSTILE_COUNT.port"
  HOSTILE_LOG="$TEST_TMP/hostile-$HOSTILE_COUNT.log"
  "$HOSTILE_BROKER" --mode "$1" --lifetime 150 "${@:2}" > "$port_file" 2> "$HOSTILE_LOG" &
  HOSTILE_PID=$!
  fixture_track "$HOSTILE_PID"
  local deadline=$((SECONDS + 5))
  until [[ -s "$port_file" ]]; do
    fixture_alive "$HOSTILE_PID" || fixture_fail "hostile_broker --mode $1 did not start" "$(cat "$HOSTILE_LOG")"
    [[ $SECONDS -lt $deadline ]] || fixture_fail "hostile_broker --mode $1 printed no port within 5 s"
    sleep 0.05
  done
  HOSTILE_PORT=$(head -n 1 "$port_file")
}

hostile_stop() {
  fixture_stop_pid "$HOSTILE_PID" TERM
}

# A check that fails today because of a tool bug (each call sits under a KNOWN-BUG comment): reported on
# stderr without failing the test, so everything else is still checked; the lead decides when to make it real.
known_bug() {  # description check-command...
  if ("${@:2}") > /dev/null 2>&1; then
    printf 'KNOWN-BUG check passed this run (some are intermittent; if it always passes, make it real): %s\n' "$1" >&2
  else
    printf 'KNOWN-BUG (not failing this test): %s\n' "$1" >&2
  fi
}

# A status from a crash signal (SIGILL, SIGABRT, SIGFPE, SIGSEGV, SIGBUS) is a failure in every scenario, even
# where a KNOWN-BUG makes the exact status unreliable.
assert_no_crash() {  # status what
  case "$1" in
    132 | 134 | 135 | 136 | 139) fixture_fail "$2 crashed with status $1" ;;
  esac
}
