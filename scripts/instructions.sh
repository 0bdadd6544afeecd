#!/usr/bin/env bash
# Instruction counts (callgrind) of the typed reader, the writer and the baseline loops
# over one FindItem response of 5,000 messages: deterministic where wall time on a shared
# VM is not. BENCHMARKS.md's instruction tables (second to fifth round) come from it.
#
#   scripts/instructions.sh          (needs ../shared/corpus for the EWS bindings)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ../shared/corpus/ews/exchange2016/messages.xsd ] || {
  echo "skipped: ../shared/corpus is absent (the EWS bindings are generated from it)" >&2
  exit 2
}
command -v valgrind >/dev/null || { apt-get update >/dev/null && apt-get install -y valgrind >/dev/null; }
cargo build -q --release -p xsdgen-bench --bin ews-doc
mkdir -p target/bench-data
doc=target/bench-data/find-item-5k.xml
./target/release/ews-doc write find-item 5000 "$doc"
collected() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null ./target/release/ews-doc "$@" 2>&1 \
    | awk '/Collected/ {print $NF}'
}
count() {
  collected "$@" | awk '{printf "%.0f M\n", $1 / 1e6}'
}
echo "| loop | instructions |"
echo "|---|---|"
for kind in reader ns-reader roxmltree serde; do
  echo "| $kind | $(count loop "$kind" "$doc" 1) |"
done
read=$(collected read "$doc" 1)
echo "| xsdgen read | $(awk -v n="$read" 'BEGIN {printf "%.0f M", n / 1e6}') |"
# Writing: the value read once and written three times, less the read, per write.
rewrite=$(collected rewrite "$doc" 3)
echo "| xsdgen write (per write) | $(awk -v r="$read" -v w="$rewrite" 'BEGIN {printf "%.1f M", (w - r) / 3e6}') |"
