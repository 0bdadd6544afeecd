#!/usr/bin/env bash
# Measures the EWS compile budget (issue: generated lines, clean debug build time of the
# bindings crate with its dependencies already built, rustc peak memory, generation time
# in a release build) and prints a Markdown table for BENCHMARKS.md.
#
#   scripts/compile-budget.sh [EWS_SCHEMA_DIR]     (default: ../shared/corpus/ews/exchange2016)
set -euo pipefail
cd "$(dirname "$0")/.."
ews_dir=$(realpath "${1:-../shared/corpus/ews/exchange2016}")
[ -f "$ews_dir/messages.xsd" ] || { echo "no messages.xsd in $ews_dir" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# 1. Generation, release build of the CLI: median of 11 runs (schema loading included).
cargo build -q --release -p xsdgen
ns_m=http://schemas.microsoft.com/exchange/services/2006/messages
ns_t=http://schemas.microsoft.com/exchange/services/2006/types
# The server's WSDL when the folder has it (types and the client, as ews-bindings builds).
input="$ews_dir/messages.xsd"
[ -f "$ews_dir/services.wsdl" ] && input="$ews_dir/services.wsdl"
times=()
for _ in $(seq 11); do
  start=$(date +%s%N)
  ./target/release/xsdgen generate "$input" --out "$out/gen" \
    --module "$ns_m=messages" --module "$ns_t=types" >/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
gen_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)
lines=$(cat "$out"/gen/*.rs | wc -l)

# 2. Clean debug build of ews-bindings with EWS (dependencies built first, then only the
#    bindings crate is cleaned and rebuilt): wall time and the peak RSS of any rustc.
EWS_SCHEMA_DIR="$ews_dir" cargo build -q -p ews-bindings --features ews
cargo clean -q -p ews-bindings
EWS_SCHEMA_DIR="$ews_dir" /usr/bin/time -v cargo build -q -p ews-bindings --features ews 2> "$out/time.txt"
wall=$(grep 'Elapsed (wall clock)' "$out/time.txt" | awk '{print $NF}')
rss_kb=$(grep 'Maximum resident set size' "$out/time.txt" | awk '{print $NF}')

echo "| measure | result | budget |"
echo "|---|---|---|"
echo "| generated EWS 2016 code, lines after formatting | $lines | ≤ 150,000 |"
echo "| clean debug build of ews-bindings with EWS (deps built) | $wall (m:ss) | ≤ 60 s |"
echo "| peak memory of the build (max RSS, rustc) | $((rss_kb / 1024)) MiB | ≤ 2 GB |"
echo "| generation, release CLI, median of 11 | ${gen_ms} ms | ≤ 250 ms |"
