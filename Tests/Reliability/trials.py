#!/usr/bin/env python3
"""Reliability trials for Isnad: crashes, full disks, concurrent use, hostile input.

    Tests/Reliability/trials.py [--quick] [--isnad PATH] [crash] [disk-full] [concurrency] [fuzz]

Runs the built isnad binary (default: .build/release/isnad, else .build/debug/isnad) against
real stores in a temporary folder, and prints what it tried and what was lost. Exits 1 if
anything was lost, half-written, or a user saw "database is locked". --quick is the short run
that .ci/run uses.
"""
import argparse
import glob
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

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


def counts(store):
    """Rows per table, read with SQLite itself, not with isnad."""
    with sqlite3.connect("file:%s?mode=ro" % store, uri=True) as connection:
        return tuple(connection.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
                     for table in ("entity", "source", "claim", "citation"))


def integrity(store):
    with sqlite3.connect(store) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    return result, keys


def has_check_command(isnad):
    return subprocess.run([isnad, "check", "--help"], capture_output=True).returncode == 0


def generate(path, claims, seed):
    with open(path, "w", encoding="utf-8") as handle:
        subprocess.run([sys.executable, GENERATE, "--claims", str(claims), "--seed", str(seed)], stdout=handle, check=True)


def remove_store(store):
    for path in glob.glob(store + "*"):
        os.remove(path)


def copy_store(source, target):
    remove_store(target)
    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


# --- crash -----------------------------------------------------------------------------------

