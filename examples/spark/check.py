#!/usr/bin/env python3
"""Runs the Spark example against one process and says whether they agree.

    check.py BINARY SEEDS_DIR WORKDIR [--master local[2]] [--docs N]

Run by tests/spark.rs (after `. examples/spark/setup.sh`). Makes a corpus
with malformed lines, tags it with one process (`BINARY tag --errors records
-`), then on Spark three ways, and checks:
1. the example job (chronicler_spark.py): document records identical to one
   process; one error record per malformed line, with its id and its byte
   offset in the input file;
2. plain RDD.pipe with checkCode=True and without: the same lines as one
   process, error records in place — nothing lost either way;
3. --strict: the job fails, never succeeds with output missing;
4. the build job (extract on the executors, statements sorted by day, merge):
   the six timeline files byte for byte those of one process's build, with
   and without --top;
and that every output line validates against schema/tag-output.schema.json.
Prints one line per check and exits 1 if any failed.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import chronicler_spark  # noqa: E402
from pyspark import SparkFiles  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("seeds")
ap.add_argument("work")
ap.add_argument("--master", default="local[2]")
ap.add_argument("--docs", type=int, default=1500)
a = ap.parse_args()
shutil.rmtree(a.work, ignore_errors=True)
os.makedirs(a.work)
W = lambda *p: os.path.join(a.work, *p)  # noqa: E731
started = time.time()

subprocess.run(
    [sys.executable, os.path.join(here, "make_corpus.py"), a.seeds, W("corpus.jsonl"), "--docs", str(a.docs)],
    check=True,
)
with open(W("corpus.jsonl"), "rb") as i:
    single = subprocess.run(
        [a.binary, "tag", "--quiet", "--threads", "1", "--errors", "records", "-"],
        stdin=i,
        capture_output=True,
    )
assert single.returncode == 0, single.stderr.decode()
single_lines = single.stdout.decode().splitlines()
single_docs = [l for l in single_lines if '"error":{' not in l]
single_errs = [json.loads(l) for l in single_lines if '"error":{' in l]

# where each malformed line starts in the file, and its id as a lenient reader sees it
bad = []
offset = 0
with open(W("corpus.jsonl"), "rb") as f:
    for line in f:
        try:
            d = json.loads(line)
            ok = isinstance(d, dict) and isinstance(d.get("text"), str) and "dct" in d and d["dct"][:2] in ("20", "19")
            ok = ok and isinstance(d.get("id"), (str, int)) and b"\x00" not in line
        except ValueError:
            ok = False
        if not ok:
            bad.append(offset)
        offset += len(line)

schema = json.load(open(os.path.join(here, "schema", "tag-output.schema.json")))
validator = jsonschema.Draft202012Validator(schema)

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    print(f"{'ok  ' if cond else 'FAIL'} {name}" + (f": {detail}" if detail and not cond else ""))
    passed += bool(cond)
    failed += not cond


def read_parts(d):
    out = []
    for p in sorted(x for x in os.listdir(d) if x.startswith("part-")):
        with open(os.path.join(d, p), encoding="utf-8") as f:
            out += f.read().splitlines()
    return out


check(
    "one process: one error record per malformed line, at its offset",
    sorted(e["error"]["offset"] for e in single_errs) == bad,
    f"{len(single_errs)} records for {len(bad)} bad lines",
)
invalid = [l for l in single_lines if not validator.is_valid(json.loads(l))]
check("every output line validates against tag-output.schema.json", not invalid, invalid[:1])

spark = chronicler_spark.session(a.master, app="chronicler-check")
sc = spark.sparkContext

# 1. the example job
chronicler_spark.run_tag(sc, a.binary, W("corpus.jsonl"), W("job"), partitions=4, threads=1)
docs = read_parts(W("job", "tagged"))
check("job: document records identical to one process", docs == single_docs, f"{len(docs)} vs {len(single_docs)}")
errs = [json.loads(l) for l in read_parts(W("job", "errors"))]
check(
    "job: every malformed line reported once, with its file offset",
    sorted(e["error"]["file_offset"] for e in errs) == bad,
    f"{len(errs)} error records for {len(bad)} bad lines",
)
by_offset = {e["error"]["offset"]: e["id"] for e in single_errs}
check(
    "job: error records carry the same ids as one process",
    all(by_offset.get(e["error"]["file_offset"], "?") == e["id"] for e in errs),
)

# 2. plain RDD.pipe, with and without checkCode: nothing lost either way
name = os.path.basename(a.binary)
sc.addFile(os.path.abspath(a.binary))
command = " ".join(
    shlex.quote(x)
    # on local[N] the path SparkFiles gives the driver is the executors' too;
    # on a cluster use "./chronicler" (the task's working folder) instead
    for x in [SparkFiles.get(name), "tag", "--quiet", "--threads", "1", "--errors", "records", "-"]
)
lines = sc.textFile("file://" + W("corpus.jsonl"), minPartitions=4)


def placed(lines):
    """Records as they stand in order; an error record's offset and line count
    from its partition's start in a plain pipe, so they are left out."""
    out = []
    for l in lines:
        r = json.loads(l)
        if "error" in r:
            r = (r["id"], r["error"]["kind"], r["error"]["reason"])
        out.append(r)
    return out


