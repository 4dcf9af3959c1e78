#!/usr/bin/env python3
# From the research for issue #14 (headlines/holes.py), unchanged in what it counts.
"""Find headline holes in Chronicler timeline.csv files: the words on either side of the
removed date expression end up adjacent in the headline.  Classifies each join.
Usage: holes.py [--show CLASS] timeline.csv [...]"""
import csv, re, sys, collections

CUT_PREP = {"on", "in", "at", "during"}          # events.rs drops these with the expression
PREPS = {"of", "from", "by", "since", "until", "till", "between", "over", "for", "after", "before", "to", "than",
         "through", "throughout", "circa", "c.", "around", "about", "within", "into", "like", "as", "past", "per",
         "beyond", "towards", "toward", "including", "under", "b", "d.", "b.", "born", "died", "early", "late",
         "mid", "by", "around", "ending", "starting", "dated", "from", "vs", "versus"}
DETS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "every", "each",
        "last", "next", "both", "whose", "'s"}
SUBJ_L = {"said", "says", "say", "announced", "reported", "told", "added", "stated", "believed", "expects", "expected",
          "that", "and", "but", "because", "while", "when", "since", "until", "if", "as", "so", "^", ",", "(", '"', ":", "--"}
VERBS = {"was", "is", "were", "are", "will", "would", "could", "should", "has", "had", "have", "marks", "marked",
         "saw", "brought", "began", "begins", "became", "becomes", "'s", "must", "might", "may", "can", "remains",
         "remained", "seemed", "seems", "proved", "turned", "ended", "ends", "started", "did", "does"}
COORD = {"and", "or", "to", "-", "--", "through", "until", "till", "nor", "&"}
DATE_START = re.compile(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|\d+|mid|early|late|last|next|this|the)$")
ZONE = {"gmt", "bst", "et", "edt", "est", "cdt", "utc", "local", "hkt", "pdt", "pst", "cet", "cest"}

def words(s):
    s = s.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    return [w.lower() for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.]*|-+|[,;:()\"?!]", s)]

def classify(L, R, R2):
    if L == "(" and (R == ")" or R in ZONE):
        return "paren_or_zone_left"          # "1100 GMT (BST)", "()"
    if R in ZONE:
        return "paren_or_zone_left"
    if R in COORD and DATE_START.match(R2 or ""):
        return "coordinated_date"            # "by or Friday", "between and Friday", "both the and 1968"
    if R.startswith("-") and len(R) > 1 or (R == "-" and (R2 or "").isdigit()):
        return "number_fragment"             # "the -19 pandemic"
    if L in PREPS:
        return "stranded_preposition" if (R in {",", ".", ")", ":", ";", "and", "or", "that", "when", "which", "who", "where", "to", "as", "$", '"'} or R in VERBS or R in PREPS or R in CUT_PREP) else "prep_object_lost"
    if L in DETS:
        return "determiner_hole" if (R in COORD or R in {",", ".", ")", "of", "'s", "$"} or R in VERBS or R in PREPS) else "modifier_lost"
    if L in SUBJ_L and R in VERBS:
        return "subject_removed"             # "Officials said was the first day"
    return "ok"

def best_source(r):
    hw = words(r["headline"]); hs = set(hw)
    best = None
    for s, e, o in zip(r["sentences"].split(" | "), r["expression_offsets"].split(" | "), r["sentence_offsets"].split(" | ")):
        try:
            es, ee = map(int, e.split("-")); ss = int(o.split("-")[0])
        except ValueError:
            continue
        es -= ss; ee -= ss
        if not (0 <= es <= ee <= len(s)):
            continue
        score = len(hs & set(words(s)))
        if best is None or score > best[0]:
            best = (score, s, es, ee)
    return best

def main():
    args = sys.argv[1:]; show = None
    if args and args[0] == "--show":
        show = args[1]; args = args[2:]
    per = collections.Counter(); per_topic = collections.Counter(); ex = collections.defaultdict(list); totals = collections.Counter()
    for path in args:
        topic = path.split("/")[-2]
        for r in csv.DictReader(open(path)):
            totals[topic] += 1
            b = best_source(r)
            if not b:
                continue
            _, s, es, ee = b
            left = words(s[:es]); right = words(s[ee:])
            if left and left[-1] in CUT_PREP:
                left = left[:-1]
            L = left[-1] if left else "^"; R = right[0] if right else "$"; R2 = right[1] if len(right) > 1 else None
            hw = words(r["headline"])
            joined = (L, R) in set(zip(hw, hw[1:])) and (L, R) not in set(zip(words(s), words(s)[1:]))
            if not joined:
                continue
            c = classify(L, R, R2)
            per[c] += 1; per_topic[(topic, c)] += 1
            ex[c].append((topic, r["id"], L, R, r["headline"], s[max(0, es - 70):ee + 50].replace("\n", " "), s[es:ee]))
    print("rows per topic:", dict(totals))
    classes = sorted(per, key=lambda c: -per[c])
    topics = sorted(totals)
    print(f"{'class':24}" + "".join(f"{t[:14]:>16}" for t in topics) + f"{'all':>8}")
    for c in classes:
        print(f"{c:24}" + "".join(f"{per_topic[(t, c)]:>16}" for t in topics) + f"{per[c]:>8}")
    for c in classes if show is None else [show]:
        print(f"\n## {c}")
        for t, i, L, R, h, ctx, e in (ex[c][:8] if show is None else ex[c]):
            print(f"  {t} {i} [{L} _ {R}] expr={e!r}\n     H: {h[:160]}\n     S: …{ctx}…")
main()
