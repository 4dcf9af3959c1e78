#!/usr/bin/env bash
# A few seconds of each fuzz target, for CI: catches a target that no longer
# builds and any crash the seed inputs or a short run find. The long runs are
# the README's commands. Stable Rust is enough: RUSTC_BOOTSTRAP=1 lets cargo-fuzz
# pass its -Z flags (AddressSanitizer), and libFuzzer is compiled with g++.
#
# Usage: fuzz/smoke.sh [SECONDS_PER_TARGET]   (default 5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds="${1:-5}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    if ! cargo install --locked --quiet cargo-fuzz; then
        # Not the project's fault: no registry, no compiler. Say so and go on.
        echo "fuzz: cargo-fuzz could not be installed; skipping the fuzz smoke run" >&2
        exit 0
    fi
fi

export RUSTC_BOOTSTRAP=1
echo "fuzz: cargo fuzz build -O"
cargo fuzz build -O

# -detect_leaks=0: LeakSanitizer reports the 32 bytes glibc keeps for a worker
# thread's thread-local destructors (__cxa_thread_atexit_impl) as a leak; a leak
# is not what these targets look for (panics, aborts, timeouts, memory blow-ups).

# Seed inputs from the repository, in a scratch corpus under target/.
corpus=target/smoke-corpus
rm -rf "$corpus"
mkdir -p "$corpus"/{tagger,manifest,jsonl,timeml,folder,page,html,warc}
for f in ../seeds/*.txt ../tests/fixtures/tag/*.txt; do
    # 8 bytes of DCT choice (2016-07-15-ish), then the text.
    { printf '\007\340\007\304\000\011\036\001'; head -c 3000 "$f"; } >"$corpus/tagger/$(basename "$f")"
done
cp ../seeds/manifest.csv "$corpus/manifest/"
cp ../tests/fixtures/tag/*.jsonl ../tests/fixtures/bad/*.jsonl "$corpus/jsonl/"
find ../tests/fixtures -name '*.tml' -exec cp {} "$corpus/timeml/" \;
# folder: pieces cut at NUL, each led by its kind (0 manifest, 1 dated .txt,
# 2 .tml, 3 .jsonl, 5 .txt); page: id, text, source, url per article.
seeds=(../seeds/*.txt)
{ printf '0'; cat ../seeds/manifest.csv; printf '\0001'; head -c 3000 "${seeds[0]}";
  printf '\0005'; head -c 3000 "${seeds[1]}"; printf '\0003'; cat ../tests/fixtures/tag/wires.jsonl;
  printf '\0002'; cat ../tests/fixtures/tag/report.tml; } >"$corpus/folder/seeds"
for f in "${seeds[@]}"; do
    { printf '\0375'; head -c 2000 "$f"; } >"$corpus/folder/$(basename "$f")"
done
{ printf '\377'; for f in "${seeds[@]}"; do
    printf '%s\0' "$(basename "$f")"; head -c 2000 "$f"; printf '\0Reuters\0https://example.com/a\0'; done; } >"$corpus/page/seeds"

cp ../tests/fixtures/html/*.html "$corpus/html/"
printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nWARC-Date: 2010-07-25T10:00:00Z\r\nWARC-Record-ID: <urn:x>\r\nWARC-Target-URI: https://example.org/a\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The cap held on Friday.</p></body></html>\r\n\r\n' >"$corpus/warc/one.warc"

for target in tagger manifest jsonl timeml folder page html warc; do
    echo "fuzz: $target for ${seconds}s"
    set +e
    cargo fuzz run -O "$target" "$corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 >"$corpus/$target.log" 2>&1
    status=$?
    set -e
    grep -E '^(Done|==[0-9]+==|SUMMARY|thread .* panicked)' "$corpus/$target.log" || true
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target failed (exit $status); the input is under fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
echo "fuzz: no crash"
