#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time -v) and wall time of `build`, of
# `extract`, of `merge` and of `merge --top 15` on timeline17-dev replicated
# 1×, 10×, … (by benches/replicate.py: new ids, dates moved so each copy's
# days are its own), and whether build and extract | sort | merge write the
# same bytes (with and without --top 15).
# Prints numbers; asserts nothing but the identity.
#
#   benches/map_reduce_memory.sh            # 1 and 10 copies
#   benches/map_reduce_memory.sh 1 10 100
#   B=target/quick/chronicler CORPUS=/work/shared/corpora/timeline17-dev benches/map_reduce_memory.sh 1
#   BUILD_UP_TO=30 benches/map_reduce_memory.sh 1 10 30 100   # no build (nor comparison) above 30 copies
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CORPUS=${CORPUS:-../shared/corpora/timeline17-dev}
THREADS=${THREADS:-2}
BUILD_UP_TO=${BUILD_UP_TO:-1000000}
if [ -z "${B:-}" ]; then
    cargo build --release --quiet --bin chronicler
    B=target/release/chronicler
fi
dir=target/bench/map-reduce-memory
mkdir -p "$dir"
T=$dir/time.txt
measure() { # label, command…
    local label=$1
    shift
    /usr/bin/time -v -o "$T" "$@" || true
    local rss wall
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$T")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$T")
    printf '%-8s %-7s peak RSS %8.1f MB  wall %s\n' "$copies×" "$label" "$(echo "$rss / 1024" | bc -l)" "$wall"
}
for copies in ${@:-1 10}; do
    f=$dir/r$copies.jsonl
    [ -s "$f" ] || python3 benches/replicate.py "$CORPUS" "$copies" "$f"
    s=$dir/r$copies.statements.jsonl
    if [ "$copies" -le "$BUILD_UP_TO" ]; then
        measure build "$B" build --quiet --threads "$THREADS" "$f" -o "$dir/r$copies.build" 2>/dev/null
        "$B" build --quiet --threads "$THREADS" --top 15 "$f" -o "$dir/r$copies.build-top" 2>/dev/null || true
    fi
    measure extract "$B" extract --quiet --threads "$THREADS" "$f" -o "$s.unsorted" 2>/dev/null
    LC_ALL=C sort -S 25% -T "$dir" -o "$s" "$s.unsorted" && rm "$s.unsorted"
    measure merge "$B" merge --quiet --threads "$THREADS" "$s" -o "$dir/r$copies.merge" 2>/dev/null
    measure top15 "$B" merge --quiet --threads "$THREADS" --top 15 "$s" -o "$dir/r$copies.merge-top" 2>/dev/null
    echo "$copies×: $(wc -l <"$f") articles, $(du -m "$f" | cut -f1) MB of JSON lines; $(wc -l <"$s") statement lines, $(du -m "$s" | cut -f1) MB"
    if [ "$copies" -gt "$BUILD_UP_TO" ]; then
        echo "$copies×: build not run (BUILD_UP_TO=$BUILD_UP_TO)"
    else
        for x in "" -top; do
            if diff -r "$dir/r$copies.build$x" "$dir/r$copies.merge$x" >/dev/null; then
                echo "$copies×: build and extract | sort | merge${x:+ (--top 15)}: identical"
            else
                echo "$copies×: build and extract | sort | merge${x:+ (--top 15)}: DIFFERENT"
            fi
        done
    fi
done
