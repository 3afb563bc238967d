#!/usr/bin/env python3
"""Isnad on PostgreSQL beside Isnad on a store file: the same commands on the same records.

    Benchmarks/postgresql.py --db 'postgresql:///bench?host=/tmp/pg' --isnad .build/release/isnad
    Benchmarks/postgresql.py --db URI --sizes 10000 --smoke     # the harness works (CI); no table kept

For each size, reads Benchmarks/work/synthetic-N.jsonl (made by run.py / generate.py; this script
never generates) and measures on both engines:

  import            isnad import into a new store (a file; a PostgreSQL store, dropped first)
  path              isnad path (--timing, in process), random pairs
  neighbors         isnad neighbors --depth 2, default output, the hub and a median actor (--timing)
  show              isnad show of the hub, a whole cold process
  export            isnad export jsonl and graphml of the whole store: wall time and peak memory
  4 writers         four isnad import of 1,000 new claims each, started at once, against one
                    such import alone

The PostgreSQL stores are named bench_N in the database the URI names (dropped and created again
by each run). Prints a Markdown table on standard output.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the same measuring, picks and formatting as the SQLite benchmarks)


def psql(uri, sql):
    # The server's notices (each object a DROP SCHEMA … CASCADE removes) are not wanted.
    environment = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
    subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", uri, "-c", sql], check=True, stdout=subprocess.DEVNULL,
                   env=environment)


def store_uri(uri, name):
    return uri + ("&" if "?" in uri else "?") + "store=" + name


def writer_files(folder, source, count=5, claims=1000):
    """Files of `claims` new claims each, citing entities and a source of the store."""
    entities, sources = [], []
    with open(source) as handle:
        for line in handle:
            if '"record":"entity"' in line and len(entities) < 200:
                entities.append(line.split('"id":"', 1)[1].split('"', 1)[0])
            elif '"record":"source"' in line and not sources:
                sources.append(line.split('"id":"', 1)[1].split('"', 1)[0])
            if len(entities) >= 200 and sources:
                break
    people = [e for e in entities if e.startswith(("per-", "org-"))]
    paths = []
    for writer in range(count):
        path = os.path.join(folder, "writer-%d.jsonl" % writer)
        with open(path, "w") as handle:
            for index in range(claims):
                known = len(people)
                offset = 1 + (index // known + writer) % (known - 1)  # never the subject itself
                subject, target = people[index % known], people[(index + offset) % known]
                handle.write('{"record":"claim","id":"w%d-%d","subject":"%s","predicate":"funded","object":"%s",'
                             '"citations":[{"source":"%s","quote":"writer %d claim %d","stance":"asserts","credibility":3}]}\n'
                             % (writer, index, subject, target, sources[0], writer, index))
        paths.append(path)
    return paths


def concurrent(commands):
    started = time.perf_counter()
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for command in commands]
    for process in processes:
        _, errors = process.communicate()
        if process.returncode != 0:
            raise RuntimeError("writer failed: %s" % errors.decode()[-1000:])
    return time.perf_counter() - started


def run_size(isnad, uri, claims, measure, smoke, data, pair_count):
    source = os.path.join(data, "synthetic-%d.jsonl" % claims)
    if not os.path.exists(source):
        sys.exit("%s is missing: Benchmarks/run.py --sizes %d makes it" % (source, claims))
    label = "%dk" % (claims // 1000) if claims < 1_000_000 else "%dM" % (claims // 1_000_000)
    name = "bench_%d" % claims
    rows = []
    work = tempfile.mkdtemp(prefix="isnad-pg-bench-")
    file_store = os.path.join(work, "bench.db")
    server_store = store_uri(uri, name)
    stores = (("file", file_store), ("PostgreSQL", server_store))

    def both(work_name, command, how="process", repeat=None, note=""):
        cells = []
        for _, store in stores:
            full = [isnad, "--db", store] + command
            sample = measure.timing(full, repeat=repeat) if how == "timing" else measure.process(full, repeat=repeat)
            cells.append(sample)
        file_sample, server_sample = cells
        memory = lambda sample: "" if sample.peak_mb is None else ", %.0f MB" % sample.peak_mb
        rows.append((label, work_name, file_sample.text() + memory(file_sample), server_sample.text() + memory(server_sample),
                     "%.1f×" % (server_sample.median / file_sample.median), note))

    try:
        run.say("%s: import" % label)
        psql(uri, "DROP SCHEMA IF EXISTS %s CASCADE" % name)
        both("import (into a new store)", ["import", source], repeat=1,
             note="" if claims < 1_000_000 else "one run")
        hub, median_actor, pairs = run.degree_picks(file_store, pairs=10 if smoke else pair_count)
        run.say("%s: path, neighbors, show" % label)
        cells = []
        for _, store in stores:
            times = [run.parse_timing(subprocess.run([isnad, "--db", store, "path", a, b, "--timing"], stdout=subprocess.DEVNULL,
                                                     stderr=subprocess.PIPE, text=True).stderr) for a, b in pairs]
            cells.append(run.Sample(times))
        rows.append((label, "path, %d random pairs (in process): median, p95" % len(pairs),
                     "%s, %s" % (run.seconds(cells[0].median), run.seconds(cells[0].percentile(0.95))),
                     "%s, %s" % (run.seconds(cells[1].median), run.seconds(cells[1].percentile(0.95))),
                     "%.1f×" % (cells[1].median / cells[0].median), ""))
        for role, (entity, degree) in (("hub", hub), ("median actor", median_actor)):
            both("neighbors --depth 2, %s (%d claims; in process)" % (role, degree),
                 ["neighbors", entity, "--depth", "2"], how="timing")
        both("show of the hub, cold process", ["show", hub[0]])
        run.say("%s: exports" % label)
        repeat = 1 if claims >= 1_000_000 else None
        both("export jsonl, whole store", ["export", "jsonl"], repeat=repeat)
        both("export graphml, whole store", ["export", "graphml"], repeat=repeat)
        run.say("%s: writers" % label)
        files = writer_files(work, source)
        cells = []
        for _, store in stores:
            alone = concurrent([[isnad, "--db", store, "import", files[0]]])
            together = concurrent([[isnad, "--db", store, "import", path] for path in files[1:]])
            cells.append((alone, together))
        rows.append((label, "4 writers at once, 1,000 new claims each (one alone)",
                     "%s (%s)" % (run.seconds(cells[0][1]), run.seconds(cells[0][0])),
                     "%s (%s)" % (run.seconds(cells[1][1]), run.seconds(cells[1][0])),
                     "%.1f×" % (cells[1][1] / cells[0][1]), "one run"))
    finally:
        run.remove_store(file_store)
        subprocess.run(["rm", "-rf", work])
        if not smoke:
            run.say("%s: the PostgreSQL store %s is kept" % (label, name))
        else:
            psql(uri, "DROP SCHEMA IF EXISTS %s CASCADE" % name)
    return rows


def main():
    parser = argparse.ArgumentParser(description="Isnad on PostgreSQL beside a store file")
    parser.add_argument("--db", required=True, help="a PostgreSQL URI naming the database to make stores in")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="one run each, fewer pairs: the harness works")
    parser.add_argument("--pairs", type=int, default=50, help="random pairs for path")
    parser.add_argument("--data", default=run.WORK, help="the folder of synthetic-N.jsonl (default Benchmarks/work)")
    parser.add_argument("--isnad", required=True, help="an isnad binary (a release build for numbers that mean anything)")
    args = parser.parse_args()
    measure = run.Measure(1 if args.smoke else args.repeat)
    isnad = os.path.abspath(args.isnad)
    print("Machine: %s. Load average at start: %s." % (run.machine(), os.getloadavg()[0]))
    print()
    print("| size | work | store file | PostgreSQL | PostgreSQL / file | |")
    print("|---|---|---|---|---|---|")
    for claims in [int(size) for size in args.sizes.split(",")]:
        for row in run_size(isnad, args.db, claims, measure, args.smoke, args.data, args.pairs):
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
