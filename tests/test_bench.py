"""The benchmark generator builds what it promises (the scale guards and the runner rely on it)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from bench import extras
from bench.generate import TODAY, build, unique_names
from bench.peers import tag_of


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("gen") / "g.db"
    build(path, 300, 3_000)
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def one(conn: sqlite3.Connection, sql: str) -> object:
    return conn.execute(sql).fetchone()[0]


def test_sizes(generated):
    assert one(generated, "SELECT count(*) FROM contact") == 300
    assert one(generated, "SELECT count(*) FROM touch") == 3_000
    assert one(generated, "SELECT count(DISTINCT name_key) FROM contact") == 300


def test_touches_have_one_to_four_known_participants(generated):
    sizes = [
        n for (n,) in generated.execute("SELECT count(*) FROM touch_contact GROUP BY touch_id")
    ]
    assert len(sizes) == 3_000
    assert min(sizes) == 1 and max(sizes) <= 4 and sizes.count(1) > len(sizes) / 2
    assert generated.execute("PRAGMA foreign_key_check").fetchall() == []


def test_touches_span_fifteen_years_and_none_in_the_future(generated):
    first, last = generated.execute(
        "SELECT min(happened_on), max(happened_on) FROM touch"
    ).fetchone()
    assert date.fromisoformat(last) <= TODAY
    assert (TODAY - date.fromisoformat(first)).days > 365 * 14


def test_last_touch_cache_is_filled_by_the_project_code(generated):
    wrong = one(
        generated,
        "SELECT count(*) FROM contact c WHERE c.last_touch_on IS NOT (SELECT max(t.happened_on) "
        "FROM touch_contact tc JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = c.id)",
    )
    assert wrong == 0
    assert one(generated, "SELECT count(*) FROM contact WHERE last_touch_on IS NOT NULL") > 150


def test_realistic_mix(generated):
    assert one(generated, "SELECT count(*) FROM circle") > 10
    assert one(generated, "SELECT count(DISTINCT contact_id) FROM contact_circle") > 150
    assert one(generated, "SELECT count(*) FROM alias") > 5
    assert one(generated, "SELECT count(*) FROM detail WHERE kind = 'email'") > 150
    assert one(generated, "SELECT count(*) FROM contact WHERE cadence_days IS NOT NULL") > 20
    assert one(generated, "SELECT count(*) FROM contact WHERE birthday_month IS NOT NULL") > 100
    assert one(generated, "SELECT count(*) FROM contact WHERE archived") > 0


def test_same_seed_same_database(tmp_path):
    a, b = build(tmp_path / "a.db", 40, 200), build(tmp_path / "b.db", 40, 200)
    # every row but the migration record (stamped with the time it ran) agrees
    dump = [
        [row for row in sqlite3.connect(x.path).iterdump() if '"_migrations"' not in row]
        for x in (a, b)
    ]
    assert dump[0] == dump[1]
    assert any(row.startswith('INSERT INTO "touch"') for row in dump[0])


def test_refuses_to_overwrite(tmp_path):
    (tmp_path / "x.db").write_text("")
    with pytest.raises(SystemExit):
        build(tmp_path / "x.db", 10, 10)


@pytest.mark.parametrize("count", [1, 500, 50_000])
def test_unique_names(count):
    import random

    names = unique_names(random.Random(1), count)
    assert len(set(names)) == count


def test_extras_run_only_when_their_tables_exist(tmp_path, monkeypatch):
    seen: list[int] = []

    def circles_extra(s, rng, contacts, touches):  # type: ignore[no-untyped-def]
        seen.append(contacts)

    def missing_extra(s, rng, contacts, touches):  # type: ignore[no-untyped-def]
        raise AssertionError("ran without its table")

    monkeypatch.setattr(
        extras,
        "EXTRAS",
        [(("circle",), circles_extra), (("circle", "no_such_table"), missing_extra)],
    )
    build(tmp_path / "e.db", 20, 50)
    assert seen == [20]


def test_jrnl_tags_are_one_word():
    assert tag_of("Jan P. de Vries") == "@JanPdeVries"
    assert tag_of("Zoë Öztürk") == "@ZoëÖztürk"
