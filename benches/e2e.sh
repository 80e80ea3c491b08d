#!/usr/bin/env bash
# End-to-end figures for BENCHMARKS.md: `jidi check` against `jidi --version` (hyperfine), and
# `jidi eval` in each bulk format over a generated NDJSON corpus beside `jq` reading the same
# file, as ratios of jq's time in one run, with CPU time and peak memory (/usr/bin/time); the same
# corpus with one undeclared field in every record (cost must stay linear); --jobs 2; and a check
# that --jobs 2 writes the same bytes as --jobs 1.
# Usage: benches/e2e.sh [COUNT] (default 1000000). Needs jq; hyperfine if installed.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
policy=policies/sichuan-2023-draft.jidi
cargo build --release --quiet
jidi=target/release/jidi
corpus=${TMPDIR:-/tmp}/jidi-corpus-$count.ndjson
extra=${TMPDIR:-/tmp}/jidi-corpus-$count-undeclared.ndjson
[ -s "$corpus" ] || "$jidi" gen --seed 1 --count "$count" --malformed-share 0 "$policy" -o "$corpus"
# One field the policy does not declare at the end of every record: each is warned about.
[ -s "$extra" ] || sed 's/}$/,"备注":"x"}/' "$corpus" >"$extra"
echo "date: $(date -u +%FT%TZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $count records, $(du -hL "$corpus" | cut -f1)"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 20 --runs 200 "$jidi --version" "$jidi check $policy" 2>&1 | grep -E "Time|±|faster"
fi
jq_cpu=
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o /tmp/jidi-time.txt "$@" >/dev/null 2>/dev/null || true
  read -r wall user sys rss </tmp/jidi-time.txt
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  [ -n "$jq_cpu" ] || jq_cpu=$cpu
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="$count" -v j="$jq_cpu" \
    'BEGIN { printf "%-34s wall %7.2f s  cpu %7.2f s  %5.2f× jq (cpu)  %8.0f rec/cpu-s  peak RSS %6.1f MiB\n", l, w, c, c/j, n/c, r/1024 }'
}
measure "jq -c '{n: .名称}'" jq -c '{n: .["名称"]}' "$corpus"
for format in verdicts ndjson json; do
  measure "jidi eval $format --jobs 1" "$jidi" eval --format "$format" --jobs 1 "$policy" "$corpus"
done
measure "jidi eval verdicts, undeclared field" "$jidi" eval --format verdicts --jobs 1 "$policy" "$extra"
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
