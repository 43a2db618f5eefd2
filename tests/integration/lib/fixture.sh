# shellcheck shell=bash
# The real-broker test bed, sourced by every tests/integration/test_*.sh:
#
#   source "$(dirname "$0")/lib/fixture.sh"
#   fixture_init            # temp dir, clean config, cleanup trap; skips (77) without mosquitto
#   broker_start            # a mosquitto with every listener kind; exports PORT_* (see broker_start)
#   sub_start "$TEST_TMP/got.txt" -p "$PORT_PLAIN" -t 'x/#'
#   "$MQPUB" -p "$PORT_PLAIN" -t x/1 -m hello
#   wait_lines "$TEST_TMP/got.txt" 1
#   assert_eq hello "$(cat "$TEST_TMP/got.txt")"
#
# Environment (set by tests/CMakeLists.txt): MQ_BIN_DIR (our tools), MQ_SUPPORT_DIR (free_port, ...),
# MQ_PKI_DIR (made by make_pki.sh), MQ_SOURCE_DIR. MQ_KEEP_TEST_TMP=1 keeps the temp dir for a post-mortem.
# Also: broker_stop/broker_kill/broker_restart, run_capture, assert_eq/_contains/_not_contains/_file_eq,
# assert_failed_with, wait_subscribed (our mqsub with a fixed -i), wait_status, fixture_track.
# Works under `set -euo pipefail`. The fixture's own state lives in FIXTURE_* variables.

# Resolved while sourcing: fixture_init changes directory, and BASH_SOURCE may be relative.
FIXTURE_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ---------------------------------------------------------------------------------------------------------
# Failing and asserting

