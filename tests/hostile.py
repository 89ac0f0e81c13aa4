#!/usr/bin/env python3
"""hostile.py CASE: one hostile-input test of the docgraph command line.

Run by ctest as hostile:CASE with DOCGRAPH set to the binary. Each case
that feeds docgraph something it must refuse checks that the run ends
within a time bound, in a non-zero exit with one line on stderr that names
the input and the reason (with --quiet, nothing else), that memory stayed
bounded, and that the database is as it was (same rows, integrity_check
ok). The "names" cases store labels made to break out of every export
format and check that each format still parses and carries them as text.
Exit 77 is a skip (ctest SKIP_RETURN_CODE), with the reason on stdout.
"""
import csv
import hashlib
import io
import json
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

DOCGRAPH = os.environ.get("DOCGRAPH", "docgraph")
HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "data", "hostile", "base.txt")
OTHER = os.path.join(HERE, "data", "hostile", "other.txt")
SKIP = 77
# The exit status DOCGRAPH_WRAPPER's valgrind is told to give on an error
# (README: the command-line tests under valgrind).
VALGRIND_ERROR = 99
# Seconds and resident megabytes one refused input may take.
TIME_LIMIT = float(os.environ.get("HOSTILE_TIME_LIMIT", "30"))
RSS_LIMIT_MB = 400


class Skip(Exception):
    pass


def sanitized():
    """ASan and valgrind runs take more memory and time than they bound."""
    if os.environ.get("DOCGRAPH_WRAPPER"):
        return True
    try:
        out = subprocess.run(["ldd", DOCGRAPH], capture_output=True, text=True).stdout
    except OSError:
        return False
    return "libasan" in out or "libubsan" in out


def run(args, stdin=None, timeout=None, check_rss=True):
    """Runs docgraph; returns (exit status, stdout, stderr, seconds, MB)."""
    timeout = timeout or TIME_LIMIT
    if sanitized():
        timeout *= 10
    wrapper = os.environ.get("DOCGRAPH_WRAPPER", "").split()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.monotonic()
    try:
        p = subprocess.run(wrapper + [DOCGRAPH] + args, stdin=stdin, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"docgraph {' '.join(args)}: still running after {timeout:.0f} s")
    secs = time.monotonic() - t0
    if wrapper and p.returncode == VALGRIND_ERROR:
        fail(f"docgraph {' '.join(args)}: valgrind: {p.stderr.decode('utf-8', 'replace')}")
    mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if check_rss and not sanitized() and mb > RSS_LIMIT_MB and mb > before / 1024:
        fail(f"docgraph {' '.join(args)}: {mb:.0f} MB resident, over {RSS_LIMIT_MB} MB")
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace"), secs, mb


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def digest(db):
    """What the database holds, row by row: the same after a refused input."""
    # On a read-only file system only an immutable reader can open a WAL file.
    mode = "mode=ro" if os.access(os.path.dirname(db), os.W_OK) else "immutable=1"
    con = sqlite3.connect(f"file:{db}?{mode}", uri=True)
    h = hashlib.sha256()
    h.update(str(con.execute("PRAGMA user_version").fetchone()).encode())
    for table in ("articles", "nodes", "edges", "mentions", "node_facts", "aliases"):
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1"):
            h.update(repr(row).encode())
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    fk = con.execute("PRAGMA foreign_key_check").fetchall()
    con.close()
    if ok != "ok" or fk:
        fail(f"{db}: integrity_check {ok!r}, foreign_key_check {fk!r}")
    return h.hexdigest()


def base_db(work):
    db = os.path.join(work, "g.db")
    rc, out, err, _, _ = run(["import", "-q", "--db", db, BASE])
    if rc != 0:
        fail(f"importing the base article: {err}")
    return db


