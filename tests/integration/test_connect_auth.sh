#!/usr/bin/env bash
# The password listener: alice gets in with -P, --pw-file and MQ_PASSWORD; a wrong password is refused
# with the same exit status as mosquitto_pub (the CONNACK code, MQTT 3.1.1 and 5) and is never printed.
# shellcheck disable=SC2154 # run_capture sets PREFIX_out, PREFIX_err and PREFIX_rc
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
broker_start

# The listeners share one broker: a subscriber on the plain port sees what alice publishes.
sub_start "$TEST_TMP/got.txt" -h 127.0.0.1 -p "$PORT_PLAIN" -t 'connect-auth/#' -v -q 1

run_capture with_p "$MQPUB" -h 127.0.0.1 -p "$PORT_AUTH" -u alice -P secret-alice -t connect-auth/p -m by-p -q 1
assert_eq 0 "$with_p_rc" "-u alice -P: $with_p_err"

printf 'secret-alice\n' > "$TEST_TMP/alice.pw"
chmod 600 "$TEST_TMP/alice.pw"
run_capture with_file "$MQPUB" -h 127.0.0.1 -p "$PORT_AUTH" -u alice --pw-file "$TEST_TMP/alice.pw" \
  -t connect-auth/file -m by-file -q 1
assert_eq 0 "$with_file_rc" "--pw-file: $with_file_err"

MQ_PASSWORD=secret-alice run_capture with_env "$MQPUB" -h 127.0.0.1 -p "$PORT_AUTH" -u alice \
  -t connect-auth/env -m by-env -q 1
assert_eq 0 "$with_env_rc" "MQ_PASSWORD: $with_env_err"

wait_lines "$TEST_TMP/got.txt" 3
assert_eq $'connect-auth/p by-p\nconnect-auth/file by-file\nconnect-auth/env by-env' "$(cat "$TEST_TMP/got.txt")"

# What the CONNACK code means, as our tools word it.
refusal_phrase() {  # code
  case "$1" in
    4 | 134) echo "bad user name or password" ;;
    5 | 135) echo "not authorized" ;;
    *) fixture_fail "mosquitto_pub gave $1 for a wrong password: not a CONNACK refusal this test knows" ;;
  esac
}

wrong='wrong-pass-7f3a9c'
for version in 311 5; do
  run_capture reference mosquitto_pub -h 127.0.0.1 -V "$version" -p "$PORT_AUTH" -u alice -P "$wrong" \
    -t connect-auth/wrong -m x
  phrase=$(refusal_phrase "$reference_rc")

  run_capture bad "$MQPUB" -h 127.0.0.1 -V "$version" -p "$PORT_AUTH" -u alice -P "$wrong" -t connect-auth/wrong -m x
  assert_failed_with bad mqpub "$reference_rc" "$phrase"
  assert_not_contains "$bad_out$bad_err" "$wrong" "mqpub -V $version never prints the password"

  printf '%s\n' "$wrong" > "$TEST_TMP/wrong.pw"
  run_capture bad_file "$MQPUB" -h 127.0.0.1 -V "$version" -p "$PORT_AUTH" -u alice --pw-file "$TEST_TMP/wrong.pw" \
    -t connect-auth/wrong -m x
  assert_failed_with bad_file mqpub "$reference_rc" "$phrase"
  assert_not_contains "$bad_file_out$bad_file_err" "$wrong" "--pw-file: the password is never printed"

  MQ_PASSWORD=$wrong run_capture bad_env "$MQPUB" -h 127.0.0.1 -V "$version" -p "$PORT_AUTH" -u alice \
    -t connect-auth/wrong -m x
  assert_failed_with bad_env mqpub "$reference_rc" "$phrase"
  assert_not_contains "$bad_env_out$bad_env_err" "$wrong" "MQ_PASSWORD: the password is never printed"

  run_capture bad_sub "$MQSUB" -h 127.0.0.1 -V "$version" -p "$PORT_AUTH" -u alice -P "$wrong" \
    -t 'connect-auth/#' -C 1
  assert_failed_with bad_sub mqsub "$reference_rc" "$phrase"
  assert_not_contains "$bad_sub_out$bad_sub_err" "$wrong" "mqsub never prints the password"
done

# No user name at all on a listener that needs one: refused like mosquitto_pub.
run_capture reference mosquitto_pub -h 127.0.0.1 -p "$PORT_AUTH" -t connect-auth/anonymous -m x
run_capture anonymous "$MQPUB" -h 127.0.0.1 -p "$PORT_AUTH" -t connect-auth/anonymous -m x
assert_failed_with anonymous mqpub "$reference_rc" "$(refusal_phrase "$reference_rc")"

sleep 0.2
assert_eq 3 "$(wc -l < "$TEST_TMP/got.txt")" "refused clients published nothing"
