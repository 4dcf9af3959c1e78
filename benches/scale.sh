#!/usr/bin/env bash
# Whole-process numbers for `chronicler tag` (streaming JSON lines) and
# `chronicler build`: MB/s, documents/s and peak memory (RSS; `tag` timed
# by examples/per_process.rs, `build` by /usr/bin/time). Prints numbers;
# asserts nothing.
#
#   benches/scale.sh              # 1 MB and 200 MB corpora
#   benches/scale.sh 1 200 1000   # … and 1 GB
#
# Corpora are made by examples/gen_corpus.rs from seeds/ and $CORPUS
# (default ../shared/corpora/timeline17-dev) under target/bench/, out of git.
# "per core" divides by CPU seconds (user + system), so it holds on a busy
# machine; wall-clock MB/s is what a user sees.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CORPUS=${CORPUS:-../shared/corpora/timeline17-dev}
THREADS=${THREADS:-1 2}
cargo build --release --quiet --bin chronicler --example gen_corpus --example per_process
B=target/release/chronicler
mkdir -p target/bench
T=target/bench/time.txt

for mb in ${@:-1 200}; do
    f=target/bench/corpus-$mb.jsonl
    [ -s "$f" ] || target/release/examples/gen_corpus "$f" "$mb" seeds "$CORPUS"
    docs=$(wc -l <"$f")
    bytes=$(stat -c %s "$f")
    # a small corpus is tagged several times over (at least 100 MB in all,
    # one process per run), so that it is timed as long as a large one; CPU
    # time is the processes' own (getrusage), exec and exit included
    reps=$(( (100 + mb - 1) / mb ))
    for t in $THREADS; do
        read -r runs cpu wall rss < <(target/release/examples/per_process "$reps" "$f" -- \
            "$B" tag --quiet --threads "$t" --dct 2016-07-15 -)
        awk -v mb="$mb" -v t="$t" -v b="$(( bytes * runs ))" -v d="$(( docs * runs ))" -v w="$wall" -v c="$cpu" -v r="$rss" 'BEGIN {
            printf "tag   %5s MB  --threads %s: %7.1f MB/s  %8.0f docs/s  %6.1f MB/s per core  peak RSS %6.1f MB  (%.2f s wall, %.2f s CPU)\n",
                mb, t, b / 1e6 / w, d / w, b / 1e6 / c, r / 1024, w, c }'
    done
done

if [ -d "$CORPUS" ]; then
    out=target/bench/build-out
    /usr/bin/time -o "$T" -f "%e %U %S %M" "$B" build --quiet "$CORPUS" -o "$out" 2>target/bench/build.log || true
    read -r wall user sys rss < <(tail -n 1 "$T")
    docs=$(find "$CORPUS" -path '*InputDocs*' -name '*.txt' | wc -l)
    bytes=$(find "$CORPUS" -path '*InputDocs*' -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
    awk -v b="$bytes" -v d="$docs" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        if (w < 0.01) w = 0.01;
        printf "build %s articles (%.1f MB): %.2f s wall, %.2f s CPU, %.0f docs/s, %.1f MB/s, peak RSS %.1f MB\n",
            d, b / 1e6, w, u + s, d / w, b / 1e6 / w, r / 1024 }'
fi