def refused(work, args, names, reason, stdin=None, db=None):
    """docgraph ARGS must fail in one line naming NAMES and REASON, leaving
    the database as it was."""
    db = db or base_db(work)
    before = digest(db)
    rc, out, err, secs, mb = run(args[:1] + ["-q", "--db", db] + args[1:] if args[0] == "import"
                                 else args[:1] + ["--db", db] + args[1:], stdin=stdin)
    lines = [l for l in err.splitlines() if l.strip()]
    print(f"docgraph {' '.join(args)}: exit {rc}, {secs:.2f} s, {mb:.0f} MB: {err.strip()}")
    if rc == 0:
        fail("exit status 0")
    if rc < 0 or rc >= 128:
        fail(f"killed by a signal ({rc})")
    if len(lines) != 1:
        fail(f"{len(lines)} lines on stderr, not one")
    line = lines[0]
    if not line.startswith("docgraph: "):
        fail("the line does not start with 'docgraph: '")
    for name in names:
        if name not in line:
            fail(f"the line does not name {name!r}")
    if reason.lower() not in line.lower():
        fail(f"the line does not say {reason!r}")
    if digest(db) != before:
        fail("the database changed")
    return line


# ------------------------------------------------------------- input cases

def case_big_file(work):
    """A 1 GB file (sparse: no disk taken) as text, HTML and JSONL."""
    for ext, reason in ((".txt", "over the limit"), (".html", "over the limit"),
                        (".jsonl", "over the limit")):
        path = os.path.join(work, "big" + ext)
        with open(path, "wb") as f:
            f.truncate(1 << 30)
        refused(work, ["import", path], [path], reason)


def long_line(n_bytes):
    unit = "Tỉnh ủy Hòa Bình ban hành kế hoạch thực hiện nghị quyết. "
    return unit * (n_bytes // len(unit.encode()) + 1)


def case_long_line(work):
    """A 100 MB line, as a text article and as one JSONL record."""
    text = long_line(100 << 20)
    path = os.path.join(work, "line.txt")
    with open(path, "w") as f:
        f.write("Tin\n\n" + text + "\n")
    refused(work, ["import", path], [path], "over the limit")
    path = os.path.join(work, "line.jsonl")
    with open(path, "w") as f:
        f.write(json.dumps({"source": "x", "text": "Tin\n\n" + text}) + "\n")
    refused(work, ["import", path], [path, "line 1"], "over the limit")


def case_nul_bytes(work):
    for ext, data, reason in ((".txt", b"Tin\n\nBan Th\x00\n", "NUL byte"),
                              (".html", b"<html><body><p>Ban\x00</p></body></html>", ""),
                              (".jsonl", b'{"text": "Tin\x00"}\n', "NUL byte")):
        path = os.path.join(work, "nul" + ext)
        with open(path, "wb") as f:
            f.write(data)
        if ext == ".html":
            # The HTML reader may read past a NUL as a browser does; it must
            # not crash, and a refusal must be one line.
            db = base_db(work)
            rc, out, err, _, _ = run(["import", "-q", "--db", db, path])
            print(f"nul.html: exit {rc}: {err.strip()}")
            if rc not in (0, 1) or len(err.splitlines()) > 1:
                fail("nul.html: neither stored nor refused in one line")
            digest(db)
            continue
        refused(work, ["import", path], [path], reason)


def case_utf16_bom(work):
    """UTF-16 with a byte-order mark is decoded: the article is stored with
    its text; without a mark it is refused."""
    text = open(BASE, encoding="utf-8").read()
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        path = os.path.join(work, enc + ".txt")
        with open(path, "wb") as f:
            f.write(bom + text.encode(enc))
        db = os.path.join(work, enc + ".db")
        rc, out, err, _, _ = run(["import", "-q", "--db", db, path])
        if rc != 0:
            fail(f"{enc} with a BOM: exit {rc}: {err}")
        con = sqlite3.connect(db)
        title, = con.execute("SELECT title FROM articles").fetchone()
        n, = con.execute("SELECT count(*) FROM nodes").fetchone()
        con.close()
        print(f"{enc} with a BOM: stored, title {title!r}, {n} nodes")
        if title != text.splitlines()[0] or n < 3:
            fail(f"{enc}: the article was not decoded")
    path = os.path.join(work, "nobom.txt")
    with open(path, "wb") as f:
        f.write(text.encode("utf-16-le"))
    refused(work, ["import", path], [path], "NUL byte")
    path = os.path.join(work, "badbom.txt")
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + b"\x00\xd8A\x00")  # a lone surrogate
    refused(work, ["import", path], [path], "byte-order mark")


