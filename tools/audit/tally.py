#!/usr/bin/env python3
"""Shares of the labels in the audit samples here (see sample.py)."""
import collections, csv, glob, os
here = os.path.dirname(os.path.abspath(__file__))
for p in sorted(glob.glob(os.path.join(here, "*.sample.tsv"))):
    rows = list(csv.DictReader(open(p), delimiter="\t", quoting=csv.QUOTE_NONE))
    c = collections.Counter(r["label"] for r in rows)
    f = sum(v for k, v in c.items() if k.startswith("F:"))
    kinds = ", ".join(f"{k[2:]} {v}" for k, v in c.most_common() if k.startswith("F:"))
    print(f"{os.path.basename(p).split('.')[0]:15} furniture {f}%  T+glue {c['T+glue']}%  off-topic {c['N']}%  text {c['T']}%  ({kinds})")
