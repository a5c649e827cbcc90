"""Build realistic netwerk databases of a given size, for benchmarks and the scale guards.

    python -m bench.generate typical bench/.work/typical.db
    python -m bench.generate --contacts 500 --touches 5000 /tmp/small.db

Sizes: typical (2,000 contacts, 20,000 touches), heavy (10,000 / 100,000), stress (50,000 /
1,000,000). The database is created and migrated by `netwerk.store.db.session`, rows go in as bulk
INSERTs of the project's own SQLModel tables (Core `executemany`, one transaction), names are
folded with `netwerk.rules.text.fold`, and the last-touch cache is filled by
`netwerk.services.touches.refresh_last_touch` — the same code paths the commands use, minus the
per-row ORM work that would make a million touches take an hour.

The data: Dutch names (unique, so benchmarks can name a person), circles with default cadences,
own cadences, aliases, e-mails and phones, birthdays, via-links, a few snoozed and archived
contacts, and touches over 15 years with 1–4 participants. Who gets touched follows a skewed
distribution (family and close friends often, most LinkedIn contacts rarely or never), so some
timelines are long, as in a real network.

Tables from later issues (events, gives/asks, intros, knows-links) are filled by the functions
in `bench.extras`, each run only when its tables exist.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import names as words
from bench.extras import add_extras, columns

SIZES: dict[str, tuple[int, int]] = {
    "typical": (2_000, 20_000),
    "heavy": (10_000, 100_000),
    "stress": (50_000, 1_000_000),
}
TODAY = date(2026, 11, 22)
YEARS = 15
CHUNK = 50_000
# about every other day for 15 years: a partner, a close colleague
MAX_TOUCHES_PER_PERSON = 2_500


@dataclass
class Built:
    """What was generated, for the runner: sizes and a few names worth asking about."""

    path: Path
    contacts: int
    touches: int
    seconds: float


def chunks(rows: Iterator[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def unique_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct full names; a middle initial is added once the plain pairs run out."""
    firsts = list(dict.fromkeys(words.FIRST_NAMES))
    lasts = list(dict.fromkeys(words.spaced(s) for s in words.SURNAMES))
    plain = len(firsts) * len(lasts)
    initials = "ABCDEFGHJKLMNPRSTW"
    capacity = plain * (1 + len(initials))
    if count > capacity:
        raise SystemExit(f"at most {capacity} distinct names")
    picked = rng.sample(range(capacity), count)
    result = []
    for n in picked:
        variant, pair = divmod(n, plain)
        first, last = firsts[pair % len(firsts)], lasts[pair // len(firsts)]
        middle = f" {initials[variant - 1]}." if variant else ""
        result.append(f"{first}{middle} {last}")
    return result


def contact_rows(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    from netwerk.rules.text import fold

    start = TODAY - timedelta(days=365 * YEARS)
    # You know the birthdays of the people you know (~1,200), not of the LinkedIn thousands
    # that make a network of 50,000: the known birthdays do not grow with the network.
    birthday_share = 0.6 * min(1.0, 2_000 / count)
    for i, name in enumerate(unique_names(rng, count), start=1):
        met = start + timedelta(days=rng.randrange(365 * YEARS))
        has_birthday = rng.random() < birthday_share
        birthday = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        archived = rng.random() < 0.03
        yield {
            "id": i,
            "name": name,
            "name_key": fold(name),
            "company": words.spaced(rng.choice(words.COMPANIES)) if rng.random() < 0.7 else None,
            "role": words.spaced(rng.choice(words.ROLES)) if rng.random() < 0.5 else None,
            "city": words.spaced(rng.choice(words.CITIES)) if rng.random() < 0.8 else None,
            "expertise": words.spaced(rng.choice(words.EXPERTISE)) if rng.random() < 0.2 else None,
            "note": rng.choice(words.NOTES) if rng.random() < 0.1 else None,
            "birthday_year": birthday.year if has_birthday and rng.random() < 0.7 else None,
            "birthday_month": birthday.month if has_birthday else None,
            "birthday_day": birthday.day if has_birthday else None,
            "met_on": met,
            "met_at": rng.choice(["BNI", "verjaardag", "congres", "hockey", None]),
            "via_id": rng.randrange(1, i) if i > 1 and rng.random() < 0.1 else None,
            "cadence_days": rng.choice([7, 14, 30, 60, 90, 180, 365])
            if rng.random() < 0.2
            else None,
            "snoozed_until": TODAY + timedelta(days=rng.randrange(1, 60))
            if rng.random() < 0.02
            else None,
            "archived": archived,
            "created_on": met,
            "last_touch_on": None,
            # drawn from the seed (not uuid4) so the same seed gives the same database
            "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }


def detail_rows(rng: random.Random, people: Sequence[tuple[int, str]]) -> Iterator[dict]:
    from netwerk.services.contacts import email_key, phone_key

    for cid, name in people:
        if rng.random() < 0.7:
            local = ".".join(name.lower().replace(".", "").split())
            value = f"{local}@{rng.choice(['gmail.com', 'ziggo.nl', 'xs4all.nl', 'kpn.nl'])}"
            yield {
                "contact_id": cid,
                "kind": "email",
                "value": value,
                "value_key": email_key(value),
            }
        if rng.random() < 0.5:
            value = f"06-{rng.randrange(10_000_000, 99_999_999)}"
            yield {
                "contact_id": cid,
                "kind": "phone",
                "value": value,
                "value_key": phone_key(value),
            }


def alias_rows(rng: random.Random, people: Sequence[tuple[int, str]]) -> Iterator[dict]:
    from netwerk.rules.text import fold

    for cid, name in people:
        if rng.random() < 0.1:
            alias = f"{rng.choice(words.NICKNAMES)} {name.split()[-1]}"
            yield {"contact_id": cid, "name": alias, "name_key": fold(alias)}


def membership_rows(rng: random.Random, contact_ids: Sequence[int], circles: int) -> Iterator[dict]:
    for cid in contact_ids:
        count = rng.choices([0, 1, 2, 3], weights=[25, 50, 20, 5])[0]
        for circle_id in rng.sample(range(1, circles + 1), count):
            yield {"contact_id": cid, "circle_id": circle_id}


def touch_rows(
    rng: random.Random, count: int, contacts: int
) -> Iterator[tuple[dict[str, Any], list[int]]]:
    """Touches over 15 years (denser lately) and who was there (1–4, skewed popularity)."""
    kinds = [k for k, _ in words.KINDS_WEIGHTED]
    kind_weights = [w for _, w in words.KINDS_WEIGHTED]
    # popularity ~ 1/rank^0.8: a few people are seen weekly, the long tail almost never
    ranks = list(range(1, contacts + 1))
    rng.shuffle(ranks)
    weights = [1.0 / r**0.8 for r in ranks]
    # ... but nobody more than MAX_TOUCHES_PER_PERSON times, however many touches in all:
    # a million touches are a million people's worth of coffees, not 36,000 with one friend
    participations = count * 1.43  # mean participants per touch
    for _ in range(50):
        cap = MAX_TOUCHES_PER_PERSON * sum(weights) / participations
        capped = [min(w, cap) for w in weights]
        if capped == weights:
            break
        weights = capped
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    ids = list(range(1, contacts + 1))
    span = 365 * YEARS
    created = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    for i in range(1, count + 1):
        # sqrt skews towards recent dates: people log more once the habit sticks
        days_ago = int(span * (1 - rng.random() ** 0.5))
        size = rng.choices([1, 2, 3, 4], weights=[70, 20, 7, 3])[0]
        who = set(rng.choices(ids, cum_weights=cumulative, k=size))
        note = rng.choice(words.NOTES) if rng.random() < 0.4 else None
        kind = rng.choices(kinds, weights=kind_weights)[0]
        row = {
            "id": i,
            "happened_on": TODAY - timedelta(days=days_ago),
            "kind": kind,
            "note": note,
            "created_at": created,
        }
        yield row, sorted(who)


def build(path: Path, contacts: int, touches: int, *, seed: int = 5) -> Built:
    """Create a new database at `path` with `contacts` contacts and `touches` touches."""
    from netwerk.rules.text import fold
    from netwerk.services.touches import refresh_last_touch
    from netwerk.store.models import (
        Alias,
        Circle,
        Contact,
        ContactCircle,
        Detail,
        Touch,
        TouchContact,
    )
    from netwerk.store.store import open_store

    if path.exists():
        raise SystemExit(f"{path} exists; remove it first")
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    started = time.perf_counter()
    with open_store(path, write=True) as s:
        conn = s.orm().connection()

        def insert(model: Any, rows: Iterator[dict[str, Any]]) -> None:
            # only the columns this schema has: later migrations move or drop some
            # (e.g. `met_at` becomes an event), and the generator must keep working
            table = model.__table__
            have = set(table.c.keys()) & columns(s, table.name)
            for batch in chunks(rows):
                conn.execute(table.insert(), [{k: r[k] for k in r if k in have} for r in batch])

        circles = [
            {"id": i, "name": n, "name_key": fold(n), "cadence_days": c}
            for i, (n, c) in enumerate(words.CIRCLES, start=1)
        ]
        insert(Circle, iter(circles))
        people: list[tuple[int, str]] = []

        def remember(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
            for row in rows:
                people.append((row["id"], row["name"]))
                yield row

        insert(Contact, remember(contact_rows(rng, contacts)))
        insert(Detail, detail_rows(rng, people))
        insert(Alias, alias_rows(rng, people))
        insert(ContactCircle, membership_rows(rng, [cid for cid, _ in people], len(circles)))

        # a touch and its participants go in the same batch (participants need the touch row)
        batch: list[dict[str, Any]] = []
        participants: list[dict[str, int]] = []
        for row, who in touch_rows(rng, touches, contacts):
            batch.append(row)
            participants.extend({"touch_id": row["id"], "contact_id": c} for c in who)
            if len(batch) >= CHUNK:
                conn.execute(Touch.__table__.insert(), batch)
                conn.execute(TouchContact.__table__.insert(), participants)
                batch, participants = [], []
        if batch:
            conn.execute(Touch.__table__.insert(), batch)
            conn.execute(TouchContact.__table__.insert(), participants)
        refresh_last_touch(s, [cid for cid, _ in people])
        add_extras(s, rng, contacts, touches)
    # no ANALYZE: a user's file has no planner statistics either, so plans (and the scale
    # guards' EXPLAIN checks) see what users get
    return Built(path, contacts, touches, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", nargs="?", choices=sorted(SIZES), help="a named size")
    parser.add_argument("path", type=Path)
    parser.add_argument("--contacts", type=int)
    parser.add_argument("--touches", type=int)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    contacts, touches = SIZES[args.size] if args.size else (0, 0)
    contacts = args.contacts or contacts
    touches = args.touches if args.touches is not None else touches
    if not contacts:
        parser.error("give a size or --contacts")
    built = build(args.path, contacts, touches, seed=args.seed)
    print(
        f"{built.path}: {built.contacts:,} contacts, {built.touches:,} touches "
        f"in {built.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
