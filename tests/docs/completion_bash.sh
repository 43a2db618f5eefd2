#!/usr/bin/env bash
# The generated bash completion, driven through bash's own completion function, offers the right candidates.
set -euo pipefail
dir=${1:?usage: completion_bash.sh COMPLETIONS_DIR}
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
mkdir -p "$XDG_CONFIG_HOME/mq" && touch "$XDG_CONFIG_HOME/mq/production" "$XDG_CONFIG_HOME/mq/staging"

candidates() {  # tool word... (the last word is the one being completed)
  local tool=$1
  shift
  bash -c '
    source "$1/$2.bash"
    shift 2
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    "_${COMP_WORDS[0]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$dir" "$tool" "$tool" "$@"
}

expect() {  # description expected actual
  if [ "$2" != "$3" ]; then
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
    exit 1
  fi
}

expect "mqpub -q values" "0 1 2" "$(candidates mqpub -q "" | tr '\n' ' ' | sed 's/ $//')"
expect "mqsub -V values" "31 311 5 mqttv31 mqttv311 mqttv5" "$(candidates mqsub -V "" | tr '\n' ' ' | sed 's/ $//')"
expect "mqpub --cert completes files" "$dir/mqpub.bash" "$(candidates mqpub --cert "$dir/mqpub.b")"
expect "mqpub --will-t" "--will-topic" "$(candidates mqpub --will-t)"
expect "-D packets" "connect" "$(candidates mqpub -D con)"
expect "-D publish properties" "content-type correlation-data" "$(candidates mqpub -D publish co | tr '\n' ' ' | sed 's/ $//')"
expect "profile names" "production" "$(candidates mqsub --profile pro)"
for tool in mqpub mqsub mqjson mqbench; do
  all=$(candidates "$tool" -)
  case "$all" in *--host*) ;; *) echo "FAIL: $tool does not complete --host" >&2; exit 1 ;; esac
done
echo "bash completion: ok"
