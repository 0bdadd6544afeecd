#!/usr/bin/env bash
# Runs one cargo-fuzz (libFuzzer) target for a while, seeded from ../shared/corpus.
#
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: schema | wsdl | um_reader | ews_reader | write_read | mixed_reader | bytes_reader | soap_reply
#
# New inputs that raise coverage collect in fuzz/corpus/TARGET; a crash stops the run
# and leaves its input in fuzz/artifacts/TARGET (keep it as a regression test under
# tests/). Needs the nightly toolchain (libFuzzer's sanitizer flags) and cargo-fuzz,
# which this script installs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh schema|wsdl|um_reader|ews_reader|write_read|mixed_reader|bytes_reader|soap_reply [SECONDS]}
seconds=${2:-600}
shared=../shared/corpus
[ -d "$shared" ] || { echo "skipped: $shared is absent (the seeds come from it)" >&2; exit 2; }
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

case "$target" in
  schema) seeds=(schemas "$shared/ews/exchange2016" "$shared/ews/ms-oxws" "$shared/w3c-xsdtests/sunData") ;;
  wsdl) seeds=(codegen/tests/fixtures/wsdl "$shared/realworld/04-soap-wsdl/samples") ;;
  um_reader) seeds=(fuzz/seeds/um_reader "$shared/ews/samples") ;;
  ews_reader|write_read) seeds=("$shared/ews/samples") ;;
  mixed_reader) seeds=(fuzz/seeds/mixed_reader) ;;
  bytes_reader) seeds=(fuzz/seeds/bytes_reader "$shared/ews/samples") ;;
  soap_reply) seeds=(fuzz/seeds/soap_reply "$shared/ews/samples") ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
seeds=("${seeds[@]/#/$PWD/}")
mkdir -p "fuzz/corpus/$target"
cd fuzz
cargo +nightly fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
