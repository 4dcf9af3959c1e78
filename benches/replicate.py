#!/usr/bin/env python3
"""Replicates a Timeline17-style corpus N times as one JSON-lines file, for
measuring `build`, `extract` and `merge` at scale (benches/map_reduce_memory.sh).

    benches/replicate.py CORPUS N OUT.jsonl

CORPUS holds topics, each with InputDocs/YYYY-MM-DD/<file>. Copy k (0..N-1)
of every article gets the id "r<k>/<topic>/<date>/<file>" and its date
(from its folder) moved k × 364 days later (52 weeks: "Thursday" stays a
Thursday), and every year 1900–2099 written in its text moved k years, so
each copy's statements fall on days of their own — as a newsroom archive's
stories do — rather than piling onto the same days. Copy 0 is the corpus
itself. Articles come in a fixed order: copy, topic, date, file name.
"""
import datetime
import json
import os
import re
import sys

YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def articles(corpus):
    for topic in sorted(os.listdir(corpus)):
        docs = os.path.join(corpus, topic, "InputDocs")
        if not os.path.isdir(docs):
            continue
        for day in sorted(os.listdir(docs)):
            folder = os.path.join(docs, day)
            try:
                date = datetime.date.fromisoformat(day)
            except ValueError:
                continue
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if text.strip():
                    yield topic, date, name, text


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    corpus, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    source = list(articles(corpus))
    with open(out, "w", encoding="utf-8") as f:
        for k in range(n):
            for topic, date, name, text in source:
                day = date + datetime.timedelta(days=364 * k)
                if k:
                    text = YEAR.sub(lambda m: str(int(m.group(1)) + k), text)
                record = {"id": f"r{k}/{topic}/{day}/{name}", "text": text, "dct": day.isoformat()}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{out}: {n} x {len(source)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