def case_fifo(work):
    """A FIFO nobody writes to would block for ever."""
    path = os.path.join(work, "pipe.txt")
    os.mkfifo(path)
    refused(work, ["import", path], [path], "FIFO")
    # In a folder too: it is skipped with the same line.
    sub = os.path.join(work, "dir")
    os.mkdir(sub)
    os.mkfifo(os.path.join(sub, "pipe.txt"))
    refused(work, ["import", sub], ["pipe.txt"], "FIFO")


def case_dev_zero(work):
    """/dev/zero named, and poured into standard input."""
    refused(work, ["import", "/dev/zero"], ["/dev/zero"], "not a regular file")
    with open("/dev/zero", "rb") as z:
        refused(work, ["import", "-"], ["-"], "over the limit", stdin=z)
    with open("/dev/zero", "rb") as z:
        refused(work, ["import", "--format", "jsonl", "-"], ["-"], "without a line end", stdin=z)


def case_symlink_loop(work):
    a, b = os.path.join(work, "a.txt"), os.path.join(work, "b.txt")
    os.symlink(b, a)
    os.symlink(a, b)
    refused(work, ["import", a], [a], "symbolic links")
    # A folder that links to itself is walked once.
    loop = os.path.join(work, "loop")
    os.mkdir(loop)
    shutil.copy(BASE, os.path.join(loop, "x.txt"))
    os.symlink(loop, os.path.join(loop, "again"))
    db = os.path.join(work, "loop.db")
    rc, out, err, secs, _ = run(["import", "-q", "--db", db, loop])
    print(f"a folder that links to itself: exit {rc}, {secs:.2f} s")
    if rc != 0:
        fail(err)


# ---------------------------------------------------------- database cases

def case_not_sqlite(work):
    path = os.path.join(work, "notes.db")
    with open(path, "w") as f:
        f.write("Danh sách đại biểu dự hội nghị\n" * 200)
    before = open(path, "rb").read()
    for cmd in (["stats"], ["import", BASE], ["search", "x"], ["export", "-T", "json"]):
        rc, out, err, _, _ = run([cmd[0], "--db", path] + cmd[1:])
        print(f"docgraph {cmd[0]} on a text file: exit {rc}: {err.strip()}")
        if rc == 0 or len(err.splitlines()) != 1 or "not an SQLite database" not in err:
            fail("not refused in one line")
    if open(path, "rb").read() != before or os.path.exists(path + "-wal"):
        fail("the file was changed")


def case_other_program(work):
    path = os.path.join(work, "other.db")
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    rc, out, err, _, _ = run(["import", "--db", path, BASE])
    print(f"another program's database: exit {rc}: {err.strip()}")
    if rc == 0 or "not a docgraph database" not in err:
        fail("not refused")


def case_newer_schema(work):
    db = base_db(work)
    con = sqlite3.connect(db)
    version, = con.execute("PRAGMA user_version").fetchone()
    con.execute(f"PRAGMA user_version = {version + 1}")
    con.commit()
    con.close()
    before = digest(db)
    for cmd in (["stats"], ["import", BASE], ["show", "1"]):
        rc, out, err, _, _ = run([cmd[0], "--db", db] + cmd[1:])
        print(f"docgraph {cmd[0]}, schema {version + 1}: exit {rc}: {err.strip()}")
        if rc == 0 or len(err.splitlines()) != 1 or "newer than this docgraph" not in err:
            fail("not refused in one line")
    if digest(db) != before:
        fail("the database changed")


