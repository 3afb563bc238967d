#!/usr/bin/env python3
"""Reliability trials for Isnad: crashes, full disks, concurrent use, hostile input.

    Tests/Reliability/trials.py [--quick] [--isnad PATH] [crash] [disk-full] [concurrency] [opening] [tampering] [fuzz] [postgresql]
    Tests/Reliability/trials.py --postgres URI --postgres-data DIR postgresql   # kills, a restart, writers on PostgreSQL

Runs the built isnad binary (default: .build/release/isnad, else .build/debug/isnad) against
real stores in a temporary folder, and prints what it tried and what was lost. Exits 1 if
anything was lost, half-written, or a user saw "database is locked". --quick is the short run
that .ci/run uses.
"""
import argparse
import csv
import glob
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GENERATE = os.path.join(ROOT, "Benchmarks", "generate.py")
failures = []


def say(text):
    print(text, flush=True)


def fail(text):
    failures.append(text)
    say("  LOST: " + text)


def isnad_binary(explicit):
    if explicit:
        return explicit
    for candidate in ("release", "debug"):
        path = os.path.join(ROOT, ".build", candidate, "isnad")
        if os.access(path, os.X_OK):
            return path
    sys.exit("no isnad binary: run 'swift build' first (or pass --isnad PATH)")


def run(isnad, store, *arguments, check=True, **options):
    result = subprocess.run([isnad, "--db", store, *arguments], capture_output=True, text=True, **options)
    if check and result.returncode != 0:
        raise RuntimeError("isnad %s failed (%d): %s" % (" ".join(arguments), result.returncode, result.stderr))
    return result


def check_defects(isnad, store):
    """What `isnad check` finds wrong with the store, empty when nothing: the generator's dates are
    random, so the finding that dates cannot all be right (a claim starting after its sources) is
    the data's, not the store's, and is passed over."""
    result = run(isnad, store, "check", "--format", "csv", check=False)
    if result.returncode == 0:
        return ""
    if result.returncode != 65:
        return "exit %d: %s" % (result.returncode, (result.stdout + result.stderr).strip()[:300])
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    defects = [row for row in rows if row and row[0] != "dates-in-conflict"]
    return "; ".join(": ".join(row) for row in defects)[:300]


def counts(store):
    """Rows per table, read with SQLite itself, not with isnad."""
    with closing(sqlite3.connect("file:%s?mode=ro" % store, uri=True)) as connection:
        return tuple(connection.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
                     for table in ("entity", "source", "claim", "citation"))


def integrity(store):
    with closing(sqlite3.connect(store)) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    return result, keys


def export_digest(isnad, store):
    """SHA-256 of 'isnad export jsonl': every row of the store, canonical, in id order."""
    result = subprocess.run([isnad, "--db", store, "export", "jsonl"], capture_output=True)
    if result.returncode != 0:
        return "export failed (%d): %s" % (result.returncode, result.stderr.decode(errors="replace").strip())
    return hashlib.sha256(result.stdout).hexdigest()


def generate(path, claims, seed):
    # Entities and sources of two files overlap (upserts); claims never share an id, since a
    # claim id names one relationship and another file's claim c-0 would be another one.
    with open(path, "w", encoding="utf-8") as handle:
        subprocess.run([sys.executable, GENERATE, "--claims", str(claims), "--seed", str(seed), "--claim-prefix", "c%d-" % seed],
                       stdout=handle, check=True)


def remove_store(store):
    for path in glob.glob(store + "*"):
        os.remove(path)


