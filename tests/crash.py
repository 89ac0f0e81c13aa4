#!/usr/bin/env python3
"""crash.py kill|disk-full: crash consistency of `docgraph import`.

kill: bench/gen writes a set of articles (seed and count printed); a clean
import of it is the reference. Then imports of the same set are killed
with SIGKILL at random moments (each kill's seed and delay printed) and
resumed, again and again: after every kill the database must pass
integrity_check and foreign_key_check, its full-text indexes must hold one
row per article and per node, and every article stored must be whole: the
same mentions (span, rule, node or edge type) and facts as the clean import
gave it. An import that finishes before its kill is compared with the
reference and the database is begun again. At the end the import is
finished and every table is compared with the reference.

disk-full: the same import into a tmpfs too small for it (in a mount
namespace of its own; skipped where it cannot be mounted): it must stop
with one line that says the disk is full, leave a database that passes the
same checks, and, moved to a roomy disk, finish to the reference.

Environment: DOCGRAPH and DG_GEN (the binaries); CRASH_ARTICLES,
CRASH_KILLS, CRASH_SEED to change the size, the number of kills and the
seed. Exit 77 is a skip.
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

DOCGRAPH = os.environ.get("DOCGRAPH", "docgraph")
GEN = os.environ.get("DG_GEN", "gen")
ARTICLES = int(os.environ.get("CRASH_ARTICLES", "2000"))
KILLS = int(os.environ.get("CRASH_KILLS", "24"))
SEED = int(os.environ.get("CRASH_SEED", "20261207"))
SKIP = 77
TABLES = ("articles", "nodes", "edges", "mentions", "node_facts", "aliases")


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def connect(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def signatures(db):
    """sha256 → what the store holds of that article, independent of ids."""
    con = connect(db)
    sig = {}
    for sha, aid in con.execute("SELECT sha256, id FROM articles"):
        sig[sha] = [aid]
    rows = con.execute(
        "SELECT a.sha256, m.start, m.end, m.rule, n.type, e.type FROM mentions m "
        "JOIN articles a ON a.id = m.article LEFT JOIN nodes n ON n.id = m.node "
        "LEFT JOIN edges e ON e.id = m.edge")
    for sha, start, end, rule, ntype, etype in rows:
        sig[sha].append((start, end, rule or "", ntype or "", etype or ""))
    for sha, n in con.execute("SELECT a.sha256, count(*) FROM node_facts f "
                              "JOIN articles a ON a.id = f.article GROUP BY a.sha256"):
        sig[sha].append(("facts", n))
    con.close()
    return {sha: sorted(v[1:], key=repr) for sha, v in sig.items()}


def check(db, reference, what):
    """integrity, foreign keys, full-text rows, and every article whole."""
    con = connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    fk = con.execute("PRAGMA foreign_key_check").fetchall()
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    n_nodes = con.execute("SELECT count(*) FROM nodes").fetchone()[0]
    fts_a = con.execute("SELECT count(*) FROM article_search_docsize").fetchone()[0]
    fts_n = con.execute("SELECT count(*) FROM node_search_docsize").fetchone()[0]
    con.close()
    if ok != "ok":
        fail(f"{what}: integrity_check: {ok}")
    if fk:
        fail(f"{what}: foreign_key_check: {fk[:5]}")
    if fts_a != n_articles or fts_n != n_nodes:
        fail(f"{what}: full-text rows {fts_a} for {n_articles} articles, "
             f"{fts_n} for {n_nodes} nodes")
    rw = sqlite3.connect(db)
    try:
        for t in ("article_search", "node_search"):
            rw.execute(f"INSERT INTO {t} ({t}) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as e:
        fail(f"{what}: FTS5 integrity-check: {e}")
    finally:
        rw.close()
    sig = signatures(db)
    half = [sha for sha, s in sig.items() if reference.get(sha) != s]
    if half:
        sha = half[0]
        fail(f"{what}: {len(half)} of {len(sig)} articles not as the clean import stored "
             f"them, e.g. {sha[:12]}: {len(sig[sha])} rows, clean {len(reference.get(sha, []))}")
    return n_articles


def content(db):
    """Every table, with ids replaced by what they stand for."""
    con = connect(db)
    out = {}
    out["counts"] = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    out["nodes"] = sorted(con.execute("SELECT type, key, label, attrs FROM nodes"))
    out["edges"] = sorted(con.execute(
        "SELECT e.type, s.key, d.key, e.attrs FROM edges e JOIN nodes s ON s.id = e.src "
        "JOIN nodes d ON d.id = e.dst"))
    out["facts"] = sorted(con.execute(
        "SELECT n.key, a.sha256, f.attrs FROM node_facts f JOIN nodes n ON n.id = f.node "
        "JOIN articles a ON a.id = f.article"))
    out["articles"] = sorted(con.execute("SELECT sha256, source, title, date, text FROM articles"))
    out["fts"] = (con.execute("SELECT count(*) FROM article_search_docsize").fetchone()[0],
                  con.execute("SELECT count(*) FROM node_search_docsize").fetchone()[0])
    con.close()
    return out


def compare(db, ref_content, what):
    got = content(db)
    for k in ref_content:
        if got[k] != ref_content[k]:
            if k == "counts" or k == "fts":
                fail(f"{what}: {k} {got[k]}, clean import {ref_content[k]}")
            extra = set(got[k]) - set(ref_content[k])
            missing = set(ref_content[k]) - set(got[k])
            fail(f"{what}: {k} differ: {len(missing)} missing (e.g. {list(missing)[:1]}), "
                 f"{len(extra)} extra (e.g. {list(extra)[:1]})")
    c = got["counts"]
    print(f"{what}: the same as the clean import: " +
          ", ".join(f"{v} {k}" for k, v in c.items()), flush=True)


def import_cmd(db, src):
    return [DOCGRAPH, "import", "-q", "--db", db, src]


def generate(work):
    src = os.path.join(work, "set.jsonl")
    subprocess.run([GEN, "--seed", str(SEED), "-o", src, str(ARTICLES)], check=True)
    print(f"set: bench/gen --seed {SEED} {ARTICLES} ({os.path.getsize(src) >> 10} KiB)",
          flush=True)
    clean = os.path.join(work, "clean.db")
    t0 = time.monotonic()
    p = subprocess.run(import_cmd(clean, src), capture_output=True, text=True)
    secs = time.monotonic() - t0
    if p.returncode != 0:
        fail(f"clean import: exit {p.returncode}: {p.stderr}")
    print(f"clean import: {secs:.1f} s", flush=True)
    return src, clean, secs


def remove_db(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)


def case_kill(work):
    src, clean, secs = generate(work)
    reference = signatures(clean)
    ref_content = content(clean)
    db = os.path.join(work, "crash.db")
    kills = finished = 0
    lost = half = 0
    attempt = 0
    while kills < KILLS:
        seed = SEED + attempt
        attempt += 1
        rng = random.Random(seed)
        # Up to the whole clean import's time: early kills land in opening
        # and the first batch, late ones in commits and checkpoints.
        delay = rng.uniform(0.0, secs * 0.6)
        before = 0
        if os.path.exists(db):
            con = connect(db)
            before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        p = subprocess.Popen(import_cmd(db, src), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            kills += 1
            n = check(db, reference, f"kill {kills} (seed {seed}, after {delay:.3f} s)")
            if n < before:
                lost += before - n
                fail(f"kill {kills}: {before - n} articles committed before are gone")
            print(f"kill {kills}: seed {seed}, SIGKILL after {delay:.3f} s: {n} articles "
                  f"stored ({n - before:+d}), every one whole", flush=True)
            continue
        err = p.stderr.read().decode()
        if p.returncode != 0:
            fail(f"seed {seed}: the import ended by itself with exit {p.returncode}: {err}")
        finished += 1
        check(db, reference, f"finished run (seed {seed})")
        compare(db, ref_content, f"finished before its kill (seed {seed}, {delay:.3f} s)")
        remove_db(db)
    p = subprocess.run(import_cmd(db, src), capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"the last import: exit {p.returncode}: {p.stderr}")
    check(db, reference, "after the last import")
    compare(db, ref_content, f"after {kills} kills, finished")
    print(f"{kills} kills, {finished} imports finished between them: "
          f"0 articles lost, 0 half-stored", flush=True)


def case_disk_full(work):
    if os.environ.get("CRASH_IN_NS") != "1":
        if os.geteuid() != 0 or shutil.which("unshare") is None:
            raise Skip("needs root and unshare to mount a small tmpfs")
        src, clean, secs = generate(work)
        # Room for the first batch of articles and its WAL, not for all of them.
        size_kib = max(512, (os.path.getsize(clean) >> 10) * 3 // 5)
        full = os.path.join(work, "full")
        os.mkdir(full)
        script = (f"mount -t tmpfs -o size={size_kib}k tmpfs {full} || exit {SKIP}; "
                  f"exec {sys.executable} {os.path.abspath(__file__)} disk-full")
        env = dict(os.environ, CRASH_IN_NS="1", CRASH_WORK=work)
        print(f"a {size_kib} KiB tmpfs for a database of {os.path.getsize(clean) >> 10} KiB",
              flush=True)
        p = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env)
        if p.returncode == SKIP:
            raise Skip("could not mount a tmpfs here")
        if p.returncode != 0:
            sys.exit(p.returncode)
        # Moved to a roomy disk, the import finishes to the reference.
        db = os.path.join(work, "moved.db")
        p = subprocess.run(import_cmd(db, src), capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"finishing on a roomy disk: exit {p.returncode}: {p.stderr}")
        check(db, signatures(clean), "finished on a roomy disk")
        compare(db, content(clean), "finished on a roomy disk")
        return
    src = os.path.join(work, "set.jsonl")
    reference = signatures(os.path.join(work, "clean.db"))
    db = os.path.join(work, "full", "g.db")
    t0 = time.monotonic()
    p = subprocess.run(import_cmd(db, src), capture_output=True, text=True, timeout=600)
    secs = time.monotonic() - t0
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    print(f"import into the full disk: exit {p.returncode} after {secs:.1f} s, "
          f"{len(lines)} lines: {lines[:2]}", flush=True)
    if p.returncode == 0:
        fail("the import succeeded on a disk too small for it")
    if p.returncode < 0 or p.returncode >= 128:
        fail(f"killed by a signal ({p.returncode})")
    if len(lines) != 1 or "full" not in lines[0]:
        fail("not one line that says the disk is full")
    # The checks open the file read-only; the full-text check writes
    # nothing but needs a -shm, which the tmpfs still has room for.
    n = check(db, reference, "the database on the full disk")
    print(f"the database on the full disk: {n} articles, every one whole", flush=True)
    for suffix in ("", "-wal"):
        if os.path.exists(db + suffix):
            shutil.copy(db + suffix, os.path.join(work, "moved.db" + suffix))


class Skip(Exception):
    pass


CASES = {"kill": case_kill, "disk-full": case_disk_full}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CASES:
        print("usage: crash.py kill|disk-full")
        return 2
    inner = os.environ.get("CRASH_WORK")
    work = inner or tempfile.mkdtemp(prefix=f"crash-{sys.argv[1]}-")
    try:
        CASES[sys.argv[1]](work)
    except Skip as e:
        print(f"SKIP: {e}")
        return SKIP
    except SystemExit as e:
        if e.code and inner is None:
            print(f"the files are kept in {work}")
            inner = work
        raise
    finally:
        if inner is None:
            shutil.rmtree(work, ignore_errors=True)
    if inner is None:
        print(f"crash:{sys.argv[1]}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
