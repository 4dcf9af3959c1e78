#!/usr/bin/env python3
"""Draws a seeded random sample of `chronicler check` findings per kind, for
auditing by hand (README, "Calibrating check").

    cargo build --release
    python3 tools/check_sample.py ../shared/corpora/timeline17-dev > sample.md
    python3 tools/check_sample.py ../shared/corpora/tbaq > held-out.md

A topic is a folder with InputDocs/ (Timeline17) or a folder of .tml files
(TBAQ's TimeBank/ and AQUAINT/, each checked as one collection).

Runs `check --format json` on each topic's InputDocs (with --bin, another
binary), pools the findings of all topics by kind, and prints up to --per-kind
(default 15) of each kind, drawn with random.Random(--seed) (default 16), each
with its citations' sentences, for a person to judge against the articles.
The first line of each finding is its audit key: topic, kind, number (in
the JSON's `conflicts` list for findings, in `notes` for notes).
"""

import argparse
import json
import os
import random
import subprocess
import sys
from collections import defaultdict


def input_of(corpus, topic):
    """A topic's documents: Timeline17's <topic>/InputDocs, or a folder of
    TimeML files (TBAQ's TimeBank/ and AQUAINT/), each read as one story."""
    d = os.path.join(corpus, topic)
    if os.path.isdir(os.path.join(d, "InputDocs")):
        return os.path.join(d, "InputDocs")
    if os.path.isdir(d) and any(f.endswith(".tml") for f in os.listdir(d)):
        return d
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", help="a folder of topics, each with InputDocs/")
    ap.add_argument("--bin", default="target/release/chronicler")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--per-kind", type=int, default=15)
    ap.add_argument("--kinds", default="", help="comma-separated kinds (default: all)")
    a = ap.parse_args()
    pools = defaultdict(list)
    counts = defaultdict(lambda: defaultdict(int))
    topics = sorted(t for t in os.listdir(a.corpus) if input_of(a.corpus, t))
    if not topics:
        sys.exit(f"{a.corpus}: no topic folder (with InputDocs/, or of .tml files)")
    for t in topics:
        out = subprocess.run(
            [a.bin, "check", "-q", "--format", "json", input_of(a.corpus, t)],
            capture_output=True,
            text=True,
        )
        if out.returncode not in (0, 1):
            sys.exit(f"{t}: check exited {out.returncode}: {out.stderr}")
        r = json.loads(out.stdout)
        # findings, then notes (the lower-confidence kinds), each numbered
        # in its own list as `check --format json` gives it
        for part in ("conflicts", "notes"):
            for k, f in enumerate(r.get(part, [])):
                pools[f["kind"]].append((t, k + 1, f))
                counts[t][f["kind"]] += 1
    kinds = sorted(pools)
    if a.kinds:
        kinds = [k for k in kinds if k in a.kinds.split(",")]
    print("# check findings, seed %d, up to %d per kind\n" % (a.seed, a.per_kind))
    print("| topic | " + " | ".join(sorted(pools)) + " |")
    print("|---|" + "---|" * len(pools))
    for t in topics:
        print("| %s | %s |" % (t, " | ".join(str(counts[t][k]) for k in sorted(pools))))
    rng = random.Random(a.seed)
    for kind in kinds:
        pool = pools[kind]
        sample = rng.sample(pool, min(a.per_kind, len(pool)))
        print("\n## %s: %d sampled of %d\n" % (kind, len(sample), len(pool)))
        for t, k, f in sample:
            print("### %s %s #%d\n%s\n\n%s\n" % (t, kind, k, f["title"], f["detail"]))
            for c in f["cites"][:6]:
                print(
                    "- %s line %d [%s] → %s: %s"
                    % (c["document"], c["line"], c["words"]["text"], c.get("resolved"), c["sentence"]["text"][:300])
                )
            print()


if __name__ == "__main__":
    main()