def copy_store(source, target):
    remove_store(target)
    with closing(sqlite3.connect(source)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


# --- crash -----------------------------------------------------------------------------------

def crash_trial(isnad, work, quick):
    trials = 6 if quick else 40
    claims = 20_000 if quick else 100_000
    base_file = os.path.join(work, "base.jsonl")
    big_file = os.path.join(work, "big.jsonl")
    generate(base_file, 2000, seed=7)
    generate(big_file, claims, seed=8)
    pristine = os.path.join(work, "pristine.db")
    run(isnad, pristine, "import", base_file)
    say("crash: SIGKILL during 'isnad import' of a %d-line file into a small store (its indexes built "
        "again after the rows), %d times" % (claims + claims // 8 + claims // 40, trials))
    full = kill_during_import(isnad, work, pristine, big_file, trials, seed=11)
    # A file a tenth the size of the store: the store keeps its indexes, and new claims are held
    # back and written together.
    small_file = os.path.join(work, "small.jsonl")
    generate(small_file, claims // 10, seed=9)
    trials = 4 if quick else 20
    say("crash: SIGKILL during 'isnad import' of a %d-line file into that store, once full (its indexes "
        "kept), %d times" % (claims // 10 + claims // 80 + claims // 400, trials))
    kill_during_import(isnad, work, full, small_file, trials, seed=12)
    say("  after each, isnad check passed first, then the export was compared byte for byte (SHA-256), "
        "then PRAGMA integrity_check and foreign_key_check")


def kill_during_import(isnad, work, pristine, records, trials, seed):
    """Kills `isnad import records` into copies of `pristine` at random moments, and checks that
    each store is exactly as before or exactly as after a complete import. Returns the path of
    a store where the import completed."""
    before, before_rows = export_digest(isnad, pristine), counts(pristine)
    full = os.path.join(work, "full-%d.db" % seed)
    copy_store(pristine, full)
    started = time.monotonic()
    run(isnad, full, "import", records)
    duration = time.monotonic() - started
    after, after_rows = export_digest(isnad, full), counts(full)
    say("  a whole import takes %.1f s; the store goes from %s to %s rows (export %s… → %s…)"
        % (duration, before_rows, after_rows, before[:12], after[:12]))
    rng = random.Random(seed)
    store = os.path.join(work, "crash.db")
    outcomes = {"none": 0, "all": 0}
    for trial in range(trials):
        copy_store(pristine, store)
        process = subprocess.Popen([isnad, "--db", store, "import", records], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration * 1.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # isnad opens the store first, as a user would after a crash, before SQLite's shell does.
        defects = check_defects(isnad, store)
        if defects:
            fail("trial %d: isnad check reports: %s" % (trial, defects))
        now = export_digest(isnad, store)
        if now == before:
            outcomes["none"] += 1
        elif now == after:
            outcomes["all"] += 1
        else:
            fail("trial %d: the store is neither as before nor as after the import: %s, rows %s (before %s, after %s)"
                 % (trial, now[:200], counts(store), before_rows, after_rows))
        result, dangling = integrity(store)
        if result != "ok":
            fail("trial %d: integrity_check says %r" % (trial, result))
        if dangling:
            fail("trial %d: %d foreign keys dangle" % (trial, len(dangling)))
    say("  %d kills: %d left the store exactly as before, %d exactly as after a complete import, %d in between"
        % (trials, outcomes["none"], outcomes["all"], trials - outcomes["none"] - outcomes["all"]))
    return full


# --- concurrency -----------------------------------------------------------------------------

BATCH_ENTITIES, BATCH_CLAIMS = 500, 250


def spelled(tag, index):
    """A name part that no two (tag, index) share, even after Isnad folds names for search
    (which merges doubled letters and digits: "b11" and "b1" would meet)."""
    return " ".join(re.findall(r"[a-z]+|[0-9]", tag)) + " number " + " ".join(str(index))


def write_batch(path, tag):
    """A record file that adds exactly BATCH_ENTITIES entities and BATCH_CLAIMS claims among
    them, so that a reader can tell a half import, or tables read at different moments."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"record": "source", "id": "trial-source", "type": "statement", "title": "Trial",
                                 "reliability": "C"}) + "\n")
        for index in range(BATCH_CLAIMS):
            person, group = "%s-p%d" % (tag, index), "%s-g%d" % (tag, index)
            handle.write(json.dumps({"record": "entity", "id": person, "type": "person", "name": "Person " + spelled(tag, index)}) + "\n")
            handle.write(json.dumps({"record": "entity", "id": group, "type": "organization", "name": "Group " + spelled(tag, index)}) + "\n")
            handle.write(json.dumps({"record": "claim", "id": "%s-c%d" % (tag, index), "subject": person,
                                     "predicate": "member_of", "object": group, "start": None, "end": None,
                                     "citations": [{"source": "trial-source", "quote": "q", "stance": "asserts",
                                                    "credibility": 3}]}) + "\n")
    return path


# A reader process: queries in a loop until the deadline, alternating a count of every table
# (stats) and a whole GraphML export, and prints one line per problem. Each command must read
# one snapshot: counts that are not whole batches, or tables read at different moments (an
# edge whose endpoints are not in the file), are a half import seen.
READER = r"""
import json, subprocess, sys, time, xml.etree.ElementTree as ET
isnad, store, deadline, entities, claims = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
ns = "{http://graphml.graphdrawing.org/xmlns}"
reads = exports = 0
while time.time() < deadline:
    if reads % 3 == 2:
        r = subprocess.run([isnad, "--db", store, "export", "graphml"], capture_output=True)
        reads += 1
        if r.returncode != 0: print("ERROR export: " + r.stderr.decode().strip()); continue
        exports += 1
        root = ET.fromstring(r.stdout)
        nodes = {n.get("id") for n in root.iter(ns + "node")}
        edges = [(e.get("source"), e.get("target")) for e in root.iter(ns + "edge")]
        dangling = [e for e in edges if e[0] not in nodes or e[1] not in nodes]
        if dangling: print("HALF export: %d of %d edges have an endpoint missing from the file, e.g. %s" % (len(dangling), len(edges), dangling[0]))
        if len(nodes) % entities or len(edges) % claims or len(nodes) // entities != len(edges) // claims:
            print("HALF export: %d nodes and %d edges" % (len(nodes), len(edges)))
    else:
        r = subprocess.run([isnad, "--db", store, "stats", "--format", "json"], capture_output=True, text=True)
        reads += 1
        if r.returncode != 0: print("ERROR stats: " + r.stderr.strip()); continue
        stats = json.loads(r.stdout)
        n, c = stats["entities"]["total"], stats["claims"]["total"]
        if n % entities or c % claims or n // entities != c // claims: print("HALF stats: %d entities and %d claims" % (n, c))
print("READS %d %d" % (reads, exports))
"""


def start_readers(isnad, store, count, seconds):
    deadline = str(time.time() + seconds)
    return [subprocess.Popen([sys.executable, "-c", READER, isnad, store, deadline, str(BATCH_ENTITIES), str(BATCH_CLAIMS)],
                             stdout=subprocess.PIPE, text=True) for _ in range(count)]


def collect_readers(processes):
    """(reads, exports, problems) over every reader process."""
    reads = exports = 0
    problems = []
    for process in processes:
        for line in process.communicate()[0].splitlines():
            if line.startswith("READS"):
                reads += int(line.split()[1])
                exports += int(line.split()[2])
            else:
                problems.append(line)
    return reads, exports, problems


def concurrency_trial(isnad, work, quick, store=None, entity_count=None):
    seconds = 6 if quick else 30
    say("concurrency: for %d s each, one writer and four readers (counts and GraphML exports); then two writers at once"
        % seconds)
    if store is None:
        store = os.path.join(work, "busy.db")
        remove_store(store)
    entity_count = entity_count or (lambda: counts(store)[0])
    run(isnad, store, "init")
    locked, errors = [], []

    def writer_loop(writer, deadline):
        imported, number = 0, 0
        while time.monotonic() < deadline:
            batch = write_batch(os.path.join(work, "batch-%d.jsonl" % writer), "w%d-b%d" % (writer, number))
            result = subprocess.run([isnad, "--db", store, "import", batch], capture_output=True, text=True)
            number += 1
            if "locked" in result.stderr:
                locked.append(result.stderr)
            if result.returncode != 0:
                errors.append("writer %d: %s" % (writer, result.stderr.strip()))
            else:
                imported += 1
        return imported

    reader_processes = start_readers(isnad, store, 4, seconds)
    imported_one = writer_loop(0, time.monotonic() + seconds)
    reads, exports, problems = collect_readers(reader_processes)
    say("  one writer: %d imports of %d entities and %d claims; four readers: %d reads (%d of them GraphML exports)"
        % (imported_one, BATCH_ENTITIES, BATCH_CLAIMS, reads, exports))
    for line in problems:
        fail("a reader saw half an import: %s" % line if line.startswith("HALF") else "a reader failed: %s" % line)

    results = {}
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=lambda w=w: results.__setitem__(w, writer_loop(w, deadline))) for w in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = (imported_one + results[1] + results[2]) * BATCH_ENTITIES
    total = entity_count()
    say("  two writers: %d and %d imports; the store holds %d entities (expected %d)" % (results[1], results[2], total, expected))
    if total != expected:
        fail("writes were lost: %d entities instead of %d" % (total, expected))
    for text in locked:
        fail("a user saw 'database is locked': %s" % text.strip())
    for text in errors:
        fail(text)
    if not locked and not errors and not problems:
        say("  no reader saw a half import, no one saw 'database is locked', every write landed")


# --- opening --------------------------------------------------------------------------------

MIGRATION_ONE = os.path.join(ROOT, "Schemas", "migrations", "0001-initial.sql")


def version_one_store(path):
    """A store as schema version 1 left it, holding one batch (see write_batch) written in SQL."""
    remove_store(path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    with open(MIGRATION_ONE, encoding="utf-8") as handle:
        connection.executescript(handle.read())
    connection.execute("BEGIN")
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO source (id, type, title, reliability) VALUES ('trial-source', 'statement', 'Trial', 'C')")
    for index in range(BATCH_CLAIMS):
        for kind, prefix, name in (("person", "p", "Person"), ("organization", "g", "Group")):
            entity = "v1-%s%d" % (prefix, index)
            connection.execute("INSERT INTO entity (id, type, name) VALUES (?, ?, ?)", (entity, kind, name + " " + spelled("v1", index)))
            connection.execute("INSERT INTO entity_name VALUES (?, 0, ?, NULL, ?)", (entity, name + " " + spelled("v1", index), entity))
        connection.execute("INSERT INTO claim (id, subject, predicate, object) VALUES (?, ?, 'member_of', ?)",
                           ("v1-c%d" % index, "v1-p%d" % index, "v1-g%d" % index))
        connection.execute("INSERT INTO citation VALUES (?, 0, 1, 'trial-source', NULL, 'q', NULL, 'asserts', 3, NULL)",
                           ("v1-c%d" % index,))
    connection.execute("COMMIT")
    connection.close()


def schema_version(isnad):
    output = subprocess.run([isnad, "--version"], capture_output=True, text=True).stdout
    return int(output.split("schema version ")[1].split(",")[0].split(")")[0])


def opening_trial(isnad, work, quick):
    rounds = 4 if quick else 15
    writers, readers = 3, 3
    current = schema_version(isnad)
    say("opening: %d times each, %d imports and %d queries started at once on a store that does not exist yet, "
        "then on a schema-1 store" % (rounds, writers, readers))
    store = os.path.join(work, "opening.db")
    batches = [write_batch(os.path.join(work, "opening-%d.jsonl" % writer), "o%d" % writer) for writer in range(writers)]
    problems_before = len(failures)
    for situation in ("missing", "schema 1"):
        refused = 0
        for number in range(rounds):
            if situation == "missing":
                remove_store(store)
            else:
                version_one_store(store)
            commands = []
            for index in range(max(writers, readers)):
                if index < writers:
                    commands.append(("import", [isnad, "--db", store, "import", batches[index]]))
                if index < readers:
                    commands.append(("query", [isnad, "--db", store, "stats", "--format", "json"]))
            processes = [(kind, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
                         for kind, command in commands]
            announced = 0  # "created" (missing) or "upgraded" (schema 1): exactly one process may say it
            for kind, process in processes:
                output, errors = process.communicate()
                where = "%s, round %d: %s" % (situation, number + 1, kind)
                announced += ("created " if situation == "missing" else "upgraded ") in errors
                if "locked" in errors:
                    fail("%s saw 'database is locked': %s" % (where, errors.strip()))
                elif kind == "query" and process.returncode == 66 and situation == "missing" and "no store at" in errors:
                    refused += 1  # it ran before any import had created the file: right
                elif process.returncode != 0:
                    fail("%s failed (exit %d): %s" % (where, process.returncode, errors.strip()))
                elif kind == "query":
                    stats = json.loads(output)
                    entities, claims = stats["entities"]["total"], stats["claims"]["total"]
                    if entities % BATCH_ENTITIES or claims % BATCH_CLAIMS or entities // BATCH_ENTITIES != claims // BATCH_CLAIMS:
                        fail("%s saw half an import: %d entities and %d claims" % (where, entities, claims))
            if announced != 1:
                fail("%s, round %d: %d processes said they %s the store" % (situation, number + 1, announced,
                                                                          "created" if situation == "missing" else "upgraded"))
            expected = (writers + (1 if situation == "schema 1" else 0)) * BATCH_ENTITIES
            with closing(sqlite3.connect("file:%s?mode=ro" % store, uri=True)) as connection:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version != current:
                fail("%s, round %d: the store is at schema version %d, not %d" % (situation, number + 1, version, current))
            if counts(store)[0] != expected:
                fail("%s, round %d: %d entities instead of %d" % (situation, number + 1, counts(store)[0], expected))
            defects = check_defects(isnad, store)
            if defects:
                fail("%s, round %d: isnad check reports: %s" % (situation, number + 1, defects))
        say("  %s: %d rounds%s" % (situation, rounds, " (%d of the queries ran before the store existed and said so, exit 66)"
                                   % refused if refused else ""))
    # An upgrade that must wait longer than SQLite's busy timeout (10 s) for another writer.
    version_one_store(store)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    query = subprocess.Popen([isnad, "--db", store, "stats", "--format", "json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    time.sleep(11)
    holder.execute("ROLLBACK")
    holder.close()
    _, errors = query.communicate()
    if query.returncode != 0 or "locked" in errors or "waiting for another program or process" not in errors:
        fail("an upgrade that waited 11 s for another writer: exit %d: %s" % (query.returncode, errors.strip()))
    else:
        say("  a query that had to upgrade the store while another process held the write lock for 11 s waited, "
            "said so, then upgraded it and answered")
    if len(failures) == problems_before:
        say("  every import landed; each store was created, or upgraded, by exactly one process; no one saw an error")


# --- disk full -------------------------------------------------------------------------------

def disk_full_trial(isnad, work, quick):
    say("disk full: an import onto a 1 MiB tmpfs")
    mount = os.path.join(work, "small-disk")
    os.makedirs(mount, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount],
                                           capture_output=True).returncode != 0:
        say("  skipped: mounting a tmpfs needs root (the Swift test suite covers disk full with max_page_count)")
        return
    try:
        store = os.path.join(mount, "isnad.db")
        small, big = os.path.join(work, "small.jsonl"), os.path.join(work, "fill.jsonl")
        generate(small, 200, seed=3)
        generate(big, 20_000, seed=4)
        run(isnad, store, "import", small)
        before = counts(store)
        result = run(isnad, store, "import", big, check=False)
        after = counts(store)
        verdict, _ = integrity(store)
        say("  exit %d: %s" % (result.returncode, result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""))
        if result.returncode == 0:
            fail("the import fitted on the small disk: make the trial bigger")
        elif "disk full" not in result.stderr:
            fail("the error does not say 'disk full': %s" % result.stderr.strip())
        if after != before:
            fail("the store changed: %s → %s" % (before, after))
        if verdict != "ok":
            fail("integrity_check: %s" % verdict)
        if result.returncode != 0 and after == before and verdict == "ok":
            say("  the store is unchanged (%s rows) and intact" % (before,))
    finally:
        if subprocess.run(["umount", mount], capture_output=True).returncode != 0:
            say("  could not unmount %s" % mount)


# --- tampering -------------------------------------------------------------------------------

# What another program may do to a store with the sqlite3 shell: each is refused by every command.
SCHEMA_TAMPERING = [
    "CREATE TRIGGER t_{n} AFTER INSERT ON citation BEGIN UPDATE citation SET stance = 'asserts' WHERE claim = new.claim; END",
    "CREATE TRIGGER t_{n} BEFORE INSERT ON claim BEGIN SELECT RAISE(IGNORE); END",
    "CREATE TRIGGER t_{n} AFTER DELETE ON entity_name BEGIN DELETE FROM source; END",
    "CREATE TABLE kept_{n} AS SELECT * FROM citation; DROP TABLE citation; CREATE VIEW citation AS SELECT * FROM kept_{n}",
    "CREATE INDEX i_{n} ON claim (notes)",
    "CREATE VIEW v_{n} AS SELECT 1",
    "ALTER TABLE {table} ADD COLUMN extra_{n} TEXT",
    "DROP INDEX claim_by_date",
]
VALUE_TAMPERING = [
    ("citation", "stance", ["'maybe'", "'ASSERTS'", "''"]),
    ("citation", "credibility", ["-5", "0", "7", "'three'", "2.5"]),
    ("source", "reliability", ["'Z'", "'a'", "'AB'"]),
    ("source", "type", ["'dragon'"]),
    ("entity", "type", ["'dragon'", "'Person'"]),
    ("entity", "attributes", ["'[1]'", "'{\"a\": 1}'", "'not json'"]),
    ("entity", "name", ["'Ha' || char(27) || 'mas'", "char(7)"]),
    ("claim", "start_date", ["'2022-13-40'", "'yesterday'"]),
    ("claim", "predicate", ["'loves'"]),
]


def tampering_trial(isnad, work, quick):
    rounds = 12 if quick else 60
    say("tampering: %d stores changed behind isnad's back (planted SQL, values out of range), each tried with a query, "
        "an export and check (and an import, when SQL was planted)" % rounds)
    base, extra = os.path.join(work, "tamper-base.jsonl"), os.path.join(work, "tamper-extra.jsonl")
    generate(base, 300, seed=11)
    generate(extra, 30, seed=12)
    clean = os.path.join(work, "tamper-clean.db")
    run(isnad, clean, "import", base)
    random_source = random.Random(5)
    refused = 0
    for n in range(rounds):
        store = os.path.join(work, "tamper.db")
        copy_store(clean, store)
        with closing(sqlite3.connect(store)) as connection:
            if n % 2 == 0:
                change = random_source.choice(SCHEMA_TAMPERING).format(n=n, table=random_source.choice(["claim", "entity", "source"]))
            else:
                table, column, values = random_source.choice(VALUE_TAMPERING)
                change = "PRAGMA ignore_check_constraints = ON; UPDATE %s SET %s = %s WHERE rowid IN (SELECT rowid FROM %s ORDER BY random() LIMIT 1)" % (
                    table, column, random_source.choice(values), table)
                if table == "citation":  # WITHOUT ROWID
                    change = change.replace("rowid", "claim")
            connection.executescript(change)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(store, "rb") as handle:
            before = handle.read()
        entity = subprocess.run([isnad, "--db", clean, "export", "jsonl"], capture_output=True, text=True).stdout.split("\n")[0]
        entity_id = json.loads(entity)["id"] if entity else "x"
        # An import writes over what it imports without reading it back: a bad value is refused
        # where it is read, so the import is tried only on a store whose schema was changed.
        attempts = [("export", "jsonl"), ("show", entity_id), ("check",)] + ([("import", extra)] if n % 2 == 0 else [])
        for arguments in attempts:
            result = run(isnad, store, *arguments, check=False)
            lines = result.stderr.strip().splitlines()
            expected = "isnad check explains" if arguments[0] != "check" else None
            # A value change on a row no command reads (show of another entity) may pass: only check must see all.
            if arguments[0] == "show" and result.returncode == 0 and n % 2 == 1:
                continue
            if result.returncode != 65:
                fail("%s after %r: exit %d, not 65: %s" % (" ".join(arguments), change, result.returncode, result.stderr.strip()))
            elif expected and (len(lines) != 1 or expected not in lines[0]):
                fail("%s after %r: not one line ending 'isnad check explains': %s" % (" ".join(arguments), change, result.stderr.strip()))
            else:
                refused += 1
        with open(store, "rb") as handle:
            if handle.read() != before:
                fail("the store's bytes changed after %r" % change)
    say("  %d refusals, each with exit 65 and one line; no store changed" % refused)


# --- fuzz ------------------------------------------------------------------------------------

def fuzz_trial(isnad, work, quick):
    fuzzer = os.path.join(ROOT, "Tests", "Reliability", "fuzz")
    say("fuzz: see %s (libFuzzer on the line reader, JSON parser, record decoder and writer, and a dry-run import)"
        % os.path.relpath(fuzzer, ROOT))
    seconds = "20" if quick else "300"
    result = subprocess.run([fuzzer, "--seconds", seconds], cwd=ROOT, capture_output=True, text=True)
    for line in (result.stdout + result.stderr).strip().splitlines()[-6:]:
        say("  " + line)
    if result.returncode != 0:
        fail("the fuzzer found a crash or could not run (exit %d)" % result.returncode)


# --- PostgreSQL --------------------------------------------------------------------------------

# The server the PostgreSQL trial uses (--postgres, else ISNAD_TEST_POSTGRES), and its data folder
# for the restart (--postgres-data): set by main().
POSTGRES = {"uri": None, "data": None}


def postgres_store(name):
    uri = POSTGRES["uri"]
    return uri + ("&" if "?" in uri else "?") + "store=" + name


def psql(sql):
    # Server notices (what a DROP … CASCADE removes) are not wanted.
    result = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", POSTGRES["uri"], "-c", sql],
                            capture_output=True, text=True, env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
    if result.returncode != 0:
        raise RuntimeError("psql failed: %s" % result.stderr.strip())
    return result.stdout.strip()


def wait_for_backends_to_end(application_name, timeout=60):
    """Waits until the server has no session of that application left."""
    deadline = time.monotonic() + timeout
    while psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%s'" % application_name) != "0":
        if time.monotonic() > deadline:
            raise RuntimeError("sessions of %s still open after %d s" % (application_name, timeout))
        time.sleep(0.1)


def pg_ctl(*arguments):
    """pg_ctl on the trial's server, as the owner of its data folder (PostgreSQL refuses to run as root)."""
    data = POSTGRES["data"]
    command = [shutil.which("pg_ctl") or "/usr/lib/postgresql/15/bin/pg_ctl", "-D", data, *arguments]
    owner = os.stat(data).st_uid
    if os.getuid() == 0 and owner != 0:
        import pwd
        command = ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--"] + command
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stored_entities(isnad, store):
    return json.loads(run(isnad, store, "stats", "--format", "json").stdout)["entities"]["total"]


def postgresql_trial(isnad, work, quick):
    """Kills during imports, a server process ended and the server restarted mid-import, and
    concurrent writers and readers, on a store on PostgreSQL: each command all or nothing."""
    if not POSTGRES["uri"]:
        say("postgresql: skipped: no server (set ISNAD_TEST_POSTGRES=postgresql://… or pass --postgres URI)")
        return
    trials = 6 if quick else 30
    claims = 10_000 if quick else 100_000
    say("postgresql: SIGKILL during 'isnad import' of a %d-claim file, %d times; a server process ended and the server "
        "restarted mid-import; writers and readers at once" % (claims, trials))
    base_file, big_file = os.path.join(work, "pg-base.jsonl"), os.path.join(work, "pg-big.jsonl")
    generate(base_file, 2000, seed=7)
    generate(big_file, claims, seed=8)
    names = ["trials_crash", "trials_full", "trials_busy"]
    for name in names:
        psql("DROP SCHEMA IF EXISTS %s CASCADE" % name)
    store, full = postgres_store("trials_crash"), postgres_store("trials_full")

    def reset():
        psql("DROP SCHEMA IF EXISTS trials_crash CASCADE")
        run(isnad, store, "import", base_file)

    try:
        reset()
        before = export_digest(isnad, store)
        run(isnad, full, "import", base_file)
        started = time.monotonic()
        run(isnad, full, "import", big_file)
        duration = time.monotonic() - started
        after = export_digest(isnad, full)
        say("  a whole import takes %.1f s (export %s… → %s…)" % (duration, before[:12], after[:12]))
        rng = random.Random(11)
        outcomes = {"none": 0, "all": 0}
        for trial in range(trials):
            process = subprocess.Popen([isnad, "--db", store + "&application_name=isnad_killed", "import", big_file],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, duration * 1.05))
            process.send_signal(signal.SIGKILL)
            process.wait()
            # The server ends the killed client's transaction in its own time: rolled back, or
            # committed when the client had sent COMMIT before it died. Look once it has.
            wait_for_backends_to_end("isnad_killed")
            now = export_digest(isnad, store)
            if now == before:
                outcomes["none"] += 1
            elif now == after:
                outcomes["all"] += 1
                reset()
            else:
                fail("postgresql kill %d: the store is neither as before nor as after the import: %s" % (trial, now[:200]))
                reset()
        say("  %d kills: %d left the store exactly as before, %d exactly as after a complete import, %d in between"
            % (trials, outcomes["none"], outcomes["all"], trials - outcomes["none"] - outcomes["all"]))

        def interrupted(label, interrupt):
            process = subprocess.Popen([isnad, "--db", store + "&application_name=isnad_trial", "import", big_file],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            time.sleep(duration * 0.5)
            interrupt()
            errors = process.communicate()[1].strip()
            if process.returncode != 75:
                fail("%s: exit %d instead of 75: %s" % (label, process.returncode, errors[:300]))
            elif "nothing of this command was committed" not in errors or len(errors.splitlines()) != 1:
                fail("%s: the message does not say that nothing was committed, in one line: %s" % (label, errors[:300]))
            for attempt in range(50):  # the server may still be starting
                now = export_digest(isnad, store)
                if not now.startswith("export failed"):
                    break
                time.sleep(0.2)
            if now != before:
                fail("%s: the store changed: %s" % (label, now[:200]))
                reset()
            else:
                say("  %s: exit 75, \"%s\", the store exactly as before" % (label, errors[:120]))

        interrupted("server process ended (pg_terminate_backend)",
                    lambda: psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'isnad_trial'"))
        if POSTGRES["data"]:
            interrupted("server restarted (pg_ctl restart -m fast)", lambda: pg_ctl("restart", "-m", "fast", "-w"))
        else:
            say("  server restart: skipped (pass --postgres-data DIR, the server's data folder)")
        busy = postgres_store("trials_busy")
        concurrency_trial(isnad, work, quick, store=busy, entity_count=lambda: stored_entities(isnad, busy))
    finally:
        for name in names:
            try:
                psql("DROP SCHEMA IF EXISTS %s CASCADE" % name)
            except RuntimeError:
                pass


TRIALS = {"crash": crash_trial, "disk-full": disk_full_trial, "concurrency": concurrency_trial, "opening": opening_trial,
          "tampering": tampering_trial, "fuzz": fuzz_trial, "postgresql": postgresql_trial}


def main():
    parser = argparse.ArgumentParser(description="Isnad reliability trials")
    parser.add_argument("trials", nargs="*", choices=[[]] + list(TRIALS), help="default: all")
    parser.add_argument("--quick", action="store_true", help="the short run for CI")
    parser.add_argument("--isnad", help="the isnad binary to test")
    parser.add_argument("--postgres", default=os.environ.get("ISNAD_TEST_POSTGRES"),
                        help="a PostgreSQL URI for the postgresql trial (default: ISNAD_TEST_POSTGRES; without one it is skipped)")
    parser.add_argument("--postgres-data", help="that server's data folder, for the trial that restarts it (pg_ctl)")
    args = parser.parse_args()
    POSTGRES["uri"], POSTGRES["data"] = args.postgres, args.postgres_data
    isnad = isnad_binary(args.isnad)
    work = tempfile.mkdtemp(prefix="isnad-trials-")
    say("isnad: %s; work folder: %s" % (isnad, work))
    try:
        for name in args.trials or list(TRIALS):
            TRIALS[name](isnad, work, args.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        say("FAILED: %d problems" % len(failures))
        sys.exit(1)
    say("all trials passed: nothing lost")


if __name__ == "__main__":
    main()
