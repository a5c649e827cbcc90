"""Generated rows for the tables of later issues: events, gives/asks, intros, knows-links.

Each generator is registered with the tables it needs and runs only when they all exist in the
schema being built (`add_extras`), so the benchmark generator works on the core schema today and
fills these tables once their migration is merged. The column names follow issue 3's migration
(`event`, `exchange`, `intro`, `knows`, as committed on its branch); if they change at merge,
adjust the SQL here. Rows go in with the Store's `executemany`, in the
generator's one transaction.

To add one: write `def fn(s, rng, contacts, touches)` and decorate it with
`@extra("table", ...)`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bench import names as words

Extra = Callable[[Any, random.Random, int, int], None]
EXTRAS: list[tuple[tuple[str, ...], Extra]] = []


def extra(*tables: str) -> Callable[[Extra], Extra]:
    """Register a generator of rows for `tables` (run only if they all exist)."""

    def register(fn: Extra) -> Extra:
        EXTRAS.append((tables, fn))
        return fn

    return register


def columns(s: Any, table: str) -> set[str]:
    """The columns `table` has in the database being built."""
    return {name for (name,) in s.rows(f"SELECT name FROM pragma_table_info('{table}')")}


def existing_tables(s: Any) -> set[str]:
    return {name for (name,) in s.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}


def add_extras(s: Any, rng: random.Random, contacts: int, touches: int) -> list[str]:
    """Run each registered extra whose tables exist; returns the names of those that ran."""
    present = existing_tables(s)
    ran = []
    for tables, fn in EXTRAS:
        if all(t in present for t in tables):
            fn(s, rng, contacts, touches)
            ran.append(fn.__name__)
    return ran


def _many(s: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        s.executemany(sql, rows)


def _today() -> Any:
    from bench.generate import TODAY

    return TODAY


EVENTS = ["BNI-ochtend", "Dag van de Ondernemer", "PyData Amsterdam", "Rotary-diner",
          "Hockeytoernooi", "Netwerkborrel Utrecht", "Reünie Delft",
          "Congres Zorginnovatie"]  # fmt: skip


@extra("event")
def events(s: Any, rng: random.Random, contacts: int, touches: int) -> None:
    """Events over the years; a third of the contacts were met at one, 'event' touches link."""
    from netwerk.rules.text import fold

    today = _today()
    rows = []
    for i in range(1, 16):
        name = f"{EVENTS[i % len(EVENTS)]} {2011 + i}"
        day = today - timedelta(days=365 * (15 - i) + rng.randrange(300))
        rows.append(
            (i, name, fold(name), day.isoformat(), rng.choice(words.CITIES), day.isoformat())
        )
    _many(
        s,
        "INSERT INTO event (id, name, name_key, happened_on, place, created_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    if "met_event_id" in columns(s, "contact"):
        met = [(rng.randrange(1, 16), cid) for cid in range(1, contacts + 1) if rng.random() < 0.3]
        _many(s, "UPDATE contact SET met_event_id = ? WHERE id = ?", met)
    if "event_id" in columns(s, "touch"):
        # no random(): the same seed must give the same database
        s.execute("UPDATE touch SET event_id = 1 + (id * 7) % 15 WHERE kind = 'event'")


GIVES = ["Stuurde een vacature door", "Tip voor een boekhouder", "Artikel over subsidies",
         "Introductie bij de gemeente", "Hielp met het pitchdeck", "Boek geleend"]  # fmt: skip
ASKS = ["Zoekt een stageplek voor zijn dochter", "Kent iemand bij ASML?",
        "Vroeg om feedback op de website", "Zoekt een goede fysiotherapeut"]  # fmt: skip


@extra("exchange")
def gives_and_asks(s: Any, rng: random.Random, contacts: int, touches: int) -> None:
    """About one touch in eight carries a give or an ask; most asks were answered."""
    today = _today()
    rows = []
    for touch_id in range(1, touches + 1):
        if rng.random() >= 0.125:
            continue
        if rng.random() < 0.6:
            rows.append((touch_id, "give", rng.choice(GIVES), None, None))
        else:
            answered = today - timedelta(days=rng.randrange(1, 365 * 10))
            done = rng.random() < 0.7
            rows.append(
                (touch_id, "ask", rng.choice(ASKS),
                 answered.isoformat() if done else None, "Geholpen" if done else None)
            )  # fmt: skip
    _many(
        s,
        "INSERT INTO exchange (touch_id, kind, what, answered_on, answer) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


@extra("intro")
def intros(s: Any, rng: random.Random, contacts: int, touches: int) -> None:
    """One introduction per twenty contacts; most closed with an outcome, some still open."""
    today = _today()
    rows = []
    for _ in range(max(1, contacts // 20)):
        a, b = rng.sample(range(1, contacts + 1), 2)
        on = today - timedelta(days=rng.randrange(1, 365 * 10))
        closed = rng.random() < 0.75
        rows.append(
            (a, b, rng.choice(words.EXPERTISE).replace("_", " "), on.isoformat(),
             (on + timedelta(days=14)).isoformat(),
             (on + timedelta(days=rng.randrange(3, 60))).isoformat() if closed else None,
             "Hebben koffie gedaan" if closed else None,
             rng.choice(["met", "work", "no-fit"]) if closed else None)
        )  # fmt: skip
    _many(
        s,
        "INSERT INTO intro (a_id, b_id, why, introduced_on, follow_up_on, closed_on, outcome, "
        "result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


@extra("knows")
def knows_links(s: Any, rng: random.Random, contacts: int, touches: int) -> None:
    """Who knows whom: about 2.5 links per contact, mostly within a neighbourhood of ids (a
    circle of friends) and some across (so paths between any two people exist)."""
    today = _today()
    pairs: set[tuple[int, int]] = set()
    for a in range(1, contacts + 1):
        for _ in range(rng.choice([0, 1, 2, 3, 4, 5])):
            b = a + rng.randint(-50, 50) if rng.random() < 0.8 else rng.randint(1, contacts)
            if 1 <= b <= contacts and b != a:
                pairs.add((min(a, b), max(a, b)))
    how = ["collega's", "buren", "studie", "hockey", "familie", None]
    rows = [
        (low, high, rng.choice(how), (today - timedelta(days=rng.randrange(1, 5000))).isoformat())
        for low, high in sorted(pairs)
    ]
    _many(s, "INSERT INTO knows (low_id, high_id, how, since) VALUES (?, ?, ?, ?)", rows)
