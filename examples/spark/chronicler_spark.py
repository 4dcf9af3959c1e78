#!/usr/bin/env python3
"""Chronicler on Spark: `tag` as a map step that loses nothing.

    chronicler_spark.py tag --binary PATH --input CORPUS.jsonl --out DIR
                            [--master local[2]] [--partitions N] [--threads N] [--strict]
    chronicler_spark.py build --binary PATH --input CORPUS.jsonl --out DIR
                            [--master local[2]] [--partitions N] [--threads N] [--top N]

`build` is `chronicler build` as map and reduce: each partition is piped
through `chronicler extract -` on an executor (its dated statements, as JSON
lines keyed by day); the statements are shuffled and sorted by that key
(`sortByKey`: each output partition holds whole days, in order) and saved
under DIR/statements; then `chronicler merge` reads them and writes the
timeline files under DIR/timeline — the same bytes as `chronicler build` of
the whole corpus in one process. Merge runs once, on the driver: grouping
statements into happenings and ranking days need the whole story (README,
"Beyond one machine"). On a cluster, fetch DIR/statements to the driver
first (`hdfs dfs -getmerge`).

Each partition of the input (JSON lines {"id", "text", "dct"}) is piped
through `chronicler tag --errors records -`, which answers every non-blank
line with one line: the document's record, or an error record in its place.
Writes DIR/tagged/part-* (document records, in input order) and
DIR/errors/part-* (error records, each with the line's id, its byte offset in
the input file and the reason).

What makes it safe on any master:
- the binary travels with `sc.addFile` and is found with `SparkFiles.get`
  *inside the task* (on `local[N]` the files sit in the driver's temp folder,
  on a cluster in each executor's work folder);
- the exit status is checked: only a real failure of the process (I/O, a
  crash, `--strict`) is non-zero, and it fails the task, which Spark retries;
- a count check: non-blank lines in must equal records out, or the task
  fails — so a partition can never come back short while the job succeeds;
- the binary gets an environment (PySpark's own `RDD.pipe` gives it none).

`--threads` defaults to `spark.task.cpus`: one tagging thread per core a task
holds. The README ("Beyond one machine") explains the contract.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession

TEXT_INPUT = (
    "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
    "org.apache.hadoop.io.LongWritable",
    "org.apache.hadoop.io.Text",
)


class TaskFailed(RuntimeError):
    """A partition that cannot be trusted: Spark retries the task."""


def tag_partition(name, args):
    """mapPartitionsWithIndex: (byte offset in the file, line) pairs in;
    ("ok", record) and ("error", record) out, in input order."""

    def run(index, pairs):
        exe = SparkFiles.get(name)  # resolved here, in the executor
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
        proc = subprocess.Popen(
            [exe] + args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        file_offset = {}  # stream offset of a line -> its offset in the input file
        expected = [0]  # non-blank lines fed
        failures, stderr = [], []

        def feed():
            pos = 0
            try:
                for offset, line in pairs:
                    raw = line.encode("utf-8") + b"\n"
                    file_offset[pos] = offset
                    pos += len(raw)
                    if line.strip():
                        expected[0] += 1
                    proc.stdin.write(raw)
            except BrokenPipeError:
                pass  # the process stopped reading: its exit status says why
            except BaseException as e:  # an upstream failure fails the task
                failures.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        def drain():
            for line in proc.stderr:
                stderr.append(line.decode("utf-8", "replace").rstrip("\n"))

        workers = [threading.Thread(target=feed), threading.Thread(target=drain)]
        for w in workers:
            w.start()
        produced = 0
        for out in proc.stdout:
            produced += 1
            record = out.rstrip(b"\n").decode("utf-8")
            if record.startswith('{"id":') and '"error":{' in record:
                err = json.loads(record)
                e = err["error"]
                e["partition"] = index
                e["file_offset"] = file_offset.get(e["offset"])
                yield ("error", json.dumps(err, ensure_ascii=False))
            else:
                yield ("ok", record)
        status = proc.wait()
        for w in workers:
            w.join()
        if failures:
            raise failures[0]
        tail = " | ".join(stderr[-5:])
        if status != 0:
            raise TaskFailed(f"partition {index}: chronicler exited with status {status}: {tail}")
        if produced != expected[0]:
            raise TaskFailed(
                f"partition {index}: {expected[0]} non-blank lines in, {produced} records out: {tail}"
            )

    return run


def run_tag(sc, binary, input_path, out_dir, partitions=4, threads=None, strict=False):
    """Tags `input_path` into `out_dir`/tagged and `out_dir`/errors."""
    binary = os.path.abspath(binary)
    name = os.path.basename(binary)
    sc.addFile(binary)
    # the task function lives in this module: the executors import it from here
    sc.addPyFile(os.path.abspath(__file__))
    threads = threads or int(sc.getConf().get("spark.task.cpus", "1"))
    args = ["tag", "--quiet", "--threads", str(threads), "--errors", "records", "-"]
    if strict:
        args.insert(-1, "--strict")
    path = input_path if "://" in input_path else "file://" + os.path.abspath(input_path)
    conf = {}
    if path.startswith("file://"):
        # split by size, as textFile(minPartitions=…) does
        size = os.path.getsize(path[len("file://"):])
        conf["mapreduce.input.fileinputformat.split.maxsize"] = str(max(1, -(-size // partitions)))
    # TextInputFormat's key is the line's byte offset in its file
    pairs = sc.newAPIHadoopFile(path, *TEXT_INPUT, conf=conf)
    out = pairs.mapPartitionsWithIndex(tag_partition(name, args)).persist(StorageLevel.DISK_ONLY)
    url = lambda sub: "file://" + os.path.abspath(os.path.join(out_dir, sub))
    out.filter(lambda kv: kv[0] == "ok").values().saveAsTextFile(url("tagged"))
    out.filter(lambda kv: kv[0] == "error").values().coalesce(1).saveAsTextFile(url("errors"))
    out.unpersist()


# extract numbers the articles of its input from 0; an article's number in
# the whole job is its partition's index times this, plus that number, so
# the numbers grow with the input order, as merge needs.
PARTITION_STRIDE = 1 << 32


def extract_partition(name, args):
    """mapPartitionsWithIndex: (byte offset, line) pairs in; (key, record)
    out, article numbers made unique across partitions."""

    def run(index, pairs):
        exe = SparkFiles.get(name)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
        first = index * PARTITION_STRIDE
        proc = subprocess.Popen(
            [exe] + args[:-1] + ["--first", str(first), args[-1]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        failures, stderr = [], []

        def feed():
            try:
                for _, line in pairs:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass
            except BaseException as e:
                failures.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        def drain():
            for line in proc.stderr:
                stderr.append(line.decode("utf-8", "replace").rstrip("\n"))

        workers = [threading.Thread(target=feed), threading.Thread(target=drain)]
        for w in workers:
            w.start()
        for out in proc.stdout:
            record = out.rstrip(b"\n").decode("utf-8")
            # every record opens with its key: {"key":"2016-07-14",...
            if not record.startswith('{"key":"'):
                raise TaskFailed(f"partition {index}: expected a record of chronicler extract, found {record[:80]!r}")
            # keys hold no quote: the key is the text up to the next one
            yield (record[8 : record.index('"', 8)], record)
        status = proc.wait()
        for w in workers:
            w.join()
        if failures:
            raise failures[0]
        if status != 0:
            raise TaskFailed(f"partition {index}: chronicler extract exited with status {status}: {' | '.join(stderr[-5:])}")

    return run


def run_build(sc, binary, input_path, out_dir, partitions=4, threads=None, top=None):
    """extract on the executors, statements sorted by day, merge on the
    driver: the timeline files under `out_dir`/timeline."""
    binary = os.path.abspath(binary)
    name = os.path.basename(binary)
    sc.addFile(binary)
    sc.addPyFile(os.path.abspath(__file__))
    threads = threads or int(sc.getConf().get("spark.task.cpus", "1"))
    args = ["extract", "--quiet", "--threads", str(threads), "-"]
    path = input_path if "://" in input_path else "file://" + os.path.abspath(input_path)
    conf = {}
    if path.startswith("file://"):
        size = os.path.getsize(path[len("file://"):])
        conf["mapreduce.input.fileinputformat.split.maxsize"] = str(max(1, -(-size // partitions)))
    pairs = sc.newAPIHadoopFile(path, *TEXT_INPUT, conf=conf)
    statements = pairs.mapPartitionsWithIndex(extract_partition(name, args))
    # the shuffle by day: article records (key "") sort first, then day by day
    by_day = statements.sortByKey(numPartitions=partitions).values()
    stmt_dir = os.path.abspath(os.path.join(out_dir, "statements"))
    by_day.saveAsTextFile("file://" + stmt_dir)
    parts = sorted(os.path.join(stmt_dir, p) for p in os.listdir(stmt_dir) if p.startswith("part-"))
    command = [binary, "merge", "--quiet", "--threads", str(threads)]
    if top:
        command += ["--top", str(top)]
    command += parts + ["-o", os.path.join(out_dir, "timeline")]
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"chronicler merge exited with status {done.returncode}: {done.stderr.decode()[-500:]}")


def session(master=None, app="chronicler", partitions=4):
    b = (
        SparkSession.builder.appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
    )
    if master:
        b = b.master(master)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("tag", help="tag a JSON-lines corpus")
    t.add_argument("--binary", required=True, help="the chronicler binary to ship")
    t.add_argument("--input", required=True)
    t.add_argument("--out", required=True)
    t.add_argument("--master", default=None)
    t.add_argument("--partitions", type=int, default=4)
    t.add_argument("--threads", type=int, default=None, help="default: spark.task.cpus")
    t.add_argument("--strict", action="store_true", help="fail the job at the first bad line")
    b = sub.add_parser("build", help="build a timeline: extract on the executors, merge by day")
    b.add_argument("--binary", required=True, help="the chronicler binary to ship")
    b.add_argument("--input", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--master", default=None)
    b.add_argument("--partitions", type=int, default=4)
    b.add_argument("--threads", type=int, default=None, help="default: spark.task.cpus")
    b.add_argument("--top", type=int, default=None, help="keep the N best-supported days")
    a = ap.parse_args()
    spark = session(a.master, partitions=a.partitions)
    started = time.time()
    if a.command == "tag":
        run_tag(spark.sparkContext, a.binary, a.input, a.out, a.partitions, a.threads, a.strict)
    else:
        run_build(spark.sparkContext, a.binary, a.input, a.out, a.partitions, a.threads, a.top)
    print(f"chronicler_spark: {a.command} done in {time.time() - started:.1f}s", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
