#!/usr/bin/env python3
"""Measures `chronicler check` on real stories altered on purpose (issue 16):
copies of Timeline17 topics in a temporary folder (never the corpus, never
tests/), one alteration per copy, chosen with random.Random(--seed).

    python3 tools/check_perturb.py ../shared/corpora/timeline17-dev --bin target/quick/chronicler \
        --mode event --shift -1 --per-topic 10

--mode event: in an article drawn at random, the words dating its main event
  (its citation in the timeline row with the most other articles, a weekday
  or a month and day) are moved by --shift days ("Tuesday" -> "Monday",
  "March 12" -> "March 11"). Caught: a new cross-source conflict (or likely
  wrong article date) citing the altered words.
--mode dct: an article drawn at random (with at least --min-relative
  relative dates in the timeline) is moved to the date folder --shift days
  away, i.e. its publication date is wrong. Caught: a new likely wrong
  article date naming it; cross-source conflicts citing it are counted apart.

For each trial it prints what was altered, whether it was caught (and how
many findings cite it), and every other finding that is new against the
unaltered topic (a false alarm the alteration caused, or a finding that moved
because of it). Copies are made with hard links for unaltered files and a new
file for the altered one; the temporary folder is removed at the end.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAY = re.compile(r"\b(" + "|".join(DAYS) + r")\b")
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\.? (\d{1,2})\b")
DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b")


def check(bin_, folder):
    out = subprocess.run([bin_, "check", "-q", "--format", "json", folder],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{folder}: check exited {out.returncode}: {out.stderr}")
    r = json.loads(out.stdout)
    return r["conflicts"] + r.get("notes", [])


def key(f):
    return (f["kind"], tuple(sorted((c["document"], c["line"], c["words"]["text"]) for c in f["cites"])))


def shifted(words, shift):
    """The words with their date moved by `shift` days (the day of the month
    and the weekday both, when both are given), or None."""
    out, done = words, False
    for pat, day_first in ((MONTH_DAY, False), (DAY_MONTH, True)):
        m = pat.search(out)
        if not m:
            continue
        d, mo = (m.group(1), m.group(2)) if day_first else (m.group(2), m.group(1))
        try:
            new = dt.date(2001, MONTHS.index(mo) + 1, int(d)) + dt.timedelta(days=shift)
        except ValueError:
            return None
        rep = f"{new.day} {MONTHS[new.month - 1]}" if day_first else f"{MONTHS[new.month - 1]} {new.day}"
        out, done = out[:m.start()] + rep + out[m.end():], True
        break
    m = WEEKDAY.search(out)
    if m:
        out, done = out[:m.start()] + DAYS[(DAYS.index(m.group(1)) + shift) % 7] + out[m.end():], True
    return out if done else None


def copy_topic(src, dst):
    shutil.copytree(src, dst, copy_function=os.link)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="target/release/chronicler")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--per-topic", type=int, default=10)
    ap.add_argument("--mode", choices=["event", "dct"], default="event")
    ap.add_argument("--shift", type=int, default=-1)
    ap.add_argument("--min-relative", type=int, default=2)
    ap.add_argument("--topics", default="")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    topics = sorted(t for t in os.listdir(a.corpus) if os.path.isdir(os.path.join(a.corpus, t, "InputDocs")))
    if a.topics:
        topics = [t for t in topics if t in a.topics.split(",")]
    tmp = tempfile.mkdtemp(prefix="check_perturb_")
    totals = {"trials": 0, "caught": 0, "caught_once": 0, "as_conflict": 0, "other_new": 0, "trials_with_other": 0}
    try:
        for t in topics:
            src = os.path.join(a.corpus, t, "InputDocs")
            base = {key(f) for f in check(a.bin, src)}
            out = os.path.join(tmp, "build_" + t)
            b = subprocess.run([a.bin, "build", "-q", "-o", out, src], capture_output=True, text=True)
            if b.returncode not in (0, 1):
                sys.exit(f"{t}: build exited {b.returncode}: {b.stderr}")
            tl = json.load(open(os.path.join(out, "timeline.json")))
            # per document: its candidate citations (row sources, citation)
            cand = {}
            relative = {}
            for e in tl["events"]:
                if e["granularity"] not in ("day", "part of day", "time", "minute", "hour") and len(e["date"]) < 10:
                    continue
                docs = set(e["documents"])
                for c in e["citations"]:
                    if c["depends_on_dct"]:
                        relative[c["document"]] = relative.get(c["document"], 0) + 1
                    if c["expression"]["type"] not in ("DATE", "TIME"):
                        continue
                    if shifted(c["expression"]["text"], a.shift) is None:
                        continue
                    # a happening, not a plan: dated on or before its article's day
                    if c["expression"]["value"][:10] > c["dct"]:
                        continue
                    others = len(docs - {c["document"]})
                    if others < 1:
                        continue
                    cand.setdefault(c["document"], []).append((others, c))
            if a.mode == "event":
                pool = sorted(cand)
            else:
                pool = sorted(d for d, n in relative.items() if n >= a.min_relative)
            picks = rng.sample(pool, min(a.per_topic, len(pool)))
            print(f"\n## {t}: {len(picks)} trials of {len(pool)} eligible articles\n")
            for doc in picks:
                dst = os.path.join(tmp, "copy_" + t)
                shutil.rmtree(dst, ignore_errors=True)
                copy_topic(src, dst)
                path = os.path.join(dst, doc)
                text = open(path, encoding="utf-8").read()
                if a.mode == "event":
                    others, c = max(cand[doc], key=lambda oc: (oc[0], -oc[1]["expression"]["start"]))
                    x = c["expression"]
                    new = shifted(x["text"], a.shift)
                    chars = list(text)
                    assert "".join(chars[x["start"]:x["end"]]) == x["text"], (doc, x)
                    new_text = "".join(chars[:x["start"]]) + new + "".join(chars[x["end"]:])
                    os.unlink(path)
                    open(path, "w", encoding="utf-8").write(new_text)
                    span = (x["start"], x["start"] + len(new))
                    new_doc = doc
                    what = f"{doc} line {c['line']}: [{x['text']}] -> [{new}] ({x['value']}, {others} other articles in the row): {c['sentence']['text'][:160]}"
                else:
                    day = dt.date.fromisoformat(doc.split("/")[0]) + dt.timedelta(days=a.shift)
                    new_doc = f"{day.isoformat()}/perturbed-{os.path.basename(doc)}"
                    os.makedirs(os.path.join(dst, day.isoformat()), exist_ok=True)
                    os.rename(path, os.path.join(dst, new_doc))
                    span = None
                    what = f"{doc} moved to {new_doc} ({relative[doc]} relative dates)"
                found = check(a.bin, dst)

                def involves(f):
                    return any(c["document"] == new_doc and (span is None or (c["words"]["start"] < span[1] and span[0] < c["words"]["end"]))
                               for c in f["cites"]) or (span is None and new_doc in f["title"])
                want = ("cross_source", "misdated_article") if a.mode == "event" else ("misdated_article",)
                hits = [f for f in found if involves(f) and f["kind"] in want]
                side = [f for f in found if involves(f) and f["kind"] not in want]
                new = [f for f in found if key(f) not in base and not involves(f)]
                totals["trials"] += 1
                totals["caught"] += bool(hits)
                totals["caught_once"] += len(hits) == 1
                totals["as_conflict"] += a.mode == "dct" and any(f["kind"] == "cross_source" for f in side)
                totals["other_new"] += len(new)
                totals["trials_with_other"] += bool(new)
                print(f"- {what}\n  caught: {len(hits)} finding(s) {[f['kind'] for f in hits]}; "
                      f"also citing it: {[f['kind'] for f in side]}; other new: {len(new)}")
                for f in hits + side + new:
                    print(f"    [{f['kind']}] {f['title'][:240]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n" + json.dumps(totals))


if __name__ == "__main__":
    main()
