"""`export vcard` -> `import vcard` into an empty database gives back everything netwerk knows
about a contact: a test per field (what vCard has no property for travels as X-NETWERK-…)."""

from __future__ import annotations

import json

import pytest

FIELDS = [
    "name", "aliases", "emails", "phones", "company", "role", "city", "expertise",
    "circles", "own cadence", "birthday", "birthday without a year", "note", "met_on",
    "met_at", "via",
]  # fmt: skip


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The source database and the one the export was imported into, as `show --json`."""
    from tests.conftest import Run

    run = Run()
    folder = tmp_path_factory.mktemp("round")
    source, target = str(folder / "source.db"), str(folder / "target.db")

    def ok(*args: str) -> str:
        return run.ok(*args).stdout

    ok("add", "Klaas Bakker", "--met", "2025-03-01", "--db", source)
    ok(
        "add", "Piet Jansen", "--email", "piet@example.nl", "--email", "p.jansen@acme.nl",
        "--phone", "06-12345678", "--phone", "+32 2 123 45 67", "--company", "Acme, Inc.",
        "--role", "CTO; founder", "--city", "Den Haag", "--expertise", "logistiek, douane",
        "--circle", "BNI", "--circle", "Familie", "--every", "3w", "--birthday", "1980-04-27",
        "--note", "houdt van \\ en van ; en ,\nnieuwe regel", "--met", "2024-05-01",
        "--met-at", "BNI Utrecht", "--via", "Klaas", "--db", source,
    )  # fmt: skip
    ok("edit", "Piet", "--alias", "Pietje", "--alias", "P.J.", "--db", source)
    ok("add", "Anna de Vries", "--birthday", "--0312", "--met", "2026-01-01", "--db", source)
    ok("export", "vcard", "-o", str(folder / "all.vcf"), "--db", source)
    out = json.loads(
        run.ok("import", "vcard", str(folder / "all.vcf"), "--json", "--db", target).stdout
    )
    assert out["counts"]["added"] == 3 and out["skipped"] == [] and out["warnings"] == []

    def show(db: str, name: str) -> dict:
        return json.loads(run.ok("show", name, "--json", "--db", db).stdout)

    return {db: {n: show(path, n) for n in ("Piet Jansen", "Anna de Vries", "Klaas Bakker")}
            for db, path in (("source", source), ("target", target))}  # fmt: skip


def _field(profile: dict, field: str):
    if field == "own cadence":
        return profile["cadence_days"], profile["cadence_own"]
    if field == "via":
        return profile["via"]["name"] if profile["via"] else None
    if field.startswith("birthday"):
        return profile["birthday"]
    return profile[field]


@pytest.mark.parametrize("field", FIELDS)
def test_field_survives_the_round_trip(both, field):
    name = "Anna de Vries" if field == "birthday without a year" else "Piet Jansen"
    before, after = both["source"][name], both["target"][name]
    assert _field(before, field)  # the test holds something to lose
    assert _field(after, field) == _field(before, field)


def test_round_trip_values(both):
    piet = both["target"]["Piet Jansen"]
    assert piet["expertise"] == "logistiek, douane"
    assert (piet["cadence_days"], piet["cadence_own"]) == (21, True)
    assert piet["met_at"] == "BNI Utrecht" and piet["via"]["name"] == "Klaas Bakker"
    assert piet["last_touch"] == "2024-05-01"
    assert (
        both["target"]["Anna de Vries"]["birthday"] == both["source"]["Anna de Vries"]["birthday"]
    )


def test_expertise_is_found_after_a_round_trip(both, run, tmp_path):
    """`who logistiek` found nobody after a round trip when expertise was lost."""
    run.ok("add", "Eva Mulder", "--expertise", "logistiek", "--met", "2026-01-01")
    path = tmp_path / "eva.vcf"
    run.ok("export", "vcard", "-o", str(path))
    target = str(tmp_path / "empty.db")
    run.ok("import", "vcard", str(path), "--db", target)
    assert "Eva Mulder" in run.ok("who", "logistiek", "--db", target).stdout
