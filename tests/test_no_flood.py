"""No flood after a LinkedIn import: 1,500 realistic connections, then the next 60 mornings.

The user keeps up with family, friends and a business club (touches logged on their cadence);
then imports 1,500 LinkedIn connections made over ten years, most of them long ago. Every
morning (NETWERK_TODAY moves, in-process for speed) they look at `due` and log touches with the
first three people on it. No morning may show more than a handful of newly due imported
people, and a connection never touched may not outrank someone kept up with at a similar
overdue ratio.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from bench.names import FIRST_NAMES, SURNAMES
from netwerk.services.due import due
from netwerk.services.importing import HANDFUL
from netwerk.services.touches import add_touch
from netwerk.store.store import open_store
from tests.conftest import TODAY

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
START = date.fromisoformat(TODAY)


def _connections(path, count: int = 1_500) -> None:
    """A Connections.csv as LinkedIn writes it: the preamble, then connections over ten
    years, more of them recent (a career's network grows), a few today-ish."""
    rng = random.Random(11)
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for n in range(count):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(SURNAMES).replace("_", " ")
        days = int(3650 * rng.random() ** 1.6)  # skewed towards the recent past
        on = START - timedelta(days=days)
        email = f"{first.lower()}.{n}@example.nl" if rng.random() < 0.1 else ""
        lines.append(
            f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{n},{email},"
            f"Bedrijf {n % 97},Adviseur,{on.day:02d} {MONTHS[on.month - 1]} {on.year}"
        )
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _kept_up(run) -> list[str]:
    """People the user actually sees: each with a cadence and touches on it until recently."""
    people = [("Mama", "Familie", "2w"), ("Papa", "Familie", "2w"), ("Zus", "Familie", "4w")]
    people += [(f"Vriend {n}", "Vrienden", "6w") for n in range(6)]
    people += [(f"BNI Lid {n}", "BNI", "4w") for n in range(20)]
    for name, circle, every in people:
        run.ok("add", name, "--circle", circle, "--every", every, "--met", "2020-01-01")
    rng = random.Random(3)
    for name, _circle, _every in people:
        # last seen between a few days and a few weeks ago: some of them are due already
        run.ok("log", name, "--when", (START - timedelta(days=rng.randint(3, 45))).isoformat())
    return [name for name, _c, _e in people]


def test_sixty_mornings_after_importing_1500_connections(run, db_file, tmp_path):
    _kept_up(run)
    path = tmp_path / "Connections.csv"
    _connections(path)
    result = run.ok("import", "linkedin", str(path), "--json")
    out = json.loads(result.stdout)
    assert out["counts"]["added"] == 1_500
    assert out["circles"] == [{"name": "LinkedIn", "cadence_days": 365}]
    assert out["scheduled"]["per_day"] == HANDFUL

    imported = {a["id"] for a in out["added"]}
    seen: set[int] = set()
    shown_imported = 0
    for morning in range(60):
        today = START + timedelta(days=morning + 1)
        with open_store(db_file, write=False) as r:
            page = due(r, today=today, limit=None)["due"]
            newly = r.rows(
                "SELECT id FROM contact WHERE due_on = :d AND id IN "
                "(SELECT value FROM json_each(:ids))",
                {"d": today.isoformat(), "ids": json.dumps(sorted(imported - seen))},
            )
        assert len(newly) <= HANDFUL, (today, len(newly))
        _assert_kept_up_first(page, imported - seen)
        shown_imported += sum(1 for item in page[:20] if item["id"] in imported)
        # the user gets in touch with the first three people of the morning
        with open_store(db_file, write=True) as s:
            for item in page[:3]:
                person = s.one("SELECT id, name FROM contact WHERE id = :id", {"id": item["id"]})
                add_touch(s, [person], when=today, kind="coffee", note=None, today=today)
                if item["id"] in imported:
                    seen.add(item["id"])
    # the import did come up: a few a morning, not never
    assert shown_imported > 60


def _ratio(item: dict) -> float:
    return (item["cadence_days"] + item["days_overdue"]) / item["cadence_days"]


def _assert_kept_up_first(page: list[dict], untouched: set[int]) -> None:
    """No never-touched connection ranks above someone kept up with whose overdue ratio is at
    least half of its own (UNTOUCHED_WEIGHT)."""
    for position, item in enumerate(page):
        if item["id"] not in untouched:
            continue
        for later in page[position + 1 :]:
            if later["id"] not in untouched:
                assert _ratio(later) * 2 < _ratio(item) + 1e-9, (item, later)