# Prints a failure with the caller's file and line, then ends the test (the EXIT trap cleans up).
fixture_fail() {  # line...
  local depth=1
  # Report the line in the test, not the line inside the assertion helper that called us.
  while [[ "${BASH_SOURCE[depth]:-}" == "${BASH_SOURCE[0]}" && $depth -lt ${#BASH_SOURCE[@]} ]]; do
    depth=$((depth + 1))
  done
  local where="${BASH_SOURCE[depth]:-?}:${BASH_LINENO[depth - 1]:-?}"
  {
    printf 'FAIL (%s): %s\n' "$where" "$1"
    shift
    local line
    for line in "$@"; do
      printf '  %s\n' "$line"
    done
  } >&2
  exit 1
}

assert_eq() {  # expected actual [message]
  if [[ "$1" != "$2" ]]; then
    fixture_fail "${3:-values differ}" "expected: [$1]" "actual:   [$2]"
  fi
}

assert_contains() {  # haystack needle [message]
  if [[ "$1" != *"$2"* ]]; then
    fixture_fail "${3:-text does not contain the expected part}" "expected to find: [$2]" "in: [$1]"
  fi
}

assert_not_contains() {  # haystack needle [message]
  if [[ "$1" == *"$2"* ]]; then
    fixture_fail "${3:-text contains a part it must not}" "must not contain: [$2]" "in: [$1]"
  fi
}

assert_file_eq() {  # expected-file actual-file [message]
  if ! cmp -s -- "$1" "$2"; then
    local differences
    differences=$(diff -- "$1" "$2" 2>&1 | head -n 40 || true)
    fixture_fail "${3:-files differ}: $1 $2" "$differences"
  fi
}

# Runs an external command (not a shell function: `timeout` execs it) with a time limit and stores its
# output and status in PREFIX_out, PREFIX_err (trailing newlines removed, as with $(...)) and PREFIX_rc,
# without stopping a `set -e` test. RUN_TIMEOUT (seconds, default 20) changes the limit; 124 means timed out.
run_capture() {  # prefix command [args...]
  local prefix=$1
  shift
  local limit=${RUN_TIMEOUT:-20}
  local out_file="$TEST_TMP/.run_capture.out" err_file="$TEST_TMP/.run_capture.err"
  local status=0
  timeout -k 5 "$limit" "$@" > "$out_file" 2> "$err_file" || status=$?
  # 124: stopped by SIGTERM at the limit; 137: it ignored that and needed the SIGKILL 5 s later.
  if [[ $status -eq 124 || $status -eq 137 ]]; then
    printf 'run_capture: status %s (time limit %ss, or killed): %s\n' "$status" "$limit" "$*" >&2
  fi
  printf -v "${prefix}_out" '%s' "$(< "$out_file")"
  printf -v "${prefix}_err" '%s' "$(< "$err_file")"
  printf -v "${prefix}_rc" '%s' "$status"
}

# Checks a run_capture result for a failure: exactly STATUS, and stderr exactly one line that starts with
# "TOOL: error: " and contains PHRASE.
assert_failed_with() {  # prefix tool status phrase
  local rc_var="${1}_rc" err_var="${1}_err"
  local status=${!rc_var} stderr=${!err_var}
  assert_eq "$3" "$status" "exit status of $2 (stderr: $stderr)"
  assert_eq 1 "$(printf '%s\n' "$stderr" | wc -l)" "$2 prints one line on stderr: [$stderr]"
  if [[ "$stderr" != "$2: error: "* ]]; then
    fixture_fail "stderr does not start with '$2: error: '" "stderr: [$stderr]"
  fi
  assert_contains "$stderr" "$4" "$2's error message"
}

# Waits (bounded) until a background process ends and stores its exit status in VAR.
wait_status() {  # var pid [timeout-seconds]
  local pid=$2 limit=${3:-10}
  local deadline=$((SECONDS + limit))
  while fixture_alive "$pid"; do
    [[ $SECONDS -ge $deadline ]] && fixture_fail "wait_status: process $pid still runs after ${limit}s"
    sleep 0.05
  done
  local status=0
  wait "$pid" || status=$?
  fixture_untrack "$pid"
  printf -v "$1" '%s' "$status"
}

# Waits until FILE has at least N lines; fails with what it has after TIMEOUT seconds (default 10).
wait_lines() {  # file count [timeout-seconds]
  local file=$1 wanted=$2 limit=${3:-10}
  local deadline=$((SECONDS + limit)) have=0
  while true; do
    have=0
    [[ -f "$file" ]] && have=$(wc -l < "$file")
    [[ $have -ge $wanted ]] && return 0
    [[ $SECONDS -ge $deadline ]] && break
    sleep 0.1
  done
  fixture_fail "wait_lines: $file has $have lines after ${limit}s, expected $wanted" \
    "$(head -n 20 "$file" 2> /dev/null || echo '(no file)')"
}

wait_text() {  # file text [timeout-seconds]: for messages a tool writes at a moment the test cannot see
  local file=$1 wanted=$2 limit=${3:-10}
  local deadline=$((SECONDS + limit))
  until [[ -f "$file" ]] && grep -qF -- "$wanted" "$file"; do
    [[ $SECONDS -ge $deadline ]] && fixture_fail "wait_text: '$wanted' not in $file after ${limit}s" \
      "$(tail -n 20 "$file" 2> /dev/null || echo '(no file)')"
    sleep 0.1
  done
}

# ---------------------------------------------------------------------------------------------------------
# Processes: every background process a test starts is tracked by PID so the EXIT trap can stop it;
# nothing is ever killed by name (other tests run their own brokers at the same time).

FIXTURE_PIDS=()

fixture_track() {  # pid
  FIXTURE_PIDS+=("$1")
}

fixture_untrack() {  # pid
  local kept=() pid
  for pid in "${FIXTURE_PIDS[@]}"; do
    [[ "$pid" != "$1" ]] && kept+=("$pid")
  done
  FIXTURE_PIDS=("${kept[@]}")
}

# True while PID runs; an exited child that was not reaped yet (a zombie) counts as gone.
fixture_alive() {  # pid
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2> /dev/null) || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# Sends SIGNAL, waits up to 5 s for the process to go (then SIGKILL), and reaps it.
fixture_stop_pid() {  # pid signal
  local pid=$1 signal=$2 tries=0
  kill "-$signal" "$pid" 2> /dev/null || true
  while fixture_alive "$pid" && [[ $tries -lt 50 ]]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  if fixture_alive "$pid"; then
    kill -KILL "$pid" 2> /dev/null || true
  fi
  wait "$pid" 2> /dev/null || true
  fixture_untrack "$pid"
}

fixture_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  if [[ $status -ne 0 && $status -ne 77 ]]; then
    local log
    for log in "${BROKER_LOG:-}" "${BROKER_TLS12_LOG:-}"; do
      if [[ -n "$log" && -s "$log" ]]; then
        printf '%s\n' "--- last lines of $log ---" >&2
        tail -n 30 "$log" >&2
      fi
    done
  fi
  local pid
  for pid in "${FIXTURE_PIDS[@]}"; do
    kill -TERM "$pid" 2> /dev/null
  done
  # All got SIGTERM at once above; this waits for each (SIGKILL after 5 s) and reaps it.
  for pid in "${FIXTURE_PIDS[@]}"; do
    fixture_stop_pid "$pid" TERM
  done
  cd /
  if [[ "${MQ_KEEP_TEST_TMP:-0}" == 1 ]]; then
    printf 'kept %s\n' "$TEST_TMP" >&2
  else
    rm -rf "$TEST_TMP"
  fi
  exit "$status"
}

# ---------------------------------------------------------------------------------------------------------
# Setting up

fixture_init() {
  # mosquitto lives in /usr/sbin, which a non-root PATH may lack.
  PATH="$PATH:/usr/sbin:/usr/local/sbin"
  if ! command -v mosquitto > /dev/null; then
    {
      echo "##########################################################################"
      echo "## SKIPPED: mosquitto is not installed, so no integration test can run. ##"
      echo "## Install it: apt-get install mosquitto mosquitto-clients              ##"
      echo "##########################################################################"
    } >&2
    exit 77
  fi
  local tool
  for tool in mosquitto_pub mosquitto_sub mosquitto_passwd openssl timeout; do
    command -v "$tool" > /dev/null || {
      echo "fixture: $tool is missing (apt-get install mosquitto-clients openssl coreutils)" >&2
      exit 1
    }
  done

  TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mq-test.XXXXXX")
  export TEST_TMP
  trap fixture_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # No user's config, profile or password may change what a test sees.
  export HOME="$TEST_TMP/home"
  export XDG_CONFIG_HOME="$TEST_TMP/config"
  mkdir -p "$HOME" "$XDG_CONFIG_HOME"
  # Our tools read MQ_* variables (MQ_HOST, MQ_PORT, MQ_PASSWORD, ...): keep only the fixture's own.
  local variable
  for variable in $(compgen -e); do
    case "$variable" in
      MQ_BIN_DIR | MQ_SUPPORT_DIR | MQ_PKI_DIR | MQ_SOURCE_DIR | MQ_KEEP_TEST_TMP) ;;
      MQ_*) unset "$variable" ;;
    esac
  done
  cd "$TEST_TMP" || exit 1

  : "${MQ_SOURCE_DIR:=$(cd "$FIXTURE_LIB_DIR/../../.." && pwd)}"
  export MQ_SOURCE_DIR
  # Run by hand (not through ctest) there is no PKI yet: make a private one.
  : "${MQ_PKI_DIR:=$TEST_TMP/pki}"
  export MQ_PKI_DIR
  bash "$FIXTURE_LIB_DIR/make_pki.sh" "$MQ_PKI_DIR"

  # shellcheck disable=SC2034 # for the tests that source this file
  MQPUB="${MQ_BIN_DIR:-.}/mqpub"
  # shellcheck disable=SC2034
  MQSUB="${MQ_BIN_DIR:-.}/mqsub"
  # shellcheck disable=SC2034
  MQJSON="${MQ_BIN_DIR:-.}/mqjson"
  # shellcheck disable=SC2034
  MQBENCH="${MQ_BIN_DIR:-.}/mqbench"
  FIXTURE_FREE_PORT="${MQ_SUPPORT_DIR:-${MQ_BIN_DIR:-.}}/free_port"
  FIXTURE_SUB_COUNT=0
}