def crash_trial(isnad, work, quick):
    trials = 6 if quick else 40
    claims = 20_000 if quick else 100_000
    say("crash: SIGKILL during 'isnad import' of a %d-line file, %d times" % (claims + claims // 8 + claims // 40, trials))
    base_file = os.path.join(work, "base.jsonl")
    big_file = os.path.join(work, "big.jsonl")
    generate(base_file, 2000, seed=7)
    generate(big_file, claims, seed=8)
    # The big file's ids overlap the base's (same generator): count what a full import gives.
    pristine = os.path.join(work, "pristine.db")
    run(isnad, pristine, "import", base_file)
    before = counts(pristine)
    full = os.path.join(work, "full.db")
    copy_store(pristine, full)
    started = time.monotonic()
    run(isnad, full, "import", big_file)
    duration = time.monotonic() - started
    after = counts(full)
    say("  a whole import takes %.1f s; the store goes from %s to %s rows" % (duration, before, after))
    rng = random.Random(11)
    store = os.path.join(work, "crash.db")
    outcomes = {"none": 0, "all": 0}
    check_available = has_check_command(isnad)
    for trial in range(trials):
        copy_store(pristine, store)
        process = subprocess.Popen([isnad, "--db", store, "import", big_file], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration * 1.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        result, dangling = integrity(store)
        if result != "ok":
            fail("trial %d: integrity_check says %r" % (trial, result))
        if dangling:
            fail("trial %d: %d foreign keys dangle" % (trial, len(dangling)))
        now = counts(store)
        if now == before:
            outcomes["none"] += 1
        elif now == after:
            outcomes["all"] += 1
        else:
            fail("trial %d: half an import is visible: %s (before %s, after %s)" % (trial, now, before, after))
        if check_available:
            checked = run(isnad, store, "check", check=False)
            if checked.returncode != 0:
                fail("trial %d: isnad check reports: %s" % (trial, (checked.stdout + checked.stderr).strip()[:300]))
    say("  %d kills: %d left the store as before, %d after a complete import, %d in between"
        % (trials, outcomes["none"], outcomes["all"], trials - outcomes["none"] - outcomes["all"]))
    say("  every store passed PRAGMA integrity_check and foreign_key_check%s"
        % (" and isnad check" if check_available else " (isnad check not available)"))


# --- concurrency -----------------------------------------------------------------------------

def concurrency_trial(isnad, work, quick):
    seconds = 6 if quick else 30
    say("concurrency: for %d s each, one writer and four readers; then two writers at once" % seconds)
    store = os.path.join(work, "busy.db")
    remove_store(store)
    batch = 500
    # Each batch file adds exactly `batch` new entities, so a reader can tell a half-import.
    def batch_file(writer, number):
        path = os.path.join(work, "batch-%d-%d.jsonl" % (writer, number))
        with open(path, "w", encoding="utf-8") as handle:
            for index in range(batch):
                handle.write(json.dumps({"record": "entity", "id": "w%d-b%d-e%d" % (writer, number, index),
                                         "type": "person", "name": "Writer %d batch %d person %d" % (writer, number, index)}) + "\n")
        return path

    run(isnad, store, "init")
    locked, errors = [], []

    def writer_loop(writer, deadline):
        imported, number = 0, 0
        processes = []
        while time.monotonic() < deadline:
            result = subprocess.run([isnad, "--db", store, "import", batch_file(writer, number)], capture_output=True, text=True)
            number += 1
            if "locked" in result.stderr:
                locked.append(result.stderr)
            if result.returncode != 0:
                errors.append("writer %d: %s" % (writer, result.stderr.strip()))
            else:
                imported += 1
        return imported

    def readers(count, deadline):
        seen, reads, problems = [], 0, []
        procs = []
        script = ("import subprocess,sys,json,time\n"
                  "isnad,store,deadline,batch=sys.argv[1],sys.argv[2],float(sys.argv[3]),int(sys.argv[4])\n"
                  "reads=0\n"
                  "while time.time()<deadline:\n"
                  "  r=subprocess.run([isnad,'--db',store,'stats','--format','json'],capture_output=True,text=True)\n"
                  "  reads+=1\n"
                  "  if r.returncode!=0: print('ERROR '+r.stderr.strip()); continue\n"
                  "  n=json.loads(r.stdout)['entities']['total']\n"
                  "  if n%batch: print('HALF %d'%n)\n"
                  "print('READS %d'%reads)\n")
        for _ in range(count):
            procs.append(subprocess.Popen([sys.executable, "-c", script, isnad, store, str(time.time() + (deadline - time.monotonic())),
                                           str(batch)], stdout=subprocess.PIPE, text=True))
        return procs

    import threading
    deadline = time.monotonic() + seconds
    reader_processes = readers(4, deadline)
    imported_one = writer_loop(0, deadline)
    reader_output = [process.communicate()[0] for process in reader_processes]
    reads = sum(int(line.split()[1]) for output in reader_output for line in output.splitlines() if line.startswith("READS"))
    half = [line for output in reader_output for line in output.splitlines() if line.startswith("HALF")]
    reader_errors = [line for output in reader_output for line in output.splitlines() if line.startswith("ERROR")]
    say("  one writer: %d imports of %d entities; four readers: %d reads" % (imported_one, batch, reads))
    for line in half:
        fail("a reader saw half an import: %s" % line)
    for line in reader_errors:
        fail("a reader failed: %s" % line)

    results = {}
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=lambda w=w: results.__setitem__(w, writer_loop(w, deadline))) for w in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = (imported_one + results[1] + results[2]) * batch
    total = counts(store)[0]
    say("  two writers: %d and %d imports; the store holds %d entities (expected %d)" % (results[1], results[2], total, expected))
    if total != expected:
        fail("writes were lost: %d entities instead of %d" % (total, expected))
    for text in locked:
        fail("a user saw 'database is locked': %s" % text.strip())
    for text in errors:
        fail(text)
    if not locked and not errors and not half and not reader_errors:
        say("  no reader saw a half import, no one saw 'database is locked', every write landed")


# --- disk full -------------------------------------------------------------------------------

def disk_full_trial(isnad, work, quick):
    say("disk full: an import onto a 512 KiB tmpfs")
    mount = os.path.join(work, "small-disk")
    os.makedirs(mount, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount],
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
        subprocess.run(["umount", mount], capture_output=True)


# --- fuzz ------------------------------------------------------------------------------------

def fuzz_trial(isnad, work, quick):
    fuzzer = os.path.join(ROOT, "Tests", "Reliability", "fuzz")
    say("fuzz: see %s (libFuzzer on the record reader)" % os.path.relpath(fuzzer, ROOT))
    seconds = "20" if quick else "300"
    result = subprocess.run([fuzzer, "--seconds", seconds], cwd=ROOT, capture_output=True, text=True)
    for line in (result.stdout + result.stderr).strip().splitlines()[-6:]:
        say("  " + line)
    if result.returncode != 0:
        fail("the fuzzer found a crash or could not run (exit %d)" % result.returncode)


TRIALS = {"crash": crash_trial, "disk-full": disk_full_trial, "concurrency": concurrency_trial, "fuzz": fuzz_trial}


def main():
    parser = argparse.ArgumentParser(description="Isnad reliability trials")
    parser.add_argument("trials", nargs="*", choices=[[]] + list(TRIALS), help="default: all")
    parser.add_argument("--quick", action="store_true", help="the short run for CI")
    parser.add_argument("--isnad", help="the isnad binary to test")
    args = parser.parse_args()
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
