#!/usr/bin/env python3
"""A JSON-lines corpus for Chronicler's cluster examples, made from seeds/.

    make_corpus.py SEEDS_DIR OUT.jsonl [--docs N] [--bad-every K] [--seed S]

Each good line is {"id", "text", "dct"}: a seed article with its paragraphs
rotated (so texts differ), a new id (every tenth one an integer) and its
publication date shifted by whole days. After every K-th good line comes one
malformed line of a rotating kind. Deterministic for a given seed; written
as bytes, so the NUL case is a real byte on disk.
"""
import argparse
import csv
import datetime
import json
import os
import random

BAD = [
    ("malformed_json", lambda i: b'{"id": "bad-%d", "text": "Friday' % i),
    ("not_an_object", lambda i: b'["bad-%d", "On Friday"]' % i),
    ("missing_field", lambda i: b'{"id": "bad-%d", "dct": "2016-07-15"}' % i),
    ("bad_dct", lambda i: b'{"id": "bad-%d", "text": "On Friday.", "dct": "July"}' % i),
    ("wrong_type", lambda i: b'{"id": %d.5, "text": "On Friday the talks began."}' % i),
    ("nul_byte", lambda i: b'{"id": %d, "text": "a\x00b on Friday", "dct": "2016-07-15"}' % (800000 + i)),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("seeds")
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--bad-every", type=int, default=97, help="0: no malformed lines")
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    seeds = []
    with open(os.path.join(a.seeds, "manifest.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            with open(os.path.join(a.seeds, row["file"]), encoding="utf-8") as t:
                paras = [p for p in t.read().split("\n\n") if p.strip()]
            seeds.append((row["file"], paras, datetime.date.fromisoformat(row["published"])))
    good = bad = 0
    with open(a.out, "wb") as out:
        for i in range(a.docs):
            name, paras, published = seeds[i % len(seeds)]
            r = rng.randrange(len(paras))
            text = "\n\n".join(paras[r:] + paras[:r])
            dct = published + datetime.timedelta(days=rng.randrange(-400, 400))
            ident = 100000 + i if i % 10 == 0 else f"{i:05d}-{name[:3]}"
            doc = {"id": ident, "text": text, "dct": dct.isoformat()}
            out.write(json.dumps(doc, ensure_ascii=False).encode("utf-8") + b"\n")
            good += 1
            if a.bad_every and i % a.bad_every == a.bad_every - 1:
                out.write(BAD[bad % len(BAD)][1](i) + b"\n")
                bad += 1
    print(f"{a.out}: {good} documents, {bad} malformed lines, {os.path.getsize(a.out)} bytes")


if __name__ == "__main__":
    main()