# ---------------------------------------------------------------------------------------------------------
# The broker
#
# broker_start [--persistence] [--extra 'config line']...
# One mosquitto with these listeners, all on 127.0.0.1 (per_listener_settings true):
#   PORT_PLAIN          anonymous
#   PORT_AUTH           users alice/secret-alice (readwrite #) and bob/secret-bob (read #, write public/#)
#   PORT_TLS            server.crt (localhost, 127.0.0.1), anonymous
#   PORT_MTLS           requires a client certificate signed by ca.crt, anonymous
#   PORT_TLS_WRONGNAME  wrongname.crt (other.example only): host-name checks fail
#   PORT_WS             MQTT over WebSockets, anonymous (libwebsockets binds it on every address)
# and a second mosquitto for PORT_TLS12 (TLS 1.2 only): mosquitto 2.0.11 takes `tls_version` as a
# minimum, so only an OpenSSL config with MaxProtocol, which applies to the whole process, caps it.
# That broker is separate: messages do not cross between PORT_TLS12 and the others.
# --extra lines go to the global section of the main broker's config (before any listener).
# Exports the ports and BROKER_PID, BROKER_CONF, BROKER_LOG (and BROKER_TLS12_PID/_CONF/_LOG).

FIXTURE_PORT_NAMES=(PORT_PLAIN PORT_AUTH PORT_TLS PORT_MTLS PORT_TLS_WRONGNAME PORT_WS PORT_TLS12)

