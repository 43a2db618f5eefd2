#!/usr/bin/env bash
# The generated zsh completion, run by zsh's completion system in a pseudo-terminal (zsh/zpty), offers the
# right candidates. Candidates are captured by wrapping compadd.
set -euo pipefail
dir=${1:?usage: completion_zsh.sh COMPLETIONS_DIR}
if ! command -v zsh >/dev/null; then echo "SKIP: zsh is not installed" >&2; exit 77; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

candidates() {  # commandline
  ZDOTDIR=$work COMPLETION_DIR=$dir LINE=$1 zsh -f -c '
    zmodload zsh/zpty
    zpty completer zsh -f -i
    zpty -w completer "PS1=; fpath=($COMPLETION_DIR \$fpath); autoload -U compinit; compinit -u -D"
    zpty -w completer "compadd() { builtin compadd -O found \"\$@\"; print -l -- \"<<\"\${^found}\">>\"; builtin compadd \"\$@\" }"
    zpty -w completer "zstyle \":completion:*\" list-grouped false; zstyle \":completion:*\" insert-tab false"
    zpty -w completer "print READY"
    zpty -r completer line "*READY*"
    zpty -w -n completer "$LINE"$'"'"'\t'"'"'
    output=""
    while zpty -r -t completer chunk; do output+=$chunk; done
    sleep 1
    while zpty -r -t completer chunk; do output+=$chunk; done
    print -r -- "$output" | grep -o "<<[^>]*>>" | sed "s/^<<//; s/>>\$//" | sort -u
    zpty -d completer' 2>/dev/null
}
expect() {
  if [ "$2" != "$3" ]; then
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
    exit 1
  fi
}
expect "mqpub -q values" "0 1 2" "$(candidates 'mqpub -q ' | tr '\n' ' ' | sed 's/ $//')"
expect "mqsub --will-t" "--will-topic" "$(candidates 'mqsub --will-t')"
echo "zsh completion: ok"
