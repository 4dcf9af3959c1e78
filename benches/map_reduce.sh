#!/usr/bin/env bash
# `build` as map and reduce: for each topic of a corpus (default
# ../shared/corpora/timeline17-dev), `extract | LC_ALL=C sort | merge` must
# write byte for byte what `build` writes, with the default options and with
# --top 10. Prints one line per topic and run; exits 1 on any difference.
#
#   benches/map_reduce.sh                     # every topic of timeline17-dev
#   CORPUS=path/to/topics benches/map_reduce.sh
#   B=target/quick/chronicler benches/map_reduce.sh   # a binary built already
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CORPUS=${CORPUS:-../shared/corpora/timeline17-dev}
if [ -z "${B:-}" ]; then
    cargo build --release --quiet --bin chronicler
    B=target/release/chronicler
fi
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS (set CORPUS=…)" >&2; exit 2; }
out=target/bench/map-reduce
rm -rf "$out"
mkdir -p "$out"
status=0
for topic in "$CORPUS"/*/; do
    name=$(basename "$topic")
    [ -d "$topic/InputDocs" ] && topic=$topic/InputDocs
    "$B" extract --quiet "$topic" 2>/dev/null | LC_ALL=C sort >"$out/$name.statements.jsonl"
    for opts in "" "--top 10"; do
        tag=${opts// /}
        "$B" build --quiet $opts "$topic" -o "$out/$name$tag.build" 2>/dev/null || true
        "$B" merge --quiet $opts "$out/$name.statements.jsonl" -o "$out/$name$tag.merge" 2>/dev/null
        if diff -r "$out/$name$tag.build" "$out/$name$tag.merge" >/dev/null; then
            echo "$name ${opts:-(default)}: identical ($(ls "$out/$name$tag.build" | wc -l) files, $(wc -l <"$out/$name.statements.jsonl") statement lines)"
        else
            echo "$name ${opts:-(default)}: DIFFERENT"
            diff -rq "$out/$name$tag.build" "$out/$name$tag.merge" || true
            status=1
        fi
    done
done
exit $status