# shellcheck disable=SC2120 # every argument is optional
broker_start() {
  local persistence=0 extra_lines=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --persistence) persistence=1 ;;
      --extra)
        [[ $# -ge 2 ]] || fixture_fail "broker_start: --extra needs a config line"
        extra_lines+=("$2")
        shift
        ;;
      *) fixture_fail "broker_start: unknown argument '$1'" ;;
    esac
    shift
  done
  [[ -x "$FIXTURE_FREE_PORT" ]] || fixture_fail "broker_start: $FIXTURE_FREE_PORT is missing (build the free_port target)"

  BROKER_CONF="$TEST_TMP/mosquitto.conf"
  BROKER_LOG="$TEST_TMP/broker.log"
  BROKER_TLS12_CONF="$TEST_TMP/mosquitto-tls12.conf"
  BROKER_TLS12_LOG="$TEST_TMP/broker-tls12.log"
  export BROKER_CONF BROKER_LOG BROKER_TLS12_CONF BROKER_TLS12_LOG
  fixture_write_auth_files

  # A port can be taken by someone else between free_port closing it and mosquitto binding it.
  local attempt
  for attempt in 1 2 3; do
    local ports name index=0
    mapfile -t ports < <("$FIXTURE_FREE_PORT" "${#FIXTURE_PORT_NAMES[@]}")
    [[ ${#ports[@]} -eq ${#FIXTURE_PORT_NAMES[@]} ]] || fixture_fail "broker_start: free_port gave no ports"
    for name in "${FIXTURE_PORT_NAMES[@]}"; do
      printf -v "$name" '%s' "${ports[index]}"
      export "${name?}"
      index=$((index + 1))
    done
    fixture_write_main_conf "$persistence" "${extra_lines[@]}"
    fixture_write_tls12_conf
    if fixture_launch_brokers; then
      return 0
    fi
    if ! grep -qs 'Address already in use' "$BROKER_LOG" "$BROKER_LOG.out" "$BROKER_TLS12_LOG" \
      "$BROKER_TLS12_LOG.out"; then
      break
    fi
    echo "broker_start: a port was taken meanwhile (attempt $attempt), trying new ports" >&2
    mv -f "$BROKER_LOG" "$BROKER_LOG.attempt$attempt" 2> /dev/null || true
  done
  fixture_fail "broker_start: mosquitto did not start" "$(fixture_broker_output)"
}

broker_stop() {
  fixture_stop_pid "$BROKER_PID" TERM
  fixture_stop_pid "$BROKER_TLS12_PID" TERM
}

# SIGKILL: no clean shutdown, no final save of the persistence file.
broker_kill() {
  fixture_stop_pid "$BROKER_PID" KILL
  fixture_stop_pid "$BROKER_TLS12_PID" KILL
}

# Starts the brokers again with the same config and ports (stop or kill them first).
broker_restart() {
  if fixture_alive "$BROKER_PID" || fixture_alive "$BROKER_TLS12_PID"; then
    fixture_fail "broker_restart: the broker still runs (call broker_stop or broker_kill first)"
  fi
  fixture_launch_brokers || fixture_fail "broker_restart: mosquitto did not start again" "$(fixture_broker_output)"
}

fixture_write_auth_files() {
  local passwords="$TEST_TMP/broker-passwords" acl="$TEST_TMP/broker-acl"
  [[ -f "$passwords" ]] && return 0
  : > "$passwords"
  chmod 600 "$passwords"
  mosquitto_passwd -b "$passwords" alice secret-alice
  mosquitto_passwd -b "$passwords" bob secret-bob
  cat > "$acl" << 'EOF'
user alice
topic readwrite #

user bob
topic read #
topic write public/#
EOF
}

# Started as root, mosquitto switches to the `mosquitto` user, which could not write into TEST_TMP.
fixture_broker_user_line() {
  printf 'user %s\n' "$(id -un)"
}

fixture_write_main_conf() {  # persistence extra-lines...
  local persistence=$1
  shift
  local pki=$MQ_PKI_DIR
  {
    fixture_broker_user_line
    echo "per_listener_settings true"
    echo "log_dest file $BROKER_LOG"
    echo "log_type all"
    echo "connection_messages true"
    if [[ $persistence -eq 1 ]]; then
      mkdir -p "$TEST_TMP/broker-data"
      echo "persistence true"
      echo "persistence_location $TEST_TMP/broker-data/"
      echo "autosave_interval 1"
    fi
    local line
    for line in "$@"; do
      printf '%s\n' "$line"
    done
    cat << EOF

listener $PORT_PLAIN 127.0.0.1
allow_anonymous true

listener $PORT_AUTH 127.0.0.1
allow_anonymous false
password_file $TEST_TMP/broker-passwords
acl_file $TEST_TMP/broker-acl

listener $PORT_TLS 127.0.0.1
allow_anonymous true
cafile $pki/ca.crt
certfile $pki/server.crt
keyfile $pki/server.key

listener $PORT_MTLS 127.0.0.1
allow_anonymous true
cafile $pki/ca.crt
certfile $pki/server.crt
keyfile $pki/server.key
require_certificate true
use_identity_as_username false

listener $PORT_TLS_WRONGNAME 127.0.0.1
allow_anonymous true
cafile $pki/ca.crt
certfile $pki/wrongname.crt
keyfile $pki/wrongname.key

listener $PORT_WS 127.0.0.1
protocol websockets
allow_anonymous true
EOF
  } > "$BROKER_CONF"
}

fixture_write_tls12_conf() {
  local pki=$MQ_PKI_DIR
  {
    fixture_broker_user_line
    cat << EOF
per_listener_settings true
log_dest file $BROKER_TLS12_LOG
log_type all
connection_messages true

listener $PORT_TLS12 127.0.0.1
allow_anonymous true
cafile $pki/ca.crt
certfile $pki/server.crt
keyfile $pki/server.key
tls_version tlsv1.2
EOF
  } > "$BROKER_TLS12_CONF"
  cat > "$TEST_TMP/openssl-tls12.cnf" << 'EOF'
openssl_conf = mq_tls12_only
[mq_tls12_only]
ssl_conf = mq_ssl
[mq_ssl]
system_default = mq_tls_limits
[mq_tls_limits]
MaxProtocol = TLSv1.2
EOF
}

# Starts both brokers in the background and waits (10 s at most) until each says it runs and every port
# accepts a connection. Returns 1, with both stopped, when either did not come up.
fixture_launch_brokers() {
  local main_offset=0 tls12_offset=0
  [[ -f "$BROKER_LOG" ]] && main_offset=$(stat -c %s "$BROKER_LOG")
  [[ -f "$BROKER_TLS12_LOG" ]] && tls12_offset=$(stat -c %s "$BROKER_TLS12_LOG")

  mosquitto -c "$BROKER_CONF" >> "$BROKER_LOG.out" 2>&1 &
  BROKER_PID=$!
  fixture_track "$BROKER_PID"
  # Out of the job table, so broker_kill prints no "Killed" notice; bash still reaps it.
  disown "$BROKER_PID"
  OPENSSL_CONF="$TEST_TMP/openssl-tls12.cnf" mosquitto -c "$BROKER_TLS12_CONF" >> "$BROKER_TLS12_LOG.out" 2>&1 &
  BROKER_TLS12_PID=$!
  fixture_track "$BROKER_TLS12_PID"
  disown "$BROKER_TLS12_PID"
  export BROKER_PID BROKER_TLS12_PID

  local deadline=$((SECONDS + 10))
  while [[ $SECONDS -lt $deadline ]]; do
    if ! fixture_alive "$BROKER_PID" || ! fixture_alive "$BROKER_TLS12_PID"; then
      break
    fi
    if fixture_log_says_running "$BROKER_LOG" "$main_offset" &&
      fixture_log_says_running "$BROKER_TLS12_LOG" "$tls12_offset" && fixture_all_ports_accept; then
      # A broker that lost a port exits right after opening the others: make sure it is still here.
      sleep 0.05
      if fixture_alive "$BROKER_PID" && fixture_alive "$BROKER_TLS12_PID"; then
        return 0
      fi
      break
    fi
    sleep 0.05
  done
  fixture_stop_pid "$BROKER_PID" KILL
  fixture_stop_pid "$BROKER_TLS12_PID" KILL
  return 1
}

fixture_log_says_running() {  # log byte-offset
  [[ -f "$1" ]] && tail -c "+$(($2 + 1))" "$1" | grep -q 'mosquitto version .* running'
}

fixture_all_ports_accept() {
  local name
  for name in "${FIXTURE_PORT_NAMES[@]}"; do
    # A subshell opens and closes the socket; bash's /dev/tcp needs no extra tool.
    (exec 3<> "/dev/tcp/127.0.0.1/${!name}") 2> /dev/null || return 1
  done
}

fixture_broker_output() {
  local file
  for file in "$BROKER_LOG.out" "$BROKER_LOG" "$BROKER_TLS12_LOG.out" "$BROKER_TLS12_LOG"; do
    [[ -s "$file" ]] && printf '%s\n' "--- $file ---" && tail -n 20 "$file"
  done
  return 0
}

# ---------------------------------------------------------------------------------------------------------
# Independent subscribers

# sub_start FILE [mosquitto_sub args...]: runs mosquitto_sub in the background, its output in FILE and its
# stderr in FILE.err, and returns once the broker has sent it a SUBACK, so a publish right after is seen.
# mosquitto_sub -d writes its debug lines to stdout, among the messages, so the SUBACK is read from the
# broker's log instead; that needs the client id, so one is added unless the args give -i/--id.
sub_start() {  # file [mosquitto_sub args...]
  local file=$1
  shift
  local client_id="" previous=""
  local argument
  for argument in "$@"; do
    if [[ "$previous" == -i || "$previous" == --id ]]; then
      client_id=$argument
    fi
    previous=$argument
  done
  local extra_args=()
  if [[ -z "$client_id" ]]; then
    FIXTURE_SUB_COUNT=$((FIXTURE_SUB_COUNT + 1))
    client_id="fixture-sub-$$-$FIXTURE_SUB_COUNT"
    extra_args=(-i "$client_id")
  fi
  local before
  before=$(fixture_count_subacks "$client_id")

  mosquitto_sub "$@" "${extra_args[@]}" > "$file" 2> "$file.err" &
  local pid=$!
  fixture_track "$pid"
  # shellcheck disable=SC2034 # for tests that stop the subscriber early
  SUB_PID=$pid

  local deadline=$((SECONDS + 10))
  while [[ $(fixture_count_subacks "$client_id") -le $before ]]; do
    if ! fixture_alive "$pid"; then
      fixture_fail "sub_start: mosquitto_sub $* exited before subscribing" "$(cat "$file.err")"
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      fixture_fail "sub_start: mosquitto_sub $* got no SUBACK within 10 s" "$(cat "$file.err")"
    fi
    sleep 0.05
  done
}

# Waits until the broker has sent CLIENT_ID its first SUBACK: for our own mqsub started in the background
# with a fixed -i, so that a publish right after it is not missed.
wait_subscribed() {  # client-id [timeout-seconds]
  local limit=${2:-10}
  local deadline=$((SECONDS + limit))
  while [[ $(fixture_count_subacks "$1") -eq 0 ]]; do
    [[ $SECONDS -ge $deadline ]] && fixture_fail "wait_subscribed: no SUBACK to $1 within ${limit}s"
    sleep 0.05
  done
}

fixture_count_subacks() {  # client-id
  # Whole-id match: fixture-sub-1-1 must not count the SUBACKs of fixture-sub-1-10.
  cat "$BROKER_LOG" "$BROKER_TLS12_LOG" 2> /dev/null |
    awk -v wanted=": Sending SUBACK to $1" 'substr($0, length($0) - length(wanted) + 1) == wanted { n++ }
      END { print n + 0 }'
}

# mqsub_start FILE CLIENT_ID [mqsub args...]: runs mqsub in the background (stdout in FILE, stderr in
# FILE.err) and returns once the broker has sent it a SUBACK. MQSUB_PID is its pid.
mqsub_start() {
  local file=$1 client_id=$2
  shift 2
  local before
  before=$(fixture_count_subacks "$client_id")
  "$MQSUB" -i "$client_id" "$@" > "$file" 2> "$file.err" &
  MQSUB_PID=$!
  fixture_track "$MQSUB_PID"
  local deadline=$((SECONDS + 10))
  while [[ $(fixture_count_subacks "$client_id") -le $before ]]; do
    # A run that ends by itself (--retained-only, -C) may be gone before we see its SUBACK in the log.
    if ! fixture_alive "$MQSUB_PID"; then
      [[ $(fixture_count_subacks "$client_id") -gt $before ]] && break
      sleep 0.2
      [[ $(fixture_count_subacks "$client_id") -gt $before ]] && break
      fixture_fail "mqsub $* exited before subscribing" "$(cat "$file.err")"
    fi
    [[ $SECONDS -lt $deadline ]] || fixture_fail "mqsub $* got no SUBACK within 10 s" "$(cat "$file.err")"
    sleep 0.05
  done
}
