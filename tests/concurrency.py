#!/usr/bin/env python3
"""concurrency.py: two imports into one database while readers read it.

bench/gen writes two sets of articles (seed printed). First, twice, two
imports start at the same moment on a new database: both must succeed.
Then the database gets a first article, and two imports (one set each)
run at once while three readers loop over `show`, `search`, `stats` and
`export -T json` (and a fourth, in Python, reads the articles and their
mentions in one transaction). No command may fail or say "locked" or
"busy"; every export must be whole (each edge's ends among its nodes);
every article a reader sees must have all its mentions, as a clean import
of the same article gives; at the end every article of both sets is there,
each as the clean import stored it.

Environment: DOCGRAPH and DG_GEN; CONC_ARTICLES per set (default 500).
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

DOCGRAPH = os.environ.get("DOCGRAPH", "docgraph")
GEN = os.environ.get("DG_GEN", "gen")
N = int(os.environ.get("CONC_ARTICLES", "500"))
SEED = int(os.environ.get("CONC_SEED", "7"))
HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "data", "hostile", "base.txt")

problems = []
counts = {"show": 0, "search": 0, "stats": 0, "export": 0, "snapshot": 0}
lock = threading.Lock()


def problem(msg):
    with lock:
        problems.append(msg)
    print("PROBLEM: " + msg, flush=True)


def run(args, **kw):
    return subprocess.run([DOCGRAPH] + args, capture_output=True, text=True, **kw)


def mentions_by_article(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = dict(con.execute("SELECT a.sha256, count(m.id) FROM articles a "
                           "LEFT JOIN mentions m ON m.article = a.id GROUP BY a.id"))
    con.close()
    return out


def reader(db, stop, which):
    cmds = [["show", "--db", db, "1"],
            ["search", "--db", db, "hoa binh"],
            ["stats", "--db", db, "--format", "json"],
            ["export", "--db", db, "--view", "all", "-T", "json"]]
    i = which
    while not stop.is_set():
        cmd = cmds[i % len(cmds)]
        i += 1
        p = run(cmd, timeout=300)
        text = (p.stderr or "").lower()
        if p.returncode != 0:
            problem(f"docgraph {cmd[0]}: exit {p.returncode}: {p.stderr.strip()}")
        elif "locked" in text or "busy" in text:
            problem(f"docgraph {cmd[0]}: {p.stderr.strip()}")
        elif cmd[0] == "export":
            g = json.loads(p.stdout)
            ids = {n["id"] for n in g["nodes"]}
            dangling = [e for e in g["edges"] if e["src"] not in ids or e["dst"] not in ids]
            if dangling:
                problem(f"export: {len(dangling)} edges whose ends are not in the export")
        with lock:
            counts[cmd[0]] += 1


def snapshot_reader(db, expected, stop):
    """Reads articles and mentions in one transaction, as the queries do:
    an article is there with every mention, or not at all."""
    while not stop.is_set():
        try:
            seen = mentions_by_article(db)
        except sqlite3.OperationalError as e:
            problem(f"a reader: {e}")
            continue
        for sha, n in seen.items():
            if sha in expected and expected[sha] != n:
                problem(f"a reader saw an article with {n} of its {expected[sha]} mentions")
        with lock:
            counts["snapshot"] += 1
        time.sleep(0.05)


def importer(db, src, results, key):
    p = run(["import", "--db", db, src], timeout=900)
    results[key] = p
    if p.returncode != 0:
        problem(f"import {os.path.basename(src)}: exit {p.returncode}: {p.stderr.strip()}")
    elif "locked" in p.stderr.lower() or "busy" in p.stderr.lower():
        problem(f"import {os.path.basename(src)}: {p.stderr.strip()}")


def main():
    work = tempfile.mkdtemp(prefix="concurrency-")
    try:
        a, b = os.path.join(work, "a.jsonl"), os.path.join(work, "b.jsonl")
        subprocess.run([GEN, "--seed", str(SEED), "-o", a, str(N)], check=True)
        subprocess.run([GEN, "--seed", str(SEED), "--start", str(N), "-o", b, str(N)],
                       check=True)
        print(f"sets: bench/gen --seed {SEED} {N} and --start {N} {N}", flush=True)

        # Two imports creating one database at the same moment.
        for k in range(2):
            db = os.path.join(work, f"new{k}.db")
            res = {}
            ts = [threading.Thread(target=importer, args=(db, BASE if i == 0 else
                                                          os.path.join(HERE, "data", "hostile",
                                                                       "other.txt"), res, i))
                  for i in range(2)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
        print("two imports creating one database at once: both succeed (twice)", flush=True)

        # The reference: each set imported alone, then both.
        ref = os.path.join(work, "ref.db")
        for src in (a, b):
            p = run(["import", "-q", "--db", ref, src])
            if p.returncode != 0:
                problem(f"clean import: {p.stderr}")
        expected = mentions_by_article(ref)

        db = os.path.join(work, "g.db")
        p = run(["import", "-q", "--db", db, BASE])
        if p.returncode != 0:
            problem(f"first article: {p.stderr}")
        stop = threading.Event()
        readers = [threading.Thread(target=reader, args=(db, stop, i)) for i in range(3)]
        readers.append(threading.Thread(target=snapshot_reader, args=(db, expected, stop)))
        for t in readers:
            t.start()
        res = {}
        t0 = time.monotonic()
        writers = [threading.Thread(target=importer, args=(db, src, res, src)) for src in (a, b)]
        for t in writers:
            t.start()
        for t in writers:
            t.join()
        secs = time.monotonic() - t0
        stop.set()
        for t in readers:
            t.join()
        print(f"two imports of {N} articles each in {secs:.1f} s while readers ran: " +
              ", ".join(f"{v} {k}" for k, v in counts.items()), flush=True)

        got = mentions_by_article(db)
        missing = [sha for sha in expected if sha not in got]
        wrong = [sha for sha in expected if sha in got and got[sha] != expected[sha]]
        if missing:
            problem(f"{len(missing)} of {len(expected)} articles are missing")
        if wrong:
            problem(f"{len(wrong)} articles are not as the clean import stored them")
        con = sqlite3.connect(db)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        con.close()
        if ok != "ok" or fk:
            problem(f"integrity_check {ok}, foreign_key_check {fk[:3]}")
        if problems:
            print(f"FAIL: {len(problems)} problems")
            return 1
        print(f"{len(got)} articles, every one of both sets whole; 0 commands failed, "
              f"0 said locked or busy")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
