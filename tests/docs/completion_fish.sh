#!/usr/bin/env bash
# The generated fish completion, asked through fish's own `complete -C`, offers the right candidates.
set -euo pipefail
dir=${1:?usage: completion_fish.sh COMPLETIONS_DIR}
if ! command -v fish >/dev/null; then echo "SKIP: fish is not installed" >&2; exit 77; fi
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
mkdir -p "$XDG_CONFIG_HOME/mq" && touch "$XDG_CONFIG_HOME/mq/production"

candidates() {  # tool commandline
  fish --no-config -c "source $dir/$1.fish; complete -C '$2'" | cut -f1 | sort
}
expect() {
  if [ "$2" != "$3" ]; then
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
    exit 1
  fi
}
expect "mqpub -q values" "0 1 2" "$(candidates mqpub 'mqpub -q ' | tr '\n' ' ' | sed 's/ $//')"
expect "mqsub --will-t" "--will-topic" "$(candidates mqsub 'mqsub --will-t')"
expect "profile names" "production" "$(candidates mqsub 'mqsub --profile ')"
expect "--cafile completes files" "$dir/mqpub.fish" "$(candidates mqpub "mqpub --cafile $dir/mqpub.f")"
echo "fish completion: ok"
