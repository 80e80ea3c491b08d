#!/usr/bin/env bash
# End-to-end figures for BENCHMARKS.md: `jidi check` wall time with process start (hyperfine),
# and `jidi eval --format ndjson` over a generated NDJSON corpus beside `jq` reading the same file,
# with CPU time and peak memory (/usr/bin/time) and --jobs; checks that --jobs 2 writes the same
# bytes as --jobs 1. Usage: benches/e2e.sh [COUNT] (default 1000000). Needs jq and hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
policy=policies/sichuan-2023-draft.jidi
cargo build --release --quiet
jidi=target/release/jidi
corpus=${TMPDIR:-/tmp}/jidi-corpus-$count.ndjson
[ -s "$corpus" ] || "$jidi" gen --seed 1 --count "$count" --malformed-share 0 "$policy" -o "$corpus"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $count records, $(du -h "$corpus" | cut -f1)"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 20 --runs 200 "$jidi check $policy" 2>&1 | grep -E "Time|Range"
fi
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o /tmp/jidi-time.txt "$@" >/dev/null 2>/tmp/jidi-stderr.txt || true
  read -r wall user sys rss </tmp/jidi-time.txt
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$count" \
    'BEGIN { printf "%-28s wall %7.2f s  cpu %7.2f s  %8.0f rec/s  %8.0f rec/cpu-s  peak RSS %6.1f MiB\n", l, w, u+s, n/w, n/(u+s), r/1024 }'
}
measure "jq -c '{n: .名称}'" jq -c '{n: .["名称"]}' "$corpus"
measure "jidi eval ndjson --jobs 1" "$jidi" eval --format ndjson --jobs 1 "$policy" "$corpus"
measure "jidi eval ndjson --jobs 2" "$jidi" eval --format ndjson --jobs 2 "$policy" "$corpus"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Output order with --jobs: the same bytes as one job (on the first 20 000 records).
part=${TMPDIR:-/tmp}/jidi-corpus-part.ndjson
head -20000 "$corpus" >"$part"
if cmp -s <("$jidi" eval --format ndjson --jobs 1 "$policy" "$part" 2>/dev/null) \
          <("$jidi" eval --format ndjson --jobs 2 "$policy" "$part" 2>/dev/null); then
  echo "--jobs 2 output: identical to --jobs 1"
else
  echo "--jobs 2 output: DIFFERS from --jobs 1"
fi
