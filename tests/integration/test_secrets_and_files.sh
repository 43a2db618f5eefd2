#!/usr/bin/env bash
# Secrets stay out of `ps` and out of every message; no tool writes a file in the working directory.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

# -P is wiped from the process's arguments once parsed.
"$MQSUB" -p "$PORT_AUTH" -u alice -P secret-alice -t 'secrets/#' -W 10 > /dev/null 2>&1 &
sub_pid=$!
fixture_track "$sub_pid"
for _ in $(seq 50); do
  cmdline=$(tr '\0' ' ' < "/proc/$sub_pid/cmdline" 2>/dev/null || true)
  case "$cmdline" in *'************'*) break ;; esac
  sleep 0.1
done
assert_contains "$cmdline" "-u alice -P ************ "
assert_not_contains "$cmdline" "secret-alice"
kill "$sub_pid"

# A URL password is wiped too.
"$MQSUB" -L "mqtt://alice:secret-alice@127.0.0.1:$PORT_AUTH/secrets/x" -W 10 > /dev/null 2>&1 &
sub_pid=$!
fixture_track "$sub_pid"
sleep 0.5
assert_not_contains "$(tr '\0' ' ' < "/proc/$sub_pid/cmdline")" "secret-alice"
kill "$sub_pid"

# --pw-file and MQ_PASSWORD work; a wrong password is never echoed, not even with -d.
printf 'secret-alice\n' > "$TEST_TMP/pw"
chmod 600 "$TEST_TMP/pw"
run_capture file "$MQPUB" -p "$PORT_AUTH" -u alice --pw-file "$TEST_TMP/pw" -t secrets/a -m x -q 1
assert_eq 0 "$file_rc" "--pw-file: $file_err"
MQ_PASSWORD=secret-alice run_capture env "$MQPUB" -p "$PORT_AUTH" -u alice -t secrets/a -m x -q 1
assert_eq 0 "$env_rc" "MQ_PASSWORD: $env_err"
run_capture wrong "$MQPUB" -d -p "$PORT_AUTH" -u alice -P wrong-secret-value -t secrets/a -m x -q 1
assert_not_contains "$wrong_out$wrong_err" "wrong-secret-value"

# A profile that others can read and that holds a password gets a warning (without the password).
mkdir -p "$XDG_CONFIG_HOME/mq"
printf -- '-u alice\n-P secret-alice\n' > "$XDG_CONFIG_HOME/mq/shared"
chmod 644 "$XDG_CONFIG_HOME/mq/shared"
run_capture profile "$MQPUB" --profile shared -p "$PORT_AUTH" -t secrets/a -m x -q 1
assert_eq 0 "$profile_rc" "profile: $profile_err"
assert_contains "$profile_err" "mqpub: warning: profile shared holds a password and other users can read it"
assert_not_contains "$profile_err" "secret-alice"

# --insecure warns.
run_capture insecure "$MQPUB" -p "$PORT_TLS" --cafile "$MQ_PKI_DIR/ca.crt" --insecure -t secrets/a -m x
assert_contains "$insecure_err" "mqpub: warning: --insecure"

# Nothing written in the working directory, even a read-only one.
readonly_dir="$TEST_TMP/readonly"
mkdir "$readonly_dir"
chmod 555 "$readonly_dir"
(
  cd "$readonly_dir"
  "$MQPUB" -p "$PORT_PLAIN" -t files/x -m x -q 2 -c -i files-pub
  "$MQSUB" -p "$PORT_PLAIN" -t files/x -C 1 -W 2 -q 2 -c -i files-sub > /dev/null || true
  printf 'a\nb\n' | "$MQPUB" -p "$PORT_PLAIN" -t files/y -l -q 1
)
assert_eq "" "$(ls -A "$readonly_dir")" "the working directory stays empty"
