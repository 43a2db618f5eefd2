#!/usr/bin/env bash
# Every man page renders with groff without a single warning, and `man -l` shows its NAME section.
set -euo pipefail
dir=${1:?usage: man_render.sh MAN_DIR}
status=0
for page in "$dir"/*.1 "$dir"/*.7; do
  warnings=$(groff -man -ww -z "$page" 2>&1 || true)
  if [ -n "$warnings" ]; then
    echo "FAIL: groff warns about $page:" >&2
    echo "$warnings" >&2
    status=1
  fi
  if ! MANWIDTH=100 man -l "$page" 2>/dev/null | grep -q '^NAME'; then
    echo "FAIL: man -l $page does not render a NAME section" >&2
    status=1
  fi
done
exit "$status"
