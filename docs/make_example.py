"""Build the small invented network of the README's examples and draw docs/graph.png.

    python docs/make_example.py          # prints `netwerk stats` and writes docs/graph.png

Every person here is made up. It runs the installed `netwerk` against a throw-away database,
with today fixed at 2026-11-22 like the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXE = Path(sys.executable).with_name("netwerk")

PEOPLE = [
    ("Piet Jansen", "2024-03-01", ["werk"]),
    ("Klaas Bakker", "2025-06-12", ["fietsclub"]),
    ("Anna de Vries", "2026-02-02", ["werk", "fietsclub"]),
    ("Sanne Mulder", "2023-09-09", ["familie"]),
    ("Joris van Dijk", "2026-05-20", ["BNI Utrecht"]),
    ("Fatima el Amrani", "2026-09-15", ["BNI Utrecht", "werk"]),
    ("Lotte Smit", "2025-01-05", ["fietsclub"]),
    ("Bram Hendriks", "2026-10-01", ["BNI Utrecht"]),
    ("Eva Kok", "2022-04-04", ["familie"]),
    ("Daan Visser", "2026-11-02", []),
]
TOUCHES = [
    (["Piet"], "2026-01-15"),
    (["Piet", "Anna"], "2026-03-10"),
    (["Piet"], "2026-06-01"),
    (["Piet"], "2026-09-20"),
    (["Piet"], "2026-11-10"),
    (["Klaas", "Lotte"], "2026-04-05"),
    (["Klaas"], "2026-08-17"),
    (["Anna"], "2026-07-07"),
    (["Anna", "Klaas"], "2026-10-12"),
    (["Sanne"], "2026-02-14"),
    (["Sanne", "Eva"], "2026-12-01"),
    (["Eva"], "2026-05-05"),
    (["Joris", "Fatima", "Bram"], "2026-10-09"),
    (["Fatima"], "2026-11-03"),
    (["Joris"], "2026-06-18"),
    (["Sanne", "Eva"], "2026-11-15"),
]
KNOWS = [
    ("Piet", "Anna"),
    ("Anna", "Klaas"),
    ("Klaas", "Lotte"),
    ("Sanne", "Eva"),
    ("Joris", "Fatima"),
    ("Fatima", "Bram"),
    ("Fatima", "Piet"),
]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="netwerk-example-"))
    env = {
        **os.environ,
        "NETWERK_DB": str(folder / "example.db"),
        "NETWERK_TODAY": "2026-11-22",
        "NETWERK_LANG": "en",
        "COLUMNS": "80",
    }

    def nw(*args: str) -> str:
        done = subprocess.run([str(EXE), *args], env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"netwerk {' '.join(args)}: {done.stderr}")
        return done.stdout

    for name, met, circles in PEOPLE:
        nw("add", name, "--met", met, *[x for c in circles for x in ("--circle", c)])
    for names, when in TOUCHES:
        if when <= "2026-11-22":
            nw("log", *names, "--when", when)
    for a, b in KNOWS:
        nw("knows", a, b)
    nw("give", "Klaas", "een routekaart", "--when", "2026-09-02")
    nw("ask", "Fatima", "een goede boekhouder", "--when", "2026-11-03")
    nw("intro", "Joris", "Lotte", "--why", "allebei logistiek", "--when", "2026-10-20")
    nw("intro", "Bram", "Piet", "--why", "Bram zoekt een CTO", "--when", "2026-09-01")
    nw("intros", "done", "2", "--outcome", "koffie gehad", "--result", "met")
    print(nw("stats"))
    nw("graph", "-o", str(HERE / "graph.png"))


if __name__ == "__main__":
    main()
