#!/usr/bin/env bash
# Runs the speed benchmarks (issue: reading and writing EWS documents against quick-xml,
# NsReader, roxmltree and serde; generation time; peak memory reading 100 MB) and writes
# the results between the markers of BENCHMARKS.md.
#
#   scripts/bench.sh          (needs ../shared/corpus for the EWS bindings)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ../shared/corpus/ews/exchange2016/messages.xsd ] || {
  echo "skipped: ../shared/corpus is absent (the EWS bindings are generated from it)" >&2
  exit 2
}
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

# 1. Criterion: every loop of a group runs over the same bytes in one run.
rm -rf target/criterion
cargo bench -p xsdgen-bench --bench ews --bench generate

# 2. Peak memory reading a FindItem response of about 100 MB.
cargo build -q --release -p xsdgen-bench --bin ews-doc
mkdir -p target/bench-data
doc=target/bench-data/find-item-100MB.xml
./target/release/ews-doc write find-item 82000 "$doc"
/usr/bin/time -v ./target/release/ews-doc read "$doc" 2> target/bench-data/time.txt
size=$(stat -c %s "$doc")
rss_kb=$(grep 'Maximum resident set size' target/bench-data/time.txt | awk '{print $NF}')

python3 - "$size" "$rss_kb" <<'PY'
import json, pathlib, re, sys
size, rss_kb = int(sys.argv[1]), int(sys.argv[2])
root = pathlib.Path("target/criterion")
rows = {}
for est in sorted(root.glob("*/*/new/estimates.json")):
    group, bench = est.parts[-4], est.parts[-3]
    mean_ns = json.loads(est.read_text())["mean"]["point_estimate"]
    meta = json.loads((est.parent / "benchmark.json").read_text())
    throughput = (meta.get("throughput") or {}).get("Bytes")
    rows.setdefault(group, {})[bench] = (mean_ns, throughput)

def mbps(ns, nbytes):
    return nbytes / (ns / 1e9) / 1e6

out = []
for group in ["find_item_50MB", "get_item_bodies", "sync_folder_items"]:
    if group not in rows:
        continue
    r = rows[group]
    out.append(f"\n**{group}**\n")
    out.append("| loop | mean time | MB/s | vs quick-xml serde | vs quick-xml Reader |")
    out.append("|---|---|---|---|---|")
    base_serde = r.get("quick_xml_serde")
    base_reader = r.get("quick_xml_reader")
    for bench, (ns, nbytes) in sorted(r.items(), key=lambda kv: kv[1][0]):
        speed = mbps(ns, nbytes)
        vs = lambda b: f"{speed / mbps(*b):.2f}×" if b else "—"
        out.append(f"| {bench} | {ns / 1e6:.1f} ms | {speed:.0f} | {vs(base_serde)} | {vs(base_reader)} |")
if "generate" in rows:
    out.append("\n**generation (in-process `Config::generate`, release)**\n")
    out.append("| bindings | mean time |")
    out.append("|---|---|")
    for bench, (ns, _) in sorted(rows["generate"].items()):
        out.append(f"| {bench} | {ns / 1e6:.1f} ms |")
out.append("\n**peak memory reading a FindItem response** (`/usr/bin/time -v ews-doc read`)\n")
out.append("| document | peak RSS | ratio |")
out.append("|---|---|---|")
out.append(f"| {size / 1e6:.0f} MB, 82,000 messages | {rss_kb / 1024:.0f} MiB | {rss_kb * 1024 / size:.2f}× |")
table = "\n".join(out) + "\n"

bench_md = pathlib.Path("BENCHMARKS.md")
text = bench_md.read_text()
start, end = "<!-- bench.sh:start -->", "<!-- bench.sh:end -->"
i, j = text.index(start) + len(start), text.index(end)
bench_md.write_text(text[:i] + "\n" + table + text[j:])
print(table)
PY
