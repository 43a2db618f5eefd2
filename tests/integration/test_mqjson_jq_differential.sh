#!/usr/bin/env bash
# mqjson vs jq 1.6, byte for byte: a generated corpus of JSON lines (nesting, escapes, non-ASCII, control
# characters, DEL, repeated keys, numbers in every notation jq prints exactly) and paths; one field against
# `jq -r PATH`, several against `jq -r '[...]|@tsv'` and `@csv`, --json against `jq -c '{...}'`,
# iterators against `jq -r '.a[]'`, pointers against the equivalent jq path.
set -euo pipefail
source "$(dirname "$0")/lib/fixture.sh"
fixture_init
command -v jq > /dev/null || { echo "SKIPPED: jq is not installed" >&2; exit 77; }
command -v python3 > /dev/null || { echo "SKIPPED: python3 is not installed (it generates the corpus)" >&2; exit 77; }

python3 - > "$TEST_TMP/corpus.jsonl" << 'PY'
import json, random
random.seed(20261125)

def number_text():
    kind = random.randrange(9)
    if kind == 0: return str(random.randint(-10**15 + 1, 10**15 - 1))
    if kind == 1: return repr(random.uniform(-1e6, 1e6))            # shortest round-trip digits
    if kind == 2: return repr(random.uniform(-1, 1) * 10 ** random.randint(-30, 30))
    if kind == 3: return "%d.%s" % (random.randint(0, 999), "0" * random.randint(1, 3))   # 12.000
    if kind == 4: return "%de%d" % (random.randint(1, 9), random.randint(-12, 40))          # 3e17
    if kind == 5: return "%d.%dE+%d" % (random.randint(1, 9), random.randint(1, 99), random.randint(0, 25))
    if kind == 6: return random.choice(["0", "-0", "0.0", "-0.0", "1e-5", "0.0001", "1e15", "1e16", "100e-2"])
    if kind == 7: return "%d" % (random.randint(0, 9) * 10 ** random.randint(0, 14))
    return "%.3f" % random.uniform(-100, 100)

ALPHABET = ["a", "b", "Z", " ", "\"", "\\", "/", "\t", "\n", "\r", "\b", "\f", "\x01", "\x1f", "\x7f", "é", "€",
            "😀", "\u2028", "日本", ",", ";", "{", "}", "=", "~"]

def string_text():
    chars = "".join(random.choice(ALPHABET) for _ in range(random.randint(0, 8)))
    text = json.dumps(chars, ensure_ascii=random.random() < 0.5)   # \uXXXX escapes half of the time
    if random.random() < 0.2:
        text = text.replace("/", "\\/")
    return text

def scalar_text():
    kind = random.randrange(5)
    return [number_text, string_text, lambda: "true", lambda: "false", lambda: "null"][kind]()

def value_text(depth):
    if depth <= 0 or random.random() < 0.5:
        return scalar_text()
    if random.random() < 0.5:
        return "[" + ",".join(value_text(depth - 1) for _ in range(random.randint(0, 4))) + "]"
    return object_text(depth - 1)

KEYS = ["x", "y", "k.dots", "with space", "é", "a/b", "m~n", "0"]

def object_text(depth):
    members = []
    for _ in range(random.randint(0, 4)):
        key = random.choice(KEYS)
        members.append("%s:%s" % (json.dumps(key, ensure_ascii=random.random() < 0.5), value_text(depth)))
    return "{" + ",".join(members) + "}"

def space():
    return random.choice(["", "", " ", "  ", "\t"])

for i in range(250):
    fields = [
        ("id", str(i)),
        ("num", number_text()),
        ("str", string_text()),
        ("scalar", scalar_text()),
        ("flag", random.choice(["true", "false"])),
        ("arr", "[" + ",".join(scalar_text() for _ in range(random.randint(0, 5))) + "]"),
        ("obj", object_text(2)),
        ("deep", '{"a":{"b":{"c":%s}}}' % value_text(2)),
        ("nested", value_text(3)),
    ]
    if random.random() < 0.5:
        fields.append(("opt", scalar_text()))
    if random.random() < 0.2:
        fields.append(("num", number_text()))   # a repeated key: the last value wins, at the first position
    random.shuffle(fields)
    print("{" + space() + ",".join('"%s"%s:%s%s' % (k, space(), space(), v) for k, v in fields) + space() + "}")
PY
assert_eq 250 "$(wc -l < "$TEST_TMP/corpus.jsonl")" "corpus size"
jq -c . "$TEST_TMP/corpus.jsonl" > /dev/null || fixture_fail "the generated corpus is not JSON to jq"

compared=0
# compare LABEL JQ-ARGS... -- MQJSON-ARGS...
compare() {
  local label=$1
  shift
  local jq_args=() mq_args=()
  while [[ $1 != -- ]]; do jq_args+=("$1"); shift; done
  shift
  mq_args=("$@")
  jq "${jq_args[@]}" "$TEST_TMP/corpus.jsonl" > "$TEST_TMP/jq.out"
  "$MQJSON" "${mq_args[@]}" < "$TEST_TMP/corpus.jsonl" > "$TEST_TMP/mq.out" 2> "$TEST_TMP/mq.err"
  if ! cmp -s "$TEST_TMP/jq.out" "$TEST_TMP/mq.out"; then
    fixture_fail "mqjson differs from jq for $label" "$(diff <(cat -A "$TEST_TMP/jq.out") <(cat -A "$TEST_TMP/mq.out") | head -n 8)"
  fi
  assert_eq "" "$(cat "$TEST_TMP/mq.err")" "no warnings for $label"
  compared=$((compared + 1))
}

# One field: jq -rc PATH (strings raw, everything else compact).
for path in . .id .num .str .scalar .flag .arr .obj .deep .nested .opt .missing '.arr[0]' '.arr[-1]' '.arr[2]' \
  '.deep.a' '.deep.a.b.c' '.["id"]' '.obj["k.dots"]' '.obj["with space"]' '.obj["é"]' '.obj.x' '.arr[]' \
  '.obj[]' '.deep.a.b[]?'; do
  mq_path=${path%\?}
  compare "$path" -rc "$path" -- "$mq_path"
done
# Pointers: the same values as the jq paths.
compare "/deep/a/b/c" -rc '.deep.a.b.c' -- /deep/a/b/c
compare "/obj/a~1b" -rc '.obj["a/b"]' -- '/obj/a~1b'
compare "/obj/m~0n" -rc '.obj["m~n"]' -- '/obj/m~0n'
compare "/arr/0" -rc '.arr[0]' -- /arr/0
compare "/obj/0" -rc '.obj["0"]' -- /obj/0
# Several scalar fields: @tsv and @csv (jq refuses arrays and objects there).
compare "tsv" -r '[.id,.num,.str,.scalar,.flag,.opt,.missing,.arr[0]]|@tsv' -- .id .num .str .scalar .flag .opt .missing '.arr[0]'
compare "csv" -r '[.id,.num,.str,.scalar,.flag,.opt,.missing,.arr[0]]|@csv' -- --csv .id .num .str .scalar .flag .opt .missing '.arr[0]'
# An iterator next to a plain field: one row per element.
compare "tsv with .arr[]" -r '.id as $id | .arr[] | [$id, .] | @tsv' -- .id '.arr[]'
# --json: an object keyed by the paths or labels, values like jq -c.
compare "--json" -c '{".id":.id,".obj":.obj,".nested":.nested,"s":.str,".missing":.missing}' -- --json .id .obj .nested s=.str .missing

echo "compared $compared outputs over 250 documents"