def readers_work(db):
    for cmd in (["stats"], ["search", "hoa binh"], ["show", "1"], ["export", "-T", "json"]):
        rc, out, err, _, _ = run([cmd[0], "--db", db] + cmd[1:])
        if rc != 0:
            fail(f"docgraph {cmd[0]} on a read-only database: {err}")
    print("stats, search, show and export read it")


def case_read_only_fs(work):
    """A database on a read-only file system (a tmpfs remounted ro, in a
    mount namespace of its own): the queries read it, import is refused."""
    ro = os.path.join(work, "ro")
    if os.environ.get("HOSTILE_WORK"):
        db = os.path.join(ro, "g.db")
        readers_work(db)
        refused(work, ["import", OTHER], [db], "read-only", db=db)
        return
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        raise Skip("needs root and unshare to mount a read-only file system")
    db = base_db(work)
    os.mkdir(ro)
    script = (f"mount -t tmpfs -o size=16m tmpfs {ro} || exit {SKIP}; cp {db} {ro}/ && "
              f"mount -o remount,ro {ro} && exec {sys.executable} {__file__} read-only-fs")
    p = subprocess.run(["unshare", "-m", "sh", "-c", script],
                       env=dict(os.environ, HOSTILE_WORK=work))
    if p.returncode == SKIP:
        raise Skip("could not mount a tmpfs here")
    if p.returncode != 0:
        sys.exit(p.returncode)


def case_read_only_file(work):
    """A database file its user may not write (0444): run as nobody when
    root, whom file modes do not stop."""
    db = os.path.join(work, "g.db")
    if os.environ.get("HOSTILE_WORK") or os.geteuid() != 0:
        if not os.environ.get("HOSTILE_WORK"):
            base_db(work)
            os.chmod(db, 0o444)
        readers_work(db)
        refused(work, ["import", OTHER], [db], "read-only", db=db)
        return
    if shutil.which("setpriv") is None:
        raise Skip("root, and no setpriv to become another user")
    base_db(work)
    os.chmod(db, 0o444)
    os.chmod(work, 0o777)
    p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        sys.executable, __file__, "read-only-file"],
                       env=dict(os.environ, HOSTILE_WORK=work))
    if p.returncode != 0:
        sys.exit(p.returncode)


# -------------------------------------------------------------- name cases

# Labels made to break out of each format, and the spreadsheet formulas a
# CSV must not hand to a spreadsheet as formulas.
HOSTILE = [
    'Ban "Thường vụ" \\" ]; INJECTED [shape=egg xlabel=PWNED]; "x',
    '<b>x</b> </text><script>alert(1)</script> <br/> &amp; &#x41; &lt;',
    ']]> <!-- --> <?xml version="1.0"?> <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]> &e;',
    '=HYPERLINK("http://example.invalid","bấm")',
    '+1+cmd|\' /C calc\'!A0',
    '-2+3',
    '@SUM(A1:A9)',
    'dòng\nmới\r\nvà "ngoặc", dấu phẩy; chấm phẩy',
    'gạch \\N \\G \\E \\L \\l \\n \\\\ cuối \\',
    '{"label": "x"} \'single\' `back` $HOME %s %n',
    'ký tự\x01điều khiển\x1b[31m đỏ\x7f',
    'tách\u2028dòng\u2029đoạn\u0085hết',
]
FORMULA_START = "=+-@\t\r"


def hostile_line():
    """One extract-JSONL record whose nodes carry the hostile labels."""
    text = "Tin\n\n" + " ".join(f"Tên {i}." for i in range(len(HOSTILE)))
    nodes, edges = [], []
    types = ["organization", "official", "document", "event"]
    for i, label in enumerate(HOSTILE):
        t = types[i % 4]
        attrs = {}
        if t == "document":
            attrs = {"title": label, "code": f"{i}-KH/TU", "date": "2024-03-12"}
        if t == "official":
            attrs = {"titles": [label, "Bí thư"]}
        nodes.append({"id": f"n{i}", "type": t, "label": label, "key": f"hostile {i}",
                      "attrs": attrs, "evidence": {"start": 0, "end": 3, "rule": "test"}})
    for i in range(1, len(HOSTILE)):
        edges.append({"type": "attended" if nodes[i]["type"] == "official" else "part-of",
                      "src": f"n{i}", "dst": f"n{i - 1}",
                      "attrs": {"role": HOSTILE[i]},
                      "evidence": {"start": 0, "end": 3, "rule": "test"}})
    # Only edge types whose ends fit are kept by the store; the rest show
    # whatever it keeps.
    return json.dumps({"article": {"source": "hostile.jsonl", "title": "Tin", "date": None,
                                   "text": text},
                       "nodes": nodes, "edges": edges}, ensure_ascii=False)


