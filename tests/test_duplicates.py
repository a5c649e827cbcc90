"""`netwerk duplicates`: each reason, strongest first, a merge command that works, --json."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench.generate import build
from netwerk.services.duplicates import MAX_SHARED, find_duplicates
from netwerk.store.db import connect
from netwerk.store.store import open_store


def pairs(run, *args: str) -> list[tuple[str, str, list[str]]]:
    data = run.json("duplicates", *args)
    return [(p["a"]["name"], p["b"]["name"], p["reasons"]) for p in data["pairs"]]


def test_each_reason_strongest_first(run):
    run.ok("add", "Eva Mulder", "--email", "eva@example.nl")
    run.ok("add", "Eef", "--email", "EVA@example.nl", "--force")
    run.ok("add", "Kees Visser", "--phone", "06-12345678")
    run.ok("add", "K. Visser BV", "--phone", "0031612345678", "--force")
    run.ok("add", "Zoë de Vries")
    run.ok("add", "Zoe de Vries", "--force")
    run.ok("add", "Jan Smit")
    run.ok("add", "J. Smit", "--force")
    run.ok("add", "Piet Jansen")
    run.ok("add", "Piet Janssen", "--force")
    assert pairs(run) == [
        ("Eva Mulder", "Eef", ["email"]),
        ("Kees Visser", "K. Visser BV", ["phone"]),
        ("Zoë de Vries", "Zoe de Vries", ["name"]),
        ("Jan Smit", "J. Smit", ["close name"]),
        ("Piet Jansen", "Piet Janssen", ["close name"]),
    ]


def test_linkedin_profile_and_several_reasons(run, tmp_path):
    csv = tmp_path / "c.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Lotte,Bos,https://www.linkedin.com/in/lottebos,lotte@example.nl,,,\n"
    )
    run.ok("import", "linkedin", str(csv))
    # an import would match them by profile and e-mail: two records made by hand instead
    run.ok("add", "L. Bos", "--force")
    run.ok("add", "Lotje", "--force")
    conn = connect(Path(os.environ["NETWERK_DB"]))
    conn.execute(
        "INSERT INTO detail (contact_id, kind, value, value_key) VALUES "
        "(2, 'url', 'http://linkedin.com/in/LotteBos/', 'linkedin.com/in/lottebos'), "
        "(3, 'email', 'lotte@example.nl', 'lotte@example.nl'), "
        "(3, 'url', 'linkedin.com/in/lottebos', 'linkedin.com/in/lottebos')"
    )
    conn.close()
    found = pairs(run)
    assert found[0] == ("Lotte Bos", "Lotje", ["email", "linkedin"])  # two reasons: strongest
    assert ("Lotte Bos", "L. Bos", ["linkedin", "close name"]) not in found
    assert ("Lotte Bos", "L. Bos", ["linkedin"]) in found


def test_merge_command_works_and_the_pair_is_gone(run):
    run.ok("add", "Jan Smit", "--email", "jan@smit.nl")
    run.ok("add", "J. Smit", "--email", "jan@smit.nl", "--force")
    data = run.json("duplicates")
    command = data["pairs"][0]["merge"]
    assert command == "netwerk merge '#1' '#2'"
    run.ok("merge", "#1", "#2")
    assert run.json("duplicates") == {"pairs": [], "total": 0}
    assert "No likely duplicates" in run.ok("duplicates").stdout


def test_a_key_many_share_is_no_evidence(run):
    for n in range(MAX_SHARED + 1):
        run.ok("add", f"Medewerker {n} Acme", "--phone", "020-5551234", "--force")
    assert [r for *_names, r in pairs(run) if "phone" in r] == []


def test_limit_and_text_output_at_60_columns(run, monkeypatch):
    for n, name in enumerate(["Klaas Bakker", "Anna Smit", "Joost Prins", "Eva Kok"]):
        run.ok("add", name, "--email", f"k{n}@x.nl")
        run.ok("add", f"K{n}", "--email", f"k{n}@x.nl", "--force")
    data = run.json("duplicates", "--limit", "2")
    assert len(data["pairs"]) == 2 and data["total"] == 4
    monkeypatch.setenv("COLUMNS", "60")
    result = run.ok("duplicates", "--limit", "2")
    assert "same e-mail: #1 Klaas Bakker / #2 K0" in result.stdout
    assert "netwerk merge '#1' '#2'" in result.stdout
    assert "2 more pairs" in result.stderr
    assert all(len(x) <= 60 for x in result.stdout.splitlines())


def test_bad_limit_is_a_usage_error(run):
    assert run("duplicates", "--limit", "-1").exit_code == 2


def test_one_pass_not_pair_by_pair(tmp_path):
    """Blocking keys, not pairs: 10,000 generated contacts (50 million pairs) well within a
    second or two; bench/run.py times 50,000."""
    path = build(tmp_path / "big.db", 10_000, 1_000).path
    started = time.perf_counter()
    with open_store(path, write=False) as store:
        data = find_duplicates(store)
    took = time.perf_counter() - started
    assert took < 10, took  # generous: a shared 2-core machine
    assert data["total"] > 0  # the generator makes namesakes and initials