for check_code in (True, False):
    got = lines.pipe(command, checkCode=check_code).collect()
    check(
        f"RDD.pipe(checkCode={check_code}): every record and every error in place, as one process",
        placed(got) == placed(single_lines),
        f"{len(got)} vs {len(single_lines)}",
    )

# 3. --strict fails the job rather than succeeding with output missing
try:
    chronicler_spark.run_tag(sc, a.binary, W("corpus.jsonl"), W("strict"), partitions=4, threads=1, strict=True)
    check("--strict: the job fails at a bad line", False, "the job succeeded")
except Exception as e:  # py4j wraps the task's TaskFailed
    check("--strict: the job fails at a bad line", "exited with status 2" in str(e), str(e)[-300:])

# 4. build as map and reduce: extract on the executors, statements sorted
# by day, merge; the timeline files are byte for byte one process's build.
# A corpus of its own: each seed four times (in the big one every sentence
# is in a fifth of the articles, so build drops it all as site furniture)
subprocess.run(
    [sys.executable, os.path.join(here, "make_corpus.py"), a.seeds, W("story.jsonl"), "--docs", "20", "--bad-every", "7"],
    check=True,
)
TIMELINE_FILES = ["timeline.csv", "timeline.json", "timeline.xlsx", "timelinejs.csv", "timelinejs.json", "vis-timeline.json"]
for top in (None, 5):
    extra = ["--top", str(top)] if top else []
    label = f" --top {top}" if top else ""
    one_dir, job_dir = W(f"build-one{top or ''}"), W(f"build-job{top or ''}")
    one = subprocess.run(
        [a.binary, "build", "--quiet", "--threads", "1"] + extra + [W("story.jsonl"), "-o", one_dir],
        capture_output=True,
    )
    rows = len(json.load(open(os.path.join(one_dir, "timeline.json")))["events"]) if one.returncode == 1 else 0
    check(f"one process: build{label} writes rows (exit 1: bad lines skipped)", rows > 0, one.stderr.decode()[-300:])
    chronicler_spark.run_build(sc, a.binary, W("story.jsonl"), job_dir, partitions=4, threads=1, top=top)
    differ = []
    for f in TIMELINE_FILES:
        with open(os.path.join(one_dir, f), "rb") as x, open(os.path.join(job_dir, "timeline", f), "rb") as y:
            if x.read() != y.read():
                differ.append(f)
    check(f"build job{label}: all six timeline files byte for byte as one process ({rows} rows)", not differ, str(differ))
statement_parts = read_parts(W("build-job", "statements"))
keys = [l[8 : l.index('"', 8)] for l in statement_parts]
check(
    "build job: statements saved sorted by day, article records first",
    keys == sorted(keys) and keys[0] == "" and any(k[:4].isdigit() for k in keys),
    f"{len(keys)} statement lines",
)

spark.stop()
print(f"spark check: {time.time() - started:.1f}s")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
