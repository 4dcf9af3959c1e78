#!/usr/bin/env python3
"""The furniture audit of issue #14: 100 rows per timeline17-dev topic, labelled by hand.

Sampling (as the baseline audit of the research for #14): all data rows of a build's
timeline.csv in file order, random.Random(14).sample(rows, 100), sorted by row id. Each row is
judged from its first citation's sentence in its document:
  T        article text (a real statement; whether its date is right is not judged here)
  T+glue   article text, but page furniture shows in its headline (a caption, a teaser, a stamp)
  F:<kind> the row exists only because of page furniture (comments, caption, stamp, related,
           factbox, promo, nav, credit, live)
  N        not furniture but an off-topic page or segment (radio listings, quiz, news roundups)

Usage: sample.py BUILD_PREFIX   (BUILD_PREFIX-<topic>/timeline.csv, e.g. /tmp/after)
writes <topic>.sample.tsv here with an empty label column; the labelled files here are the
audit of the build at the end of issue #14's branch.
"""
import csv, os, random, sys

SEED = 14
TOPICS = ["H1N1_guardian", "LibyaWar_cnn", "MJ_bbc", "bpoil_bbc"]
here = os.path.dirname(os.path.abspath(__file__))
for t in TOPICS:
    rows = list(csv.DictReader(open(f"{sys.argv[1]}-{t}/timeline.csv")))
    pick = sorted(random.Random(SEED).sample(rows, min(100, len(rows))), key=lambda r: r["id"])
    with open(os.path.join(here, f"{t}.sample.tsv"), "w") as out:
        out.write("id\tdisplay_date\tsources\tdoc\theadline\tsentence\tlabel\n")
        for r in pick:
            d = r["citation_documents"].split(" | ")[0]
            s = r["sentences"].replace("\t", " ").replace("\n", " ")
            if len(r["citation_documents"].split(" | ")) > 1:
                a, b = map(int, r["sentence_offsets"].split(" | ")[0].split("-"))
                s = s[: b - a]
            out.write(f"{r['id']}\t{r['display_date']}\t{r['sources']}\t{d}\t{r['headline'][:200]}\t{s[:300]}\t\n")
    print(t, len(rows), "rows -> 100")
