#!/usr/bin/env bash
# Measures the compile budget of the real-world corpus (issue 15: for each set, generated
# lines, clean debug build time of the generated crate with its dependencies already
# built, rustc peak memory) and prints a Markdown table for BENCHMARKS.md. Exits non-zero
# when a crate is over 150,000 lines, 60 s or 2 GiB, naming it.
#
#   scripts/compile-budget-realworld.sh [--set NN-name] [CORPUS_DIR]
#                                        (default: ../shared/corpus/realworld, every set)
#
# Each set's generated groups (generated as the realworld runner does: the group's schemas
# together, the set's catalog.xml, the group's map) are one crate, each group a module;
# but set 19 (the xsd-parser peer tests: 136 unrelated schemas, MusicXML, ONIX, …) is a
# crate per group, as a user builds them: every one is held to the budget, the five
# largest are printed and all of them written to target/compile-budget-realworld/per-group.md. The crates are written by `realworld --emit-crates` to
# target/compile-budget-realworld, a cargo workspace of its own (same dev profile as this
# one: dependencies at opt-level 1) with its own target folder.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
work=$(realpath -m target/compile-budget-realworld)
mkdir -p "$work"
max_lines=150000
max_seconds=60
max_kib=$((2 * 1024 * 1024))
# 1234567 → 1,234,567
grouped() { sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<< "$1"; }

# 1. Generate and write the crates (release runner).
cargo build -q --release -p xsdgen-conformance --bin realworld
rm -f "$work/crates.tsv"
"${CARGO_TARGET_DIR:-target}/release/realworld" --emit-crates "$work" --per-group 19 "$@" \
  > "$work/generation.log" 2>&1 || { cat "$work/generation.log" >&2; exit 1; }
[ -f "$work/crates.tsv" ] || { cat "$work/generation.log" >&2; exit 2; }  # no corpus

# The crates' own target folder, away from this workspace's (and its lock).
export CARGO_TARGET_DIR="$work/target"

# 2. The dependencies (xsdgen-runtime, regex, …) once, through an empty crate.
(cd "$work" && cargo build -q -p deps)

# 3. Each crate: cleaned, then built under /usr/bin/time -v.
rows=()
group_rows=()
over=()
while IFS=$'\t' read -r name set groups set_groups label; do
  [[ "$name" == \#* ]] && continue
  lines=$(cat "$work/$name"/src/g*.rs | wc -l)
  (cd "$work" && cargo clean -q -p "$name")
  (cd "$work" && /usr/bin/time -v cargo build -q -p "$name") 2> "$work/$name.time.txt" \
    || { cat "$work/$name.time.txt" >&2; echo "build of $name failed" >&2; exit 1; }
  wall=$(grep 'Elapsed (wall clock)' "$work/$name.time.txt" | awk '{print $NF}')
  seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }' <<< "$wall")
  rss_kib=$(grep 'Maximum resident set size' "$work/$name.time.txt" | awk '{print $NF}')
  if [ "$groups" = "$set_groups" ] || [ "$label" != "$set" ]; then
    shown_groups=$groups
  else
    shown_groups="$groups of $set_groups"  # the others are refused
  fi
  mib=$((rss_kib / 1024))
  row="| $label | $shown_groups | $(grouped "$lines") | $seconds | $(grouped "$mib") |"
  if [ "$label" = "$set" ]; then
    rows+=("$row")
  else
    group_rows+=("$lines"$'\t'"$row")  # a group of a per-group set
  fi
  echo "$label: $lines lines, $seconds s, $mib MiB" >&2
  if (( lines > max_lines )); then over+=("$label: $(grouped "$lines") lines > 150,000"); fi
  if awk -v s="$seconds" -v m="$max_seconds" 'BEGIN { exit !(s > m) }'; then
    over+=("$label: $seconds s > $max_seconds s")
  fi
  if (( rss_kib > max_kib )); then over+=("$label: $(grouped "$mib") MiB > 2 GiB"); fi
done < "$work/crates.tsv"

echo "| set | groups | generated lines | build s | peak MiB |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [ ${#group_rows[@]} -gt 0 ]; then
  sorted=$(printf '%s\n' "${group_rows[@]}" | sort -t$'\t' -k1,1nr | cut -f2-)
  { echo "| set: group | groups | generated lines | build s | peak MiB |"
    echo "|---|---|---|---|---|"
    echo "$sorted"; } > "$work/per-group.md"
  echo
  echo "Built a crate per group: ${#group_rows[@]} groups, every one within the budget" \
    "unless listed below; the five largest (all in $work/per-group.md):"
  echo
  echo "| set: group | groups | generated lines | build s | peak MiB |"
  echo "|---|---|---|---|---|"
  head -5 <<< "$sorted"
fi
if [ ${#over[@]} -gt 0 ]; then
  echo
  echo "Over budget (150,000 lines, 60 s, 2 GiB):"
  printf -- '- %s\n' "${over[@]}"
  exit 1
fi
