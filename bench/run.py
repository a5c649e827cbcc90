"""Benchmark runner: times whole `netwerk` commands as processes, next to khard and jrnl.

    python -m bench.run                 # typical, heavy, stress; 5 runs after 1 warm-up
    python -m bench.run --runs 3 --sizes typical,heavy

Run by hand (not in CI). Databases are generated into bench/.work/ when missing (stress takes
about a minute), peers are installed there from PyPI, and every command runs against a copy of
the generated database so `log` leaves the originals as they were. For each command: the median,
min–max over the runs, and the peak memory (max RSS, from `wait4`) of the hungriest run. The
commands run round-robin (each once per round), so a change in load hits all of them alike.
The target ratios (issue 16's, then issue 5's that still apply) are printed from the same run,
each marked ok or MISSED, against a floor measured in the same rounds: a process that imports
typer, rich's console and table, and sqlite3, and exits.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import generate, peers

WORK = Path(__file__).resolve().parent / ".work"
TODAY = generate.TODAY.isoformat()


@dataclass
class Timing:
    label: str
    size: str
    times: list[float]
    max_rss_mb: float
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self) -> str:
        spread = f"{min(self.times):.3f}–{max(self.times):.3f}"
        return (
            f"{self.label:<34} {self.size:<8} {self.median:>8.3f} {spread:>13} "
            f"{self.max_rss_mb:>8.1f}  {self.note}"
        )


# Runs one command for run_once and reports its wall time, peak memory and exit code. A child's
# ru_maxrss counts the memory of the process it was forked from, up to its exec: forked from the
# runner (which may hold generated databases in memory) every command would seem as big as the
# runner. Forked from this small interpreter, the floor is a few MB, well under any command.
_SPAWNER = """
import os, sys, time
report = int(sys.argv[1])
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvpe(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
os.write(report, f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time (s), max RSS (MB) and exit code of one process."""
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _SPAWNER, str(write_end), *cmd],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(write_end,),
        )
        os.close(write_end)
        _, err = proc.communicate()
        elapsed, rss_kb, code = os.read(read_end, 200).decode().split()
    finally:
        os.close(read_end)
    if int(code) and err:
        sys.stderr.write(err.decode(errors="replace")[-500:])
    return float(elapsed), int(rss_kb) / 1024, int(code)


@dataclass
class Job:
    label: str
    size: str
    cmd: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None
    note: str = ""


class Bench:
    """Collects the commands, then runs them round-robin: every command once per round, so a
    change in the machine's load hits every command alike and the ratios stay fair."""

    def __init__(self, runs: int, warmup: int) -> None:
        self.runs = runs
        self.warmup = warmup
        self.jobs: list[Job] = []
        self.results: dict[tuple[str, str], Timing] = {}
        self.skipped: dict[str, str] = {}

    def time(
        self,
        label: str,
        size: str,
        cmd: list[str],
        env: dict[str, str],
        *,
        before: Callable[[], None] | None = None,
        note: str = "",
    ) -> None:
        """Queue a command to be timed by `run`."""
        self.jobs.append(Job(label, size, cmd, env, before, note))

    def run(self) -> None:
        times: dict[int, list[float]] = {i: [] for i in range(len(self.jobs))}
        peak: dict[int, float] = dict.fromkeys(times, 0.0)
        failed: set[int] = set()
        for round_ in range(self.warmup + self.runs):
            print(f"  round {round_ + 1} of {self.warmup + self.runs}", file=sys.stderr)
            for i, job in enumerate(self.jobs):
                if i in failed:
                    continue
                if job.before:
                    job.before()
                elapsed, rss, code = run_once(job.cmd, job.env)
                if code != 0:
                    self.skipped[job.label] = f"exit code {code}: {' '.join(job.cmd[-4:])}"
                    failed.add(i)
                elif round_ >= self.warmup:
                    times[i].append(elapsed)
                    peak[i] = max(peak[i], rss)
        for i, job in enumerate(self.jobs):
            if i not in failed:
                result = Timing(job.label, job.size, times[i], peak[i], job.note)
                self.results[(job.label, job.size)] = result

    def get(self, label: str, size: str) -> Timing | None:
        return self.results.get((label, size))


def netwerk_exe() -> str:
    here = Path(sys.executable).parent / "netwerk"
    return str(here) if here.exists() else (shutil.which("netwerk") or "netwerk")


def compile_netwerk() -> None:
    """Byte-compile netwerk as `pip install` would, so timings do not include compiling our own
    modules (an editable install under PYTHONDONTWRITEBYTECODE never writes __pycache__)."""
    import compileall

    import netwerk

    compileall.compile_dir(Path(netwerk.__file__).parent, quiet=1)


def runs_ok(cmd: list[str], env: dict[str, str]) -> bool:
    return subprocess.run(cmd, env=env, capture_output=True).returncode == 0


def has_command(exe: str, env: dict[str, str], *words: str) -> bool:
    done = subprocess.run([exe, *words, "--help"], env=env, capture_output=True)
    return done.returncode == 0


def ensure_db(size: str) -> Path:
    path = WORK / f"{size}.db"
    if not path.exists():
        contacts, touches = generate.SIZES[size]
        print(f"generating {size} ({contacts:,} / {touches:,}) …", file=sys.stderr)
        generate.build(path, contacts, touches)
    return path


def working_copy(source: Path) -> Path:
    """A copy to run commands against, so writes (`log`) do not drift the generated data."""
    target = WORK / f"run-{source.name}"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def sample_person(db: Path) -> tuple[str, str, str]:
    """A person with a median-length timeline, a second person, and an expertise to ask about.

    Chosen by rank, so every size asks about a comparable person.
    """
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT c.name FROM contact c JOIN touch_contact tc ON tc.contact_id = c.id "
            "WHERE c.archived = 0 GROUP BY c.id ORDER BY count(*), c.id"
        ).fetchall()
        person = rows[len(rows) // 2][0]
        other = rows[len(rows) // 3][0]
        (expertise,) = conn.execute(
            "SELECT expertise FROM contact WHERE expertise IS NOT NULL LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return person, other, expertise


def bench_size(b: Bench, exe: str, size: str) -> str:
    db = working_copy(ensure_db(size))
    env = {**os.environ, "NETWERK_DB": str(db), "NETWERK_TODAY": TODAY, "COLUMNS": "120"}
    person, other, expertise = sample_person(db)
    print(f"{size}: {db} (show/log: {person})", file=sys.stderr)
    nw = [exe]
    b.time("netwerk due", size, [*nw, "due"], env)
    b.time("netwerk show NAME", size, [*nw, "show", person], env)
    b.time("netwerk list --limit 20", size, [*nw, "list", "--limit", "20"], env)
    b.time("netwerk log NAME", size, [*nw, "log", person, "--kind", "call"], env)
    b.time("netwerk stats", size, [*nw, "stats"], env)
    b.time("netwerk graph", size, [*nw, "graph"], env)
    # issue 11: one pass over blocking keys (e-mail, phone, profile, name, close name)
    b.time("netwerk duplicates --json", size, [*nw, "duplicates", "--json", "--limit", "0"], env)
    for word, args in [("who", [expertise]), ("path", [person])]:
        b.time(f"netwerk {word}", size, [*nw, word, *args], env)
    if size in EVERYDAY_SIZES:
        for label, args in everyday(person, other):
            b.time(f"netwerk {label}", size, [*nw, *args], env)
        bench_touch_corrections(b, size, exe, db, person, env)
    return person


def bench_touch_corrections(
    b: Bench, size: str, exe: str, db: Path, person: str, env: dict[str, str]
) -> None:
    """`touch edit` and `touch delete` (issue 10's corrections, in issue 16's target 1): the
    edit changes the same touch every run; the delete gets a fresh touch before each run,
    logged untimed."""

    def fresh_touch() -> str:
        subprocess.run([exe, "log", person, "--kind", "call"], env=env, capture_output=True)
        conn = sqlite3.connect(db)
        try:
            return str(conn.execute("SELECT max(id) FROM touch WHERE kind = 'call'").fetchone()[0])
        finally:
            conn.close()

    edited = fresh_touch()
    b.time("netwerk touch edit ID", size, [exe, "touch", "edit", edited, "--note", "bench"], env)
    delete = [exe, "touch", "delete", "ID", "--yes"]

    def before() -> None:
        delete[3] = fresh_touch()

    b.time("netwerk touch delete ID", size, delete, env, before=before)


# Issue 16, target 1: the everyday commands, timed on these sizes (stress for the ratio to the
# floor, typical for the growth); the others above run on every size.
EVERYDAY_SIZES = ("typical", "stress")
# the floor every command pays: an interpreter with the command-line framework, rich's console
# and tables, and sqlite3 loaded
FLOOR = "floor (typer, rich, sqlite3)"
FLOOR_CODE = "import typer, rich.console, rich.table, sqlite3"


def everyday(person: str, other: str) -> list[tuple[str, list[str]]]:
    """(label, arguments) of the everyday commands not timed on every size; the writing ones
    are repeatable (add --force, intro again, archive what is archived)."""
    return [
        ("add", ["add", "Bench Persoon", "--force", "--met", "gisteren", "--circle", "BNI"]),
        ("give NAME", ["give", person, "een tip"]),
        ("ask NAME", ["ask", person, "een introductie"]),
        ("intro A B", ["intro", person, other, "--why", "beide in de logistiek"]),
        ("snooze NAME", ["snooze", other, "volgende week"]),
        ("archive NAME", ["archive", other]),
        ("edit NAME", ["edit", person, "--company", "Acme"]),
        ("circle list", ["circle", "list"]),
        ("asks", ["asks"]),
        ("intros", ["intros"]),
        ("event list", ["event", "list"]),
        ("goal list", ["goal", "list"]),
    ]


EVERYDAY_LABELS = [
    "due",
    "show NAME",
    "list --limit 20",
    "log NAME",
    "who",
    "path",
    *(label for label, _ in everyday("", "")),
    "touch edit ID",
    "touch delete ID",
]


def bench_startup(b: Bench, exe: str, person: str) -> None:
    db = WORK / "run-heavy.db"
    env = {**os.environ, "NETWERK_DB": str(db), "NETWERK_TODAY": TODAY}
    b.time(FLOOR, "-", [sys.executable, "-c", FLOOR_CODE], env)
    b.time("netwerk --help", "-", [exe, "--help"], env)
    b.time("netwerk --help (nl)", "-", [exe, "--help"], {**env, "NETWERK_LANG": "nl"})
    b.time("netwerk --version", "-", [exe, "--version"], env)
    b.time("netwerk where", "-", [exe, "where"], env)
    prefix = person.split()[0][:3]
    # what the shipped scripts (netwerk/shell/) run for a NAME: the launcher's stdlib lookup
    names = [exe, "__names", "show", prefix]
    done = subprocess.run(names, env=env, capture_output=True, text=True)
    offered = [w for w in done.stdout.splitlines() if w.lower().startswith(prefix.lower())]
    note = "" if offered else "(no names offered)"
    b.time("netwerk completion (show NAME)", "-", names, env, note=note)
    # commands and options still come through the framework's protocol (no target)
    options = {
        **env,
        "_NETWERK_COMPLETE": "complete_bash",
        "COMP_WORDS": "netwerk show --",
        "COMP_CWORD": "2",
    }
    b.time("netwerk completion (show --)", "-", [exe], options)


def bench_imports(b: Bench, exe: str, p: peers.Peers) -> None:
    target = WORK / "run-import.db"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)

    env = {**os.environ, "NETWERK_DB": str(target), "NETWERK_TODAY": TODAY}
    for kind, source, label in [
        ("vcard", p.vcards, "netwerk import vcard (10,000)"),
        ("linkedin", p.linkedin_csv, "netwerk import linkedin (10,000)"),
    ]:
        if has_command(exe, env, "import", kind):
            b.time(label, "-", [exe, "import", kind, str(source)], env, before=fresh)
        else:
            b.skipped[label] = f"no `import {kind}` command yet (issue 4)"
    fresh()


def bench_mail(b: Bench, exe: str) -> None:
    """`import mail` of a 50,000-message mbox next to the standard library's `mailbox` reading
    just those headers (issue 14: at most 2x), and of a 5,000-message one (memory stays flat)."""
    from bench import mail

    target = WORK / "run-mail.db"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)

    env = {**os.environ, "NETWERK_DB": str(target), "NETWERK_TODAY": TODAY}
    for n, size in [(50_000, "50k"), (5_000, "5k")]:
        box = WORK / f"mail-{n}.mbox"
        if not box.exists():
            mail.write_mbox(box, n)
        b.time("mailbox headers (stdlib)", size, [sys.executable, "-m", "bench.mail",
               "--baseline", str(box)], env)  # fmt: skip
        cmd = [exe, "import", "mail", str(box), "--me", mail.ME]
        b.time("netwerk import mail", size, cmd, env, before=fresh)
    fresh()


def ratio(b: Bench, name: str, a: tuple[str, str], c: tuple[str, str], limit: float) -> str:
    x, y = b.get(*a), b.get(*c)
    if x is None or y is None:
        missing = a[0] if x is None else c[0]
        return f"{name:<58} skipped ({b.skipped.get(missing, 'not measured')})"
    value = x.median / y.median
    verdict = "ok" if value <= limit else "MISSED"
    return f"{name:<58} {value:6.2f}  (target ≤ {limit})  {verdict}"


def rss_ratio(b: Bench, label: str, limit: float) -> str:
    x, y = b.get(label, "stress"), b.get(label, "typical")
    name = f"max RSS {label}: stress / typical"
    if x is None or y is None:
        return f"{name:<58} skipped"
    value = x.max_rss_mb / y.max_rss_mb
    return f"{name:<58} {value:6.2f}  (target ≤ {limit})  {'ok' if value <= limit else 'MISSED'}"


def mem_limit(b: Bench, label: str, size: str, limit_mb: float) -> str:
    x = b.get(label, size)
    name = f"max RSS {label} ({size})"
    if x is None:
        return f"{name:<58} skipped"
    verdict = "ok" if x.max_rss_mb <= limit_mb else "MISSED"
    return f"{name:<58} {x.max_rss_mb:6.1f}  (target ≤ {limit_mb:.0f} MB)  {verdict}"


def report(b: Bench, load_before: tuple[float, ...]) -> None:
    due_h = ("netwerk due", "heavy")
    floor = (FLOOR, "-")
    jrnl, khard = ("jrnl @person", "-"), ("khard list", "-")
    lines = []
    for label in EVERYDAY_LABELS:  # issue 16's targets, numbered as in the issue
        full = f"netwerk {label}"
        lines.append(ratio(b, f"1. {label} (stress) / floor", (full, "stress"), floor, 2.5))
    lines.append(ratio(b, "2. due (heavy) / jrnl one person (100k)", due_h, jrnl, 0.15))
    for label in ["--help", "--help (nl)"]:
        lines.append(ratio(b, f"3. {label} / floor", (f"netwerk {label}", "-"), floor, 1.5))
    for label in EVERYDAY_LABELS:
        full = f"netwerk {label}"
        grown = (full, "stress"), (full, "typical")
        lines.append(ratio(b, f"4. {label}: stress / typical", *grown, 1.5))
        lines.append(rss_ratio(b, full, 1.5))
        lines.append(mem_limit(b, full, "stress", 45))
    vcard, linkedin = (
        ("netwerk import vcard (10,000)", "-"),
        ("netwerk import linkedin (10,000)", "-"),
    )
    lines += [  # issue 5's, kept
        ratio(b, "due (heavy) / khard list (10k vCards)", due_h, khard, 0.1),
        ratio(b, "import vcard / khard list", vcard, khard, 1.0),
        ratio(b, "import linkedin / due (heavy)", linkedin, due_h, 3.0),
    ]
    for label in ["--version", "where", "completion (show NAME)"]:
        lines.append(ratio(b, f"{label} / due (heavy)", (f"netwerk {label}", "-"), due_h, 0.4))
    lines.append(
        ratio(
            b,
            "import mail (50k) / stdlib mailbox headers (50k)",
            ("netwerk import mail", "50k"),
            ("mailbox headers (stdlib)", "50k"),
            2.0,
        )  # fmt: skip
    )
    x, y = b.get("netwerk import mail", "50k"), b.get("netwerk import mail", "5k")
    if x and y:
        value = x.max_rss_mb / y.max_rss_mb
        verdict = "ok" if value <= 1.5 else "MISSED"
        name = "max RSS import mail: 50k / 5k messages"
        lines.append(f"{name:<58} {value:6.2f}  (target ≤ 1.5)  {verdict}")
    print(
        f"netwerk bench: {os.cpu_count()} CPUs, load average {load_before[0]:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end (ratios are fair only on a quiet machine)"
    )
    print()
    print(f"{'command':<34} {'size':<8} {'median s':>8} {'min–max s':>13} {'RSS MB':>8}")
    for t in b.results.values():
        print(t.row())
    print()
    print("Targets (ratios of medians, one run):")
    for line in lines:
        print("  " + line)
    if b.skipped:
        print()
        print("Skipped:")
        for label, why in b.skipped.items():
            print(f"  {label}: {why}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--sizes", default="typical,heavy,stress")
    parser.add_argument("--no-peers", action="store_true", help="skip khard and jrnl")
    parser.add_argument("--mail-only", action="store_true", help="only the mail import")
    args = parser.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = set(sizes) - set(generate.SIZES)
    if unknown:
        parser.error(f"unknown size {', '.join(sorted(unknown))}")
    load_before = os.getloadavg()
    WORK.mkdir(exist_ok=True)
    compile_netwerk()
    exe = netwerk_exe()
    b = Bench(args.runs, args.warmup)
    if args.mail_only:
        bench_mail(b, exe)
        b.run()
        report(b, load_before)
        return 0
    bench_mail(b, exe)
    person = ""
    for size in ["heavy"] + [s for s in sizes if s != "heavy"]:
        person_here = bench_size(b, exe, size)
        person = person if person else person_here
    bench_startup(b, exe, person)
    if not args.no_peers:
        p = peers.prepare(WORK, ensure_db("heavy"), person)
        b.time("khard list", "-", [*p.khard, "list"], p.env)
        b.time("jrnl @person", "-", [*p.jrnl, p.tag], p.env)
        bench_imports(b, exe, p)
    b.run()
    report(b, load_before)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
