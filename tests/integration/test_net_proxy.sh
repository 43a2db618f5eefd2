#!/usr/bin/env bash
# mqpub --proxy: through tests/support/socks5_server, by name (socks5h, the proxy maps broker.test to
# 127.0.0.1, a name this host cannot resolve) and by address (socks5), with and without user/password.
# The proxy's log proves the traffic went through it. Failures exit 40: proxy down, wrong password,
# missing credentials, broker down behind the proxy.
set -euo pipefail

source "$(dirname "$0")/lib/own_broker.sh"
# proxy_start NAME [ARGS...]: runs socks5_server, sets ${NAME}_port; its log is $work/NAME.log.
proxy_start() {
  local name=$1
  shift
  "${MQ_SUPPORT_DIR:?}/socks5_server" "$@" > "$work/$name.port" 2> "$work/$name.log" & pids+=($!)
  for _ in $(seq 50); do [[ -s "$work/$name.port" ]] && break; sleep 0.1; done
  printf -v "${name}_port" '%s' "$(head -1 "$work/$name.port")"
}
# expect_unreachable WHAT TEXT ARGS...: mqpub ARGS must exit 40 and say TEXT on stderr.
expect_unreachable() {
  local what=$1 text=$2 rc=0
  shift 2
  timeout 20 "$MQPUB" "$@" -t net/proxy -m never 2> "$work/stderr" || rc=$?
  [[ $rc == 40 ]] || fail "$what: exit $rc, not 40 ($(cat "$work/stderr"))"
  grep -qi -- "$text" "$work/stderr" || fail "$what: stderr lacks '$text': $(cat "$work/stderr")"
}
[[ -x "${MQ_SUPPORT_DIR:?}/socks5_server" ]] || { echo "SKIP: socks5_server not built"; exit 77; }

port=$(free_port)
broker_start "listener $port 127.0.0.1"
proxy_start open
proxy_start locked --user ann --password s3cret

mosquitto_sub -p "$port" -t net/proxy -C 3 -W 10 > "$work/received" & sub=$!
wait_log "Received SUBSCRIBE" 1
timeout 20 "$MQPUB" -h broker.test -p "$port" --proxy "socks5h://127.0.0.1:$open_port" -t net/proxy -m by-name ||
  fail "socks5h exited $?"
timeout 20 "$MQPUB" -h 127.0.0.1 -p "$port" --proxy "socks5://127.0.0.1:$open_port" -t net/proxy -m by-address ||
  fail "socks5 exited $?"
timeout 20 "$MQPUB" -h broker.test -p "$port" --proxy "socks5h://ann:s3cret@127.0.0.1:$locked_port" -t net/proxy -m with-auth ||
  fail "socks5h with user/password exited $?"
wait "$sub" || fail "the subscriber did not get 3 messages: $(cat "$work/received")"
[[ "$(cat "$work/received")" == $'by-name\nby-address\nwith-auth' ]] || fail "received '$(cat "$work/received")'"
grep -qx "CONNECT broker.test:$port" "$work/open.log" || fail "socks5h did not send the name: $(cat "$work/open.log")"
grep -qx "CONNECT 127.0.0.1:$port" "$work/open.log" || fail "socks5 did not send the address: $(cat "$work/open.log")"
grep -qx "AUTH ok ann" "$work/locked.log" || fail "no authenticated request: $(cat "$work/locked.log")"
grep -qx "CONNECT broker.test:$port" "$work/locked.log" || fail "no request after auth: $(cat "$work/locked.log")"

closed=$(free_port)
expect_unreachable "proxy down" "connection refused" -h broker.test -p "$port" --proxy "socks5h://127.0.0.1:$closed"
expect_unreachable "wrong password" "proxy" -h broker.test -p "$port" --proxy "socks5h://ann:wrong@127.0.0.1:$locked_port"
grep -qx "AUTH rejected ann" "$work/locked.log" || fail "the wrong password never reached the proxy"
expect_unreachable "no credentials" "proxy" -h broker.test -p "$port" --proxy "socks5h://127.0.0.1:$locked_port"
expect_unreachable "broker down behind the proxy" "refused" -h broker.test -p "$closed" --proxy "socks5h://127.0.0.1:$open_port"
grep -qx "REFUSED CONNECT broker.test:$closed (reply 5)" "$work/open.log" || fail "the proxy did not refuse: $(cat "$work/open.log")"
echo "PASS"
