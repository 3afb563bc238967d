#!/usr/bin/env python3
"""Isnad's benchmarks, each beside the peer a user would otherwise reach for, in one run.

    Benchmarks/run.py                      # 10k, 100k and 1M claims, writes Benchmarks/RESULTS.md
    Benchmarks/run.py --sizes 10000 --smoke  # the quick check CI runs (the harness works; no targets)

Builds a release binary, generates deterministic synthetic stores (Benchmarks/generate.py),
and measures, for each size:

  import          isnad import  | sqlite3 shell .import of the same rows (CSV, one transaction,
                                  same schema and indexes) | networkx MultiDiGraph from the JSONL
  import more     a tenth more claims (about the stored entities) into the store just loaded, indexes
                  in place | sqlite3 shell .import of the same new rows into the raw load's store,
                  and into a copy of Isnad's store (the file the import starts from)
  neighbors       isnad neighbors --depth 2 (in-process --timing), a hub and a median actor: every
                  claim as CSV, the default table (a summary) in process and as a cold process, and
                  at the hub --limit 0 (peak memory) | SQLite alone stepping the statements the default
                  table runs, logged from it and replayed in C (Benchmarks/replay/) | recursive CTE on
                  the same file | networkx ego_graph
  show (biggest)  isnad show of the biggest entity: default (in process, cold) and --limit 0 (peak memory);
                  timeline of it, default (in process) and --limit 0, and source of the most cited
                  source, --limit 0 (peak memory)
  path            isnad path (--timing), 100 random pairs | networkx shortest_path in memory
                                | recursive CTE
  export graphml  isnad export graphml, whole graph | networkx write_graphml
  export dot      isnad export dot, whole graph and a focus | a plain DOT writer over networkx
  show (cold)     whole isnad show process | sqlite3 shell running the equivalent SELECT
  search          isnad search of a misspelt name (the close-spelling tier): in process and cold

Times are medians over repeated runs, with their spread (min–max); a whole process is started
with posix_spawn and reaped with wait4 (its wall and CPU time), after one run more under
/usr/bin/time -v for its peak memory. The Markdown table goes to standard output and, unless
--smoke, into Benchmarks/RESULTS.md.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
MIGRATIONS = os.path.join(ROOT, "Schemas", "migrations")
TABLES = ["entity", "entity_name", "source", "source_cites", "claim", "citation"]


def say(text):
    print(text, file=sys.stderr, flush=True)


def python_with_networkx():
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import networkx"], capture_output=True).returncode == 0:
            return candidate
    return None


# --- measuring -------------------------------------------------------------------------------

class Measure:
    """Wall time and peak memory of whole processes, repeated."""

    def __init__(self, repeat):
        self.repeat = repeat

    def process(self, command, setup=None, stdout=None, repeat=None):
        """Runs a whole process, repeated: its wall time, from its start to its exit, and CPU time
        (user and system), each run started with posix_spawn and reaped with wait4 with nothing
        started around it; and its peak memory, from one run more, first, under /usr/bin/time -v.

        Up to the seventh run every run went through /usr/bin/time -v, and the start of time and
        Python's pipe for its report were timed with the command: /bin/true took 3.36 ms that way
        and 1.19 ms this way (medians of 100, on the machine of the seventh run). The memory still
        needs time: a process posix_spawn starts shares this one's memory until it runs the
        command, and the kernel counts this process's peak into the command's."""
        executable = command[0] if os.sep in command[0] else shutil.which(command[0])
        if executable is None:
            raise RuntimeError("%s: not found" % command[0])
        if setup:
            setup()
        result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=stdout or subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise RuntimeError("%s failed: %s" % (" ".join(command), result.stderr[-2000:]))
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        peak = int(match.group(1)) / 1024 if match else float("nan")
        times, processor_times = [], []
        for _ in range(repeat or self.repeat):
            if setup:
                setup()
            with tempfile.TemporaryFile() as errors, open(os.devnull, "wb") as null:
                output = stdout or null
                started = time.perf_counter()
                pid = os.posix_spawn(executable, command, os.environ, file_actions=[
                    (os.POSIX_SPAWN_DUP2, output.fileno(), 1), (os.POSIX_SPAWN_DUP2, errors.fileno(), 2)])
                _, status, usage = os.wait4(pid, 0)
                times.append(time.perf_counter() - started)
                if os.waitstatus_to_exitcode(status) != 0:
                    errors.seek(0)
                    raise RuntimeError("%s failed: %s" % (" ".join(command),
                                                          errors.read().decode("utf-8", "replace")[-2000:]))
            # CPU time does not grow when other processes share the machine's cores, as wall time does.
            processor_times.append(usage.ru_utime + usage.ru_stime)
        return Sample(times, peak, processor_times)

    def timing(self, command, repeat=None):
        """Runs isnad with --timing and collects the in-process query time it reports."""
        times = []
        for _ in range(repeat or self.repeat):
            result = subprocess.run(command + ["--timing"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if result.returncode != 0:
                raise RuntimeError("%s failed: %s" % (" ".join(command), result.stderr[-2000:]))
            times.append(parse_timing(result.stderr))
        return Sample(times)


def parse_timing(text):
    match = re.search(r"([0-9.]+) ?ms", text)
    if not match:
        raise RuntimeError("no timing in: %r" % text[-500:])
    return float(match.group(1)) / 1000


class Sample:
    def __init__(self, times, peak_mb=None, processor_times=None):
        self.times = sorted(times)
        self.peak_mb = peak_mb
        self.processor_times = sorted(processor_times or [])

    def processor_text(self):
        """The median CPU time, user and system."""
        if not self.processor_times:
            return "CPU time not reported"
        return "CPU %s" % seconds(statistics.median(self.processor_times))

    @property
    def median(self):
        return statistics.median(self.times)

    def percentile(self, fraction):
        index = min(len(self.times) - 1, max(0, int(round(fraction * (len(self.times) - 1)))))
        return self.times[index]

    def text(self):
        spread = "" if len(self.times) < 2 else " (%s–%s)" % (seconds(self.times[0]), seconds(self.times[-1]))
        return seconds(self.median) + spread


def seconds(value):
    if value < 0.001:
        return "%.0f µs" % (value * 1e6)
    if value < 1:
        return "%.1f ms" % (value * 1e3)
    return "%.2f s" % value


# --- data ------------------------------------------------------------------------------------

def dataset(claims, seed=1):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, "synthetic-%d.jsonl" % claims)
    if not os.path.exists(path):
        say("generating %s" % path)
        with open(path + ".partial", "w", encoding="utf-8") as handle:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--claims", str(claims), "--seed", str(seed)],
                           stdout=handle, check=True)
        os.rename(path + ".partial", path)
    return path


def more_claims(store, claims, seed=7):
    """Claims only, new ids (`more-…`), about the entities and from the sources `store` holds
    (each end mapped to a stored entity of its type, so that every predicate's types fit): a
    later batch of reports about known actors."""
    path = os.path.join(WORK, "more-%d-for-%s.jsonl" % (claims, os.path.basename(store)))
    with sqlite3.connect("file:%s?mode=ro" % store, uri=True) as database:
        by_type = {}
        for (entity,) in database.execute("SELECT id FROM entity ORDER BY id"):
            by_type.setdefault(entity.split("-")[0], []).append(entity)
    generated = subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--claims", str(claims), "--seed",
                                str(seed), "--claim-prefix", "more-"], capture_output=True, text=True, check=True).stdout
    with open(path, "w", encoding="utf-8") as handle:
        for line in generated.splitlines():
            record = json.loads(line)
            if record["record"] != "claim":
                continue
            for end in ("subject", "object"):
                kind, number = record[end].split("-")
                candidates = by_type[kind]
                record[end] = candidates[(int(number) * 7919) % len(candidates)]
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def claims_sheet(source, folder):
    """The dataset as an analyst's spreadsheet: its entities and sources as records, its claims
    as a CSV with `isnad template`'s columns, one row per citation. Returns both paths and the
    number of rows."""
    records = os.path.join(folder, "sheet-base.jsonl")
    sheet = os.path.join(folder, "claims.csv")
    columns = ["subject", "predicate", "object", "start", "end", "source", "via", "quote", "quote_en", "stance",
               "credibility", "locator"]
    rows = 0
    with open(source, encoding="utf-8") as lines, open(records, "w", encoding="utf-8") as base, \
            open(sheet, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for line in lines:
            record = json.loads(line)
            if record["record"] != "claim":
                base.write(line)
                continue
            for citation in record["citations"]:
                cells = dict(record, **citation)
                writer.writerow([cells.get(column, "") for column in columns])
                rows += 1
    return records, sheet, rows


def remove_store(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def export_csv(store, folder, tables=TABLES):
    """The exact rows of an Isnad store, one CSV per table, for the sqlite3 shell to load."""
    os.makedirs(folder, exist_ok=True)
    for table in tables:
        path = os.path.join(folder, table + ".csv")
        with open(path, "w", encoding="utf-8") as handle:
            subprocess.run(["sqlite3", "-csv", store, "SELECT * FROM %s" % table], stdout=handle, check=True)


def schema_sql():
    return "\n".join(open(os.path.join(MIGRATIONS, name), encoding="utf-8").read()
                     for name in sorted(os.listdir(MIGRATIONS)) if name.endswith(".sql"))


def raw_load_script(folder, target, tables=TABLES):
    # Foreign keys stay off (the shell's default) and NULLs arrive as empty strings: the
    # sqlite3 shell cannot say NULL in CSV. This is the physical-limit proxy: the fastest way
    # to get the same rows into the same schema and indexes.
    lines = [".bail on", "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = FULL;",
             "PRAGMA cache_size = -65536;", "BEGIN;"]
    for table in tables:
        lines.append(".import --csv %s %s" % (os.path.join(folder, table + ".csv"), table))
    lines.append("COMMIT;")
    path = target + ".load.sql"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


NETWORKX_BUILD = r"""
import json, sys, time, networkx as nx
started = time.perf_counter()
graph = nx.MultiDiGraph()
reliability = {}
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    kind = record["record"]
    if kind == "entity":
        graph.add_node(record["id"], type=record["type"], name=record["name"],
                       aliases="|".join(a["name"] for a in record.get("aliases") or []))
    elif kind == "source":
        reliability[record["id"]] = record["reliability"]
    else:
        citations = record["citations"]
        graph.add_edge(record["subject"], record["object"], key=record["id"], predicate=record["predicate"],
                       start=record.get("start") or "", end=record.get("end") or "",
                       sources="|".join(c["source"] for c in citations),
                       best_reliability=min(reliability.get(c["source"], "F") for c in citations),
                       best_credibility=min(c["credibility"] for c in citations))
print(json.dumps({"seconds": time.perf_counter() - started, "nodes": graph.number_of_nodes(),
                  "edges": graph.number_of_edges()}))
"""

NETWORKX_QUERIES = r"""
import json, os, random, statistics, sys, time, networkx as nx
path, hub, median_actor, pairs_file, work, predicates_file = sys.argv[1:7]
graph = nx.MultiDiGraph()
for line in open(path, encoding="utf-8"):
    record = json.loads(line)
    if record["record"] == "entity":
        graph.add_node(record["id"], type=record["type"], name=record["name"])
    elif record["record"] == "claim":
        graph.add_edge(record["subject"], record["object"], key=record["id"], predicate=record["predicate"])
undirected = graph.to_undirected(as_view=True)
def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter(); function(); times.append(time.perf_counter() - started)
    return times
result = {}
for name, node in (("hub", hub), ("median", median_actor)):
    result["ego_" + name] = timed(lambda: nx.ego_graph(undirected, node, radius=2), 5)
pairs = json.load(open(pairs_file))
def shortest(a, b):
    try:
        return nx.shortest_path(undirected, a, b)
    except nx.NetworkXNoPath:
        return None
result["path"] = [timed(lambda: shortest(a, b), 1)[0] for a, b in pairs]
# The same graph as Isnad exports, attribute for attribute, so that the writers write alike.
vocabulary = {p["id"]: p for p in json.load(open(predicates_file, encoding="utf-8"))["predicates"]}
reliability = {}
full = nx.MultiDiGraph()
for line in open(path, encoding="utf-8"):
    record = json.loads(line)
    kind = record["record"]
    if kind == "entity":
        aliases = [a["name"] for a in record.get("aliases") or []]
        arabic = [a["name"] for a in record.get("aliases") or [] if a.get("lang") == "ar"]
        full.add_node(record["id"], label=record["name"] + (" / " + arabic[0] if arabic else ""), name=record["name"],
                      name_ar=arabic[0] if arabic else "", type=record["type"], labels=":" + record["type"].capitalize(),
                      aliases=json.dumps(aliases, ensure_ascii=False), description=record.get("description") or "",
                      attributes=json.dumps(record.get("attributes") or {}, ensure_ascii=False))
    elif kind == "source":
        reliability[record["id"]] = record["reliability"]
    else:
        citations = record["citations"]
        graded = [(c, reliability.get(c["source"], "F")) for c in citations]
        if any(c["stance"] == "denies" for c, _ in graded):
            status = "disputed"
        elif any(c["stance"] == "asserts" and r <= "C" and c["credibility"] <= 3 for c, r in graded):
            status = "asserted"
        else:
            status = "alleged"
        best = min(graded, key=lambda item: (item[0]["stance"] != "asserts", item[1], item[0]["credibility"]))[0]
        predicate = vocabulary[record["predicate"]]
        sources = sorted({c["source"] for c in citations})
        full.add_edge(record["subject"], record["object"], key=record["id"], predicate=record["predicate"],
                      interaction=record["predicate"], label=predicate["label_en"], label_ar=predicate["label_ar"],
                      start=record.get("start") or "", end=record.get("end") or "", status=status,
                      sources=json.dumps(sources), source_count=len(sources),
                      supporting_source_count=len({c["source"] for c in citations if c["stance"] != "denies"}),
                      denying_source_count=len({c["source"] for c in citations if c["stance"] == "denies"}),
                      best_reliability=min(r for _, r in graded),
                      best_credibility=min(c["credibility"] for c in citations), symmetric=predicate["symmetric"],
                      claims=json.dumps([record["id"]]), citation_count=len(citations), quote=best["quote"],
                      quote_en=best.get("quote_en") or "", quote_source=best["source"])
started = time.perf_counter()
nx.write_graphml(full, work + "/networkx.graphml")
result["write_graphml"] = time.perf_counter() - started
result["write_graphml_mb"] = os.path.getsize(work + "/networkx.graphml") / 1e6
os.remove(work + "/networkx.graphml")
def write_dot(graph, out):
    # Straightforward: each node and edge with the label and tooltip a reader needs (who says
    # it and how strongly), quoted and escaped; no styling.
    quote = lambda text: '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("digraph G {\n")
        for node, data in graph.nodes(data=True):
            handle.write("  %s [label=%s, tooltip=%s];\n" % (quote(node), quote(data.get("label", node)),
                                                          quote(data.get("description", ""))))
        for a, b, key, data in graph.edges(keys=True, data=True):
            label = "%s\n%s %s\n%s · %d sources · best %s%s" % (
                data.get("label", ""), data.get("start", ""), data.get("end", ""), data.get("status", "").upper(),
                data.get("source_count", 0), data.get("best_reliability", ""), data.get("best_credibility", ""))
            handle.write("  %s -> %s [id=%s, label=%s, tooltip=%s];\n" % (quote(a), quote(b), quote(key), quote(label),
                                                                         quote(data.get("quote", ""))))
        handle.write("}\n")
started = time.perf_counter()
write_dot(full, work + "/networkx.dot")
result["write_dot"] = time.perf_counter() - started
result["write_dot_mb"] = os.path.getsize(work + "/networkx.dot") / 1e6
os.remove(work + "/networkx.dot")
started = time.perf_counter()
write_dot(nx.ego_graph(full.to_undirected(as_view=True), hub, radius=2), work + "/networkx-focus.dot")
result["write_dot_focus"] = time.perf_counter() - started
print(json.dumps(result))
"""

NEIGHBORS_CTE = """
WITH RECURSIVE reach(id, depth) AS (
    SELECT ?1, 0
    UNION
    SELECT CASE WHEN c.subject = reach.id THEN c.object ELSE c.subject END, reach.depth + 1
    FROM reach JOIN claim AS c ON c.subject = reach.id OR c.object = reach.id
    WHERE reach.depth < 2
)
SELECT DISTINCT c.id, c.subject, c.predicate, c.object
FROM reach JOIN claim AS c ON c.subject = reach.id OR c.object = reach.id
WHERE reach.depth < 2
"""

PATH_CTE = """
WITH RECURSIVE reach(id, depth) AS (
    SELECT ?1, 0
    UNION
    SELECT CASE WHEN c.subject = reach.id THEN c.object ELSE c.subject END, reach.depth + 1
    FROM reach JOIN claim AS c ON c.subject = reach.id OR c.object = reach.id
    WHERE reach.depth < 3 AND reach.id <> ?2
)
SELECT min(depth) FROM reach WHERE id = ?2
"""


def timed_sql(store, sql, parameters, repeat, rows=None):
    """Times a query on its own read-only connection; `rows` (a list) receives the row count."""
    connection = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = connection.execute(sql, parameters).fetchall()
        times.append(time.perf_counter() - started)
    connection.close()
    if rows is not None:
        rows.append(len(result))
    return times


# --- the same statements in SQLite alone -------------------------------------------------------

REPLAY = os.path.join(HERE, "replay")


def replay_tools(work):
    """Builds Benchmarks/replay/ into `work` with the system's C compiler: the statement log,
    loaded into isnad, and the replay. Returns (log library, replay), or None without a compiler."""
    compiler = next(filter(None, map(shutil.which, ("cc", "gcc", "clang"))), None)
    if compiler is None:
        return None
    library = os.path.join(work, "statement_log.so")
    replay = os.path.join(work, "replay")
    memory = os.path.join(ROOT, "Sources", "CSQLiteMemory")
    for command in ([compiler, "-O2", "-shared", "-fPIC", "-o", library, os.path.join(REPLAY, "statement_log.c"), "-ldl"],
                    [compiler, "-O2", "-I", os.path.join(memory, "include"), "-o", replay, os.path.join(REPLAY, "replay.c"),
                     os.path.join(memory, "sqlite_memory.c"), "-lsqlite3", "-lpthread"]):
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            say("cannot build Benchmarks/replay (libsqlite3-dev missing?): %s" % result.stderr.strip()[-500:])
            return None
    return library, replay


def logged_statements(path):
    """The statements of a log that statement_log.c wrote, in order."""
    statements = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("-- statement "):
                statements.append("")
            elif not line.startswith("-- rows ") and statements:
                statements[-1] += line
    return statements


def survey_replay(tools, isnad, store, entity, repeat):
    """SQLite alone stepping the statements that `isnad neighbors ENTITY --depth 2` runs while its
    clock runs: logged from the command, then replayed (Benchmarks/replay/replay.c), `repeat` times,
    each a new process and connection, as the in-process measure is. The clock of --timing starts
    once the entity named has been read (its row, aliases and merged ids) and stops before the
    table is written, whose first read is an entity's row for its name."""
    library, replay = tools
    log = os.path.join(os.path.dirname(library), "statements.log")
    environment = dict(os.environ, ISNAD_STATEMENT_LOG=log, LD_PRELOAD=library)
    subprocess.run([isnad, "--db", store, "neighbors", entity, "--depth", "2"], env=environment, check=True,
                   stdout=subprocess.DEVNULL)
    statements = logged_statements(log)
    center_read = "SELECT merged FROM entity_merged WHERE entity = '%s'" % entity.replace("'", "''")
    entity_read = "SELECT id, type, name, description, attributes FROM entity"
    # Positions from 0: the survey runs from the statement after the center's last read up to the
    # first entity read after it.
    start = next((index + 1 for index, sql in enumerate(statements) if sql.startswith(center_read)), None)
    end = next((index for index, sql in enumerate(statements) if start and index > start and sql.startswith(entity_read)),
               None)
    if start is None or end is None:
        raise RuntimeError("%s: the survey's statements were not found in the log %s" % (entity, log))
    times = []
    for _ in range(repeat):
        # replay.c counts statements from 1, both ends included.
        result = subprocess.run([replay, store, log, str(start + 1), str(end)], capture_output=True, text=True, check=True)
        times.append(parse_timing(result.stdout))
    return Sample(times), end - start


def ratio(peer, isnad):
    """How Isnad compares with a peer, both in seconds: `isnad 3.2× faster` or `isnad 1.5× slower`."""
    if peer >= isnad:
        return "isnad %.1f× faster" % (peer / isnad)
    return "isnad %.1f× slower" % (isnad / peer)


# What an export must read, whatever it writes: every claim with its citations, in id order.
EXPORT_READ = """
SELECT c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, ci.source, ci.via, ci.quote,
       ci.quote_en, ci.stance, ci.credibility, ci.locator
FROM claim AS c LEFT JOIN citation AS ci ON ci.claim = c.id ORDER BY c.id, ci.position
"""


def degree_picks(store, seed=5, pairs=100):
    connection = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    rows = connection.execute(
        "SELECT id, (SELECT count(*) FROM claim WHERE subject = e.id) + (SELECT count(*) FROM claim WHERE object = e.id) AS degree "
        "FROM entity AS e ORDER BY degree, id").fetchall()
    connection.close()
    connected = [row for row in rows if row[1] > 0]
    hub = connected[-1]
    median_actor = connected[len(connected) // 2]
    rng = random.Random(seed)
    ids = [row[0] for row in connected]
    chosen = [(rng.choice(ids), rng.choice(ids)) for _ in range(pairs)]
    return hub, median_actor, chosen


def entity_name(store, entity):
    connection = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    (name,) = connection.execute("SELECT name FROM entity WHERE id = ?", (entity,)).fetchone()
    connection.close()
    return name


def misspelt(name):
    """The whole name with its last letter mistyped: one edit away, so that only the close-spelling
    tier finds it."""
    return name[:-1] + ("m" if name[-1].lower() != "m" else "n")


def biggest_source(store):
    """The source cited by the most citations (as claimant or via), and how many."""
    connection = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    row = connection.execute(
        "SELECT id, (SELECT count(*) FROM citation WHERE source = s.id) + (SELECT count(*) FROM citation WHERE via = s.id) "
        "AS cited FROM source AS s ORDER BY cited DESC, id LIMIT 1").fetchone()
    connection.close()
    return row


def has_command(isnad, *words):
    return subprocess.run([isnad, *words, "--help"], capture_output=True).returncode == 0


def has_option(isnad, command, option):
    return option in subprocess.run([isnad, command, "--help"], capture_output=True, text=True).stdout


# --- the run ---------------------------------------------------------------------------------

def run_size(isnad, claims, measure, python, rows, smoke):
    # The bounded answers are quick: measured more often, for a median on a shared machine.
    bounded_repeat = 1 if smoke else max(measure.repeat, 7)
    if claims >= 1_000_000 and measure.repeat > 3:
        measure = Measure(3)
    source = dataset(claims)
    records = sum(1 for _ in open(source, encoding="utf-8"))
    label = "%dk" % (claims // 1000) if claims < 1_000_000 else "%dM" % (claims // 1_000_000)
    work = tempfile.mkdtemp(prefix="isnad-bench-")
    store = os.path.join(work, "isnad.db")
    try:
        replay = replay_tools(work)
        if replay is None:
            say("[%s] the neighbourhoods' SQLite bound is left out: no C compiler (cc, gcc, clang) or no build" % label)
        say("[%s] import" % label)
        sample = measure.process([isnad, "--db", store, "import", source], setup=lambda: remove_store(store))
        rows.append((label, "import", "isnad import", sample.text(), "%.0f MB" % sample.peak_mb,
                     "%d records/s" % (records / sample.median), None))
        isnad_import = sample

        csv_folder = os.path.join(work, "csv")
        export_csv(store, csv_folder)
        raw = os.path.join(work, "raw.db")
        script = raw_load_script(csv_folder, raw)

        def fresh_raw():
            remove_store(raw)
            subprocess.run(["sqlite3", raw], input=schema_sql(), text=True, check=True, capture_output=True)
        with open(script, encoding="utf-8") as handle:
            load = handle.read()
        sample = measure.process(["sqlite3", raw, ".read %s" % script], setup=fresh_raw)
        rows.append((label, "import", "sqlite3 .import (same rows as CSV, same schema and indexes, one transaction)", sample.text(),
                     "%.0f MB" % sample.peak_mb, "%d records/s" % (records / sample.median),
                     "isnad at %.0f%% of this rate" % (100 * sample.median / isnad_import.median)))
        # The same, with the rows of the import's history entry that isnad writes in the same
        # transaction (one change_record row per record added): every row the import leaves.
        history_tables = TABLES + ["change", "change_record"]
        export_csv(store, csv_folder, tables=["change", "change_record"])
        script = raw_load_script(csv_folder, raw, tables=history_tables)
        sample = measure.process(["sqlite3", raw, ".read %s" % script], setup=fresh_raw)
        rows.append((label, "import", "sqlite3 .import, the same rows and the history rows the import writes (change, change_record)",
                     sample.text(), "%.0f MB" % sample.peak_mb, "%d records/s" % (records / sample.median),
                     "isnad at %.0f%% of this rate" % (100 * sample.median / isnad_import.median)))
        # A tenth more claims into each store just loaded: the indexes stay in place (the batch
        # is below the rebuild threshold) and every row goes to a random place in them.
        say("[%s] import a tenth more claims into the full store" % label)
        subprocess.run(["sqlite3", store, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, capture_output=True)
        more = more_claims(store, claims // 10)
        grown = os.path.join(work, "grown.db")

        def fresh_grown():
            remove_store(grown)
            shutil.copyfile(store, grown)
        sample = measure.process([isnad, "--db", grown, "import", more], setup=fresh_grown)
        grown_import = sample
        rows.append((label, "import a tenth more claims into the full store", "isnad import (%d claims)" % (claims // 10),
                     sample.text(), "%.0f MB" % sample.peak_mb, "%d records/s" % (claims // 10 / sample.median), None))
        more_folder = os.path.join(work, "csv-more")
        os.makedirs(more_folder, exist_ok=True)
        for table, key in (("claim", "id"), ("citation", "claim"), ("change_record", "record")):
            with open(os.path.join(more_folder, table + ".csv"), "w", encoding="utf-8") as handle:
                subprocess.run(["sqlite3", "-csv", grown, "SELECT * FROM %s WHERE %s LIKE 'more-%%'" % (table, key)],
                               stdout=handle, check=True)
        subprocess.run(["sqlite3", raw, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, capture_output=True)
        # The same rows into the raw load's own store, and into a copy of the very file Isnad
        # imports into: the two stores hold the same rows but were built differently (Isnad's
        # indexes from sorted keys after the rows, the raw load's grown row by row).
        raw_targets = [
            (raw, "raw-grown.db", "(claims, citations, history) into the raw load's store"),
            (store, "raw-into-isnad.db", "into a copy of Isnad's store (the file isnad import starts from)"),
        ]
        for origin, name, described in raw_targets:
            target = os.path.join(work, name)
            script = raw_load_script(more_folder, target, tables=["claim", "citation", "change_record"])

            def fresh_target():
                remove_store(target)
                shutil.copyfile(origin, target)
            sample = measure.process(["sqlite3", target, ".read %s" % script], setup=fresh_target)
            rows.append((label, "import a tenth more claims into the full store",
                         "sqlite3 .import of the same rows %s" % described, sample.text(),
                         "%.0f MB" % sample.peak_mb, "%d records/s" % (claims // 10 / sample.median),
                         "isnad at %.0f%% of this rate" % (100 * sample.median / grown_import.median)))
            remove_store(target)
        remove_store(grown)

        if python:
            times = []
            for _ in range(measure.repeat if claims < 1_000_000 else 1):
                started = time.perf_counter()
                subprocess.run([python, "-c", NETWORKX_BUILD, source], check=True, capture_output=True)
                times.append(time.perf_counter() - started)
            peer = Sample(times)
            rows.append((label, "import", "networkx MultiDiGraph from the JSONL (in memory, no store)", peer.text(), "", "",
                         ratio(peer.median, isnad_import.median)))

        if claims <= 100_000 and has_command(isnad, "template"):
            # The same claims typed into a spreadsheet, one row per citation, imported into a
            # store that holds their entities and sources: every name resolved, row by row.
            say("[%s] import a claims sheet" % label)
            base_records, sheet, citations = claims_sheet(source, work)
            base = os.path.join(work, "sheet-base.db")
            subprocess.run([isnad, "--db", base, "import", base_records], check=True, capture_output=True)
            target = os.path.join(work, "sheet.db")

            def fresh_target():
                remove_store(target)
                shutil.copyfile(base, target)

            sample = measure.process([isnad, "--db", target, "import", sheet], setup=fresh_target,
                                     repeat=1 if smoke else min(measure.repeat, 3))
            rows.append((label, "import a claims sheet (CSV, one row per citation)", "isnad import FILE.csv", sample.text(),
                         "%.0f MB" % sample.peak_mb, "%d rows/s" % (citations / sample.median), ""))
            # The same rows as an analyst keeps them sorted by source: a claim's rows far apart,
            # which must not cost more than rows grouped by claim (they once cost the square).
            by_source = os.path.join(work, "claims-by-source.csv")
            with open(sheet, encoding="utf-8", newline="") as handle:
                sheet_rows = list(csv.reader(handle))
            source_column = sheet_rows[0].index("source")
            with open(by_source, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(sheet_rows[0])
                writer.writerows(sorted(sheet_rows[1:], key=lambda row: row[source_column]))
            del sheet_rows
            sample = measure.process([isnad, "--db", target, "import", by_source], setup=fresh_target,
                                     repeat=1 if smoke else min(measure.repeat, 3))
            rows.append((label, "import a claims sheet sorted by source (a claim's rows apart)", "isnad import FILE.csv",
                         sample.text(), "%.0f MB" % sample.peak_mb, "%d rows/s" % (citations / sample.median), ""))

        hub, median_actor, pairs = degree_picks(store)
        pairs_file = os.path.join(work, "pairs.json")
        with open(pairs_file, "w") as handle:
            json.dump(pairs, handle)
        networkx_results = {}
        if python:
            say("[%s] networkx queries" % label)
            result = subprocess.run([python, "-c", NETWORKX_QUERIES, source, hub[0], median_actor[0], pairs_file, work,
                                     os.path.join(ROOT, "Schemas", "predicates.json")],
                                    capture_output=True, text=True, check=True)
            networkx_results = json.loads(result.stdout)

        for name, (entity, degree) in (("hub", hub), ("median", median_actor)):
            reached = []
            cte = Sample(timed_sql(store, NEIGHBORS_CTE, (entity,), 1 if (name == "hub" and claims >= 1_000_000) else measure.repeat,
                                   rows=reached))
            work_name = "neighbors depth 2, %s (%d claims; %d claims within 2 hops)" % (name, degree, reached[0])
            isnad_neighbors = None
            if has_command(isnad, "neighbors"):
                repeat = 1 if (name == "hub" and claims >= 1_000_000) else None
                sample = measure.timing([isnad, "--db", store, "neighbors", entity, "--depth", "2", "--format", "csv"], repeat=repeat)
                isnad_neighbors = sample
                rows.append((label, work_name, "isnad neighbors --depth 2 --format csv, every claim (in-process)", sample.text(), "",
                             "", "p95 %s" % seconds(sample.percentile(0.95))))
                if has_option(isnad, "neighbors", "--limit"):
                    # The default table: a summary of a large neighbourhood, then its strongest claims.
                    sample = measure.timing([isnad, "--db", store, "neighbors", entity, "--depth", "2"], repeat=bounded_repeat)
                    rows.append((label, work_name, "isnad neighbors --depth 2, default table (in-process)", sample.text(), "", "",
                                 "p95 %s" % seconds(sample.percentile(0.95))))
                    if replay:
                        # The floor of that time on this store's layout: SQLite reading the same pages.
                        floor, statements = survey_replay(replay, isnad, store, entity, bounded_repeat)
                        rows.append((label, work_name,
                                     "SQLite alone stepping the %d statements the default table runs (C, prepared first)"
                                     % statements, floor.text(), "", "",
                                     "isnad at %.1f× this; %.2f of this bound" % (sample.median / floor.median,
                                                                               floor.median / sample.median)))
                    sample = measure.process([isnad, "--db", store, "neighbors", entity, "--depth", "2"], repeat=bounded_repeat)
                    rows.append((label, work_name, "isnad neighbors --depth 2, default table, whole cold process", sample.text(),
                                 "%.0f MB" % sample.peak_mb, "", ""))
                    if name == "hub":
                        sample = measure.process([isnad, "--db", store, "neighbors", entity, "--depth", "2", "--limit", "0"],
                                                 repeat=1 if claims >= 1_000_000 else None)
                        rows.append((label, work_name, "isnad neighbors --depth 2 --limit 0, every claim in a table, streamed",
                                     sample.text(), "%.0f MB" % sample.peak_mb, "", "target: ≤ 100 MB"))
            rows.append((label, work_name, "recursive CTE, same file (claim ids and ends only)", cte.text(), "", "",
                         "isnad at %.1f× this" % (isnad_neighbors.median / cte.median) if isnad_neighbors else ""))
            if networkx_results:
                rows.append((label, work_name, "networkx ego_graph (in memory)", Sample(networkx_results["ego_" + name]).text(),
                             "", "", ""))

        say("[%s] paths" % label)
        if has_command(isnad, "path"):
            times = []
            for a, b in (pairs if not smoke else pairs[:10]):
                result = subprocess.run([isnad, "--db", store, "path", a, b, "--max-depth", "6", "--timing", "--format", "csv"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                times.append(parse_timing(result.stderr))
            sample = Sample(times)
            rows.append((label, "shortest path, %d random pairs" % len(times), "isnad path (in-process)", sample.text(), "", "",
                         "p95 %s" % seconds(sample.percentile(0.95))))
        if networkx_results:
            sample = Sample(networkx_results["path"])
            rows.append((label, "shortest path, %d random pairs" % len(pairs), "networkx shortest_path (in memory)", sample.text(),
                         "", "", "p95 %s" % seconds(sample.percentile(0.95))))
        cte = Sample([timed_sql(store, PATH_CTE, pair, 1)[0] for pair in pairs[: (10 if claims >= 100_000 else len(pairs))]])
        rows.append((label, "shortest path, random pairs", "recursive CTE: hop distance, up to 3 hops", cte.text(), "", "", ""))

        for format_name, networkx_key in (("graphml", "write_graphml"), ("dot", "write_dot")):
            if format_name in subprocess.run([isnad, "export", "--help"], capture_output=True, text=True).stdout.split("USAGE")[0]:
                say("[%s] export %s" % (label, format_name))
                output = os.path.join(work, "export." + format_name)
                with open(output, "w") as handle:
                    def empty():
                        handle.seek(0)
                        handle.truncate()
                    sample = measure.process([isnad, "--db", store, "export", format_name], setup=empty, stdout=handle)
                size = os.path.getsize(output) / 1e6  # one run's output: each run starts on an empty file
                peer = networkx_results.get(networkx_key)
                peer_size = networkx_results.get(networkx_key + "_mb")
                rows.append((label, "export %s, whole graph" % format_name, "isnad export %s (%.0f MB written)" % (format_name, size),
                             sample.text(), "%.0f MB" % sample.peak_mb, "%.0f MB/s" % (size / sample.median),
                             "networkx %s: %s for %.0f MB, %.0f MB/s (%s)" % (
                                 networkx_key, seconds(peer), peer_size, peer_size / peer, ratio(peer, sample.median))
                             if peer else ""))
                os.remove(output)
                if format_name == "graphml":
                    read = Sample(timed_sql(store, EXPORT_READ, (), 1 if claims >= 1_000_000 else measure.repeat))
                    rows.append((label, "export, whole graph", "SQLite reading the claims and citations an export writes (no output)",
                                 read.text(), "", "", "isnad graphml export at %.1f× this" % (sample.median / read.median)))
                    # The same rows stepped by SQLite alone, in C (the shell sums the columns'
                    # lengths, so that every value is read; no Python objects per row).
                    columns = "c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, ci.source, ci.via, ci.quote, ci.quote_en, ci.stance, ci.credibility, ci.locator"
                    total = "+".join("coalesce(length(%s), 0)" % column.strip().split(".")[1] for column in columns.split(","))
                    alone = measure.process(["sqlite3", "file:%s?mode=ro" % store,
                                             "SELECT sum(%s) FROM (%s)" % (total, EXPORT_READ.strip())],
                                            repeat=1 if claims >= 1_000_000 else None)
                    rows.append((label, "export, whole graph", "SQLite alone stepping every column of those rows (sqlite3 shell, no output)",
                                 alone.text(), "%.0f MB" % alone.peak_mb, "",
                                 "isnad graphml export at %.1f× this" % (sample.median / alone.median)))
                if format_name == "dot":
                    sample = measure.process([isnad, "--db", store, "export", "dot", "--focus", hub[0], "--depth", "2"])
                    peer = networkx_results.get("write_dot_focus")
                    rows.append((label, "export dot, hub at depth 2", "isnad export dot --focus", sample.text(),
                                 "%.0f MB" % sample.peak_mb, "", "networkx ego_graph + DOT writer: %s (%s)" % (
                                     seconds(peer), ratio(peer, sample.median)) if peer else ""))

        if has_option(isnad, "show", "--limit"):
            say("[%s] show of the biggest entity" % label)
            work_name = "show of the biggest entity (%d claims)" % hub[1]
            sample = measure.timing([isnad, "--db", store, "show", hub[0]], repeat=bounded_repeat)
            rows.append((label, work_name, "isnad show, default (summary and strongest 200; in-process)", sample.text(), "", "",
                         "p95 %s" % seconds(sample.percentile(0.95))))
            sample = measure.process([isnad, "--db", store, "show", hub[0]], repeat=bounded_repeat)
            rows.append((label, work_name, "isnad show, default, whole cold process", sample.text(), "%.0f MB" % sample.peak_mb,
                         "", ""))
            sample = measure.process([isnad, "--db", store, "show", hub[0], "--limit", "0"], repeat=1 if smoke else None)
            rows.append((label, work_name, "isnad show --limit 0, every claim, streamed", sample.text(),
                         "%.0f MB" % sample.peak_mb, "", "target: ≤ 100 MB"))
            sample = measure.timing([isnad, "--db", store, "timeline", hub[0]], repeat=bounded_repeat)
            rows.append((label, work_name, "isnad timeline, default (the first 200 in date order, the table written; in-process)",
                         sample.text(), "", "", "p95 %s" % seconds(sample.percentile(0.95))))
            sample = measure.process([isnad, "--db", store, "timeline", hub[0], "--limit", "0"], repeat=1 if smoke else None)
            rows.append((label, work_name, "isnad timeline --limit 0, every claim in date order, streamed", sample.text(),
                         "%.0f MB" % sample.peak_mb, "", "target: ≤ 100 MB"))
            source, cited = biggest_source(store)
            sample = measure.process([isnad, "--db", store, "source", source, "--limit", "0"], repeat=1 if smoke else None)
            rows.append((label, "source of the most cited source (%d citations)" % cited,
                         "isnad source --limit 0, every claim, streamed", sample.text(), "%.0f MB" % sample.peak_mb, "",
                         "target: ≤ 100 MB"))

        if has_option(isnad, "disputes", "--limit"):
            # The whole store read for its contradictions: the pairs far outnumber the claims
            # (each act of a person dated after each report of their death), counted, the first
            # 200 of each kind shown.
            say("[%s] disputes" % label)
            sample = measure.process([isnad, "--db", store, "disputes"], repeat=1 if smoke or claims >= 1_000_000 else None)
            rows.append((label, "disputes, whole store", "isnad disputes, default table (the first 200 of each list)",
                         sample.text(), "%.0f MB" % sample.peak_mb, "", ""))

        # The summary of the whole store: every claim read and weighed once for its counts and
        # the links of its centrality (betweenness estimated from 256 sources above 2,000 actors).
        say("[%s] stats" % label)
        sample = measure.process([isnad, "--db", store, "stats"], repeat=1 if smoke or claims >= 1_000_000 else None)
        rows.append((label, "stats, whole store", "isnad stats (counts, and the top 10 by degree, betweenness, PageRank)",
                     sample.text(), "%.0f MB" % sample.peak_mb, "", ""))

        # Pairs of entities that may be one: a name that folds alike, or many shared neighbours.
        say("[%s] duplicates" % label)
        sample = measure.process([isnad, "--db", store, "duplicates"], repeat=1 if smoke or claims >= 1_000_000 else None)
        rows.append((label, "duplicates, whole store", "isnad duplicates (names folded alike, shared neighbours)",
                     sample.text(), "%.0f MB" % sample.peak_mb, "", ""))

        say("[%s] cold show" % label)
        sample = measure.process([isnad, "--db", store, "show", median_actor[0]])
        rows.append((label, "show, cold process (median actor)", "isnad show", sample.text(), "%.0f MB" % sample.peak_mb, "", ""))
        select = ("SELECT c.id, c.predicate, c.object, ci.source, ci.quote FROM claim c JOIN citation ci ON ci.claim = c.id "
                  "WHERE c.subject = '%s' OR c.object = '%s'" % (median_actor[0], median_actor[0]))
        sample = measure.process(["sqlite3", store, select])
        rows.append((label, "show, cold process (median actor)", "sqlite3 shell, equivalent SELECT", sample.text(),
                     "%.0f MB" % sample.peak_mb, "", ""))

        if has_command(isnad, "search"):
            # A name typed with two letters swapped: no name holds it, so the search goes on to
            # the close spellings, through the trigram index.
            say("[%s] search a misspelt name" % label)
            typo = misspelt(entity_name(store, median_actor[0]))
            sample = measure.timing([isnad, "--db", store, "search", typo], repeat=bounded_repeat)
            rows.append((label, "search, a misspelt name (%s)" % typo, "isnad search, default (in-process)", sample.text(),
                         "", "", "p95 %s" % seconds(sample.percentile(0.95))))
            sample = measure.process([isnad, "--db", store, "search", typo], repeat=bounded_repeat)
            rows.append((label, "search, a misspelt name (%s)" % typo, "isnad search, whole cold process", sample.text(),
                         "%.0f MB" % sample.peak_mb, "", ""))

        if has_command(isnad, "add", "claim"):
            # One more citation for a claim the store has, as an analyst adds one: a whole cold
            # process, its transaction and history entry committed (fsync included).
            say("[%s] add claim" % label)
            with sqlite3.connect(store) as connection:
                subject, predicate, object_ = connection.execute(
                    "SELECT subject, predicate, object FROM claim WHERE subject = ? ORDER BY id LIMIT 1",
                    (median_actor[0],)).fetchone()
                source = connection.execute("SELECT id FROM source WHERE full_text IS NULL ORDER BY id LIMIT 1").fetchone()[0]
            command = [isnad, "--db", store, "add", "claim", subject, predicate, object_, "--source", source,
                       "--stance", "reports", "--credibility", "4", "--author", "bench", "--quote", ""]
            counter = [0]

            def next_quote():
                counter[0] += 1
                command[-1] = "benchmark quote %d" % counter[0]

            sample = measure.process(command, setup=next_quote, repeat=1 if smoke else max(measure.repeat, 7))
            rows.append((label, "add claim, cold process (one citation more)", "isnad add claim", sample.text(),
                         "%.0f MB" % sample.peak_mb, "", "target: < 50 ms at 1M; %s" % sample.processor_text()))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                memory = "%.0f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    return "%s, %d cores, %s, %s %s" % (cpu, os.cpu_count() or 0, memory, platform.system(), platform.release())


def main():
    parser = argparse.ArgumentParser(description="Isnad benchmarks")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims per synthetic store, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="check that the harness works: one run, RESULTS.md untouched")
    parser.add_argument("--isnad", help="an isnad binary (default: build .build/release/isnad)")
    args = parser.parse_args()
    if args.isnad:
        isnad = os.path.abspath(args.isnad)
    else:
        say("building a release binary")
        subprocess.run(["swift", "build", "-c", "release", "--product", "isnad"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        isnad = os.path.join(ROOT, ".build", "release", "isnad")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("Benchmarks need GNU time at /usr/bin/time (apt-get install time)")
    measure = Measure(1 if args.smoke else args.repeat)
    python = python_with_networkx()
    if not python:
        say("networkx not found: its rows are left out (apt-get install python3-networkx)")
    rows = []
    sizes = [int(size) for size in args.sizes.split(",")]
    for claims in sizes:
        run_size(isnad, claims, measure, python, rows, args.smoke)
    version = subprocess.run([isnad, "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## Run of %s" % datetime.date.today().isoformat(),
        "",
        "- machine: %s" % machine(),
        "- isnad: %s, release build; SQLite shell %s; networkx %s" % (
            version, subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0],
            subprocess.run([python, "-c", "import networkx; print(networkx.__version__)"], capture_output=True,
                           text=True).stdout.strip() if python else "absent"),
        "- command: `Benchmarks/run.py --sizes %s --repeat %d`; times are medians of %d runs (min–max)" % (
            args.sizes, measure.repeat, measure.repeat),
        "",
        "| size | work | tool | time | peak memory | rate | compared |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell or "" for cell in row) + " |")
    table = "\n".join(lines) + "\n"
    print(table)
    if not args.smoke:
        results = os.path.join(HERE, "RESULTS.md")
        previous = open(results, encoding="utf-8").read() if os.path.exists(results) else "# Benchmark results\n"
        marker = "<!-- RUNS -->"
        if marker not in previous:
            previous += "\n" + marker + "\n"
        head, tail = previous.split(marker, 1)
        with open(results, "w", encoding="utf-8") as handle:
            handle.write(head + marker + "\n\n" + table + tail)


if __name__ == "__main__":
    main()