def names_db(work):
    path = os.path.join(work, "hostile.jsonl")
    with open(path, "w") as f:
        f.write(hostile_line() + "\n")
    db = base_db(work)
    rc, out, err, _, _ = run(["import", "-q", "--db", db, path])
    if rc != 0:
        fail(f"importing hostile names: {err}")
    con = sqlite3.connect(db)
    stored = [r[0] for r in con.execute("SELECT label FROM nodes WHERE key LIKE 'hostile %'")]
    con.close()
    if len(stored) != len(HOSTILE):
        fail(f"{len(stored)} of {len(HOSTILE)} hostile nodes stored")
    return db, stored


def export(db, fmt, out=None):
    args = ["export", "--db", db, "--view", "all", "-T", fmt, "--layout", "dot"]
    if out:
        args += ["-o", out]
    rc, stdout, err, _, _ = run(args, check_rss=False)
    if rc != 0:
        fail(f"export -T {fmt}: exit {rc}: {err}")
    return stdout


def xml_chars(s):
    """What XML 1.0 can hold of s: C0 controls but tab and line ends are
    written as spaces."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else " " for c in s)


def loose(s):
    return " ".join(xml_chars(s).split())


def case_names_json(work):
    db, stored = names_db(work)
    data = json.loads(export(db, "json"))
    labels = {n["label"] for n in data["nodes"]}
    for s in stored:
        if s not in labels:
            fail(f"JSON: label {s!r} not read back")
    print(f"JSON: {len(stored)} hostile labels read back exactly")


def xml_texts(root):
    texts = set()
    for el in root.iter():
        if el.text:
            texts.add(el.text)
        for v in el.attrib.values():
            texts.add(v)
    return texts


def check_xml(fmt, work, db, stored):
    out = os.path.join(work, "g." + fmt)
    export(db, fmt, out)
    try:
        root = ET.parse(out).getroot()
    except ET.ParseError as e:
        fail(f"{fmt}: not well-formed XML: {e}")
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag == "script" or any(a.lower().startswith("on") for a in el.attrib):
            fail(f"{fmt}: a <{tag}> element or an on* attribute came through")
    texts = {loose(t) for t in xml_texts(root)}
    for s in stored:
        if loose(s) not in texts:
            fail(f"{fmt}: label {s!r} not read back as text")
    print(f"{fmt}: well-formed, {len(stored)} hostile labels read back as text")


def case_names_graphml(work):
    db, stored = names_db(work)
    check_xml("graphml", work, db, stored)


def case_names_gexf(work):
    db, stored = names_db(work)
    check_xml("gexf", work, db, stored)


def case_names_svg(work):
    """SVG (and so the HTML-like labels Graphviz draws from): well-formed, no
    script, every label shown as text, '<b>x</b>' as its characters."""
    if shutil.which("dot") is None:
        raise Skip("no Graphviz dot")
    db, stored = names_db(work)
    out = os.path.join(work, "g.svg")
    export(db, "svg", out)
    try:
        root = ET.parse(out).getroot()
    except ET.ParseError as e:
        fail(f"svg: not well-formed XML: {e}")
    shown = " ".join(loose("".join(el.itertext())) for el in root.iter()
                     if el.tag.endswith("}text") or el.tag.endswith("}title"))
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag == "script" or any(a.lower().startswith("on") for a in el.attrib):
            fail(f"svg: a <{tag}> element or an on* attribute came through")
    for needle in ("<b>x</b>", "</text><script>alert(1)</script>", "&amp;", "&e;", "\\N",
                   "=HYPERLINK"):
        if needle not in shown:
            fail(f"svg: {needle!r} is not shown as text")
    print("svg: well-formed, no script, markup and Graphviz escapes shown as text")


def case_names_dot(work):
    """DOT read back by Graphviz: one node per stored node, nothing injected,
    each label as written."""
    if shutil.which("dot") is None:
        raise Skip("no Graphviz dot")
    db, stored = names_db(work)
    dot = os.path.join(work, "g.dot")
    export(db, "dot", dot)
    p = subprocess.run(["dot", "-Tjson0", dot], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"dot: Graphviz cannot read it: {p.stderr}")
    g = json.loads(p.stdout)
    objects = g.get("objects", [])
    for o in objects:
        if o.get("name") == "INJECTED" or o.get("shape") == "egg" or o.get("xlabel") == "PWNED":
            fail(f"dot: an injected node or attribute: {o}")
    labels = " ".join(loose(o.get("label", "")) + " " + loose(o.get("tooltip", ""))
                      for o in objects)
    # Labels are HTML-like or plain; compare what they say as text.
    import html
    plain = html.unescape(labels).replace("\\\\", "\\")
    for needle in ("<b>x</b>", "INJECTED [shape=egg", "&e;", "=HYPERLINK", "\\N"):
        if needle not in plain:
            fail(f"dot: {needle!r} is not in any label as text")
    print(f"dot: read back by Graphviz, {len(objects)} nodes and clusters, nothing injected")


def case_names_csv(work):
    """CSV: RFC 4180 read back, every label there, and no field a
    spreadsheet would run as a formula (those start with a quote mark)."""
    db, stored = names_db(work)
    prefix = os.path.join(work, "g")
    export(db, "csv", prefix)
    with open(prefix + "-nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    with open(prefix + "-edges.csv", newline="", encoding="utf-8") as f:
        erows = list(csv.reader(f))
    eheader, erows = erows[0], erows[1:]
    for hdr, table in ((header, rows), (eheader, erows)):
        for row in table:
            if len(row) != len(hdr):
                fail(f"csv: a row of {len(row)} fields under {len(hdr)} columns: {row}")
            for name, field in zip(hdr, row):
                if name.endswith(":long"):
                    continue
                if field and field[0] in FORMULA_START:
                    fail(f"csv: column {name}: {field!r} would run as a formula")
    li = header.index("label")
    labels = {r[li] for r in rows}
    for s in stored:
        want = "'" + s if s[0] in FORMULA_START else s
        if want not in labels:
            fail(f"csv: label {s!r} not read back (as {want!r})")
    print(f"csv: {len(rows)} nodes, {len(erows)} edges, no formula, every label read back")


CASES = {
    "big-file": case_big_file,
    "long-line": case_long_line,
    "nul-bytes": case_nul_bytes,
    "utf16-bom": case_utf16_bom,
    "fifo": case_fifo,
    "dev-zero": case_dev_zero,
    "symlink-loop": case_symlink_loop,
    "not-sqlite": case_not_sqlite,
    "other-program": case_other_program,
    "newer-schema": case_newer_schema,
    "read-only-fs": case_read_only_fs,
    "read-only-file": case_read_only_file,
    "names-json": case_names_json,
    "names-graphml": case_names_graphml,
    "names-gexf": case_names_gexf,
    "names-svg": case_names_svg,
    "names-dot": case_names_dot,
    "names-csv": case_names_csv,
}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CASES:
        print("usage: hostile.py CASE; cases: " + " ".join(CASES))
        return 2
    name = sys.argv[1]
    inner = os.environ.get("HOSTILE_WORK")  # a case run again as another user
    work = inner or tempfile.mkdtemp(prefix=f"hostile-{name}-")
    try:
        CASES[name](work)
    except Skip as e:
        print(f"SKIP: {e}")
        return SKIP
    finally:
        if inner is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"hostile:{name}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
