"""`show` and `due` say a snooze and a birthday the same way; `export -o` says what it wrote."""

from __future__ import annotations

import json


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_snoozed_contact_shows_the_snooze_as_its_next_due_date(run, people):
    people("Piet Jansen", met="2026-11-01")
    run.ok("snooze", "Piet", "2027-06-01")
    out = lines(run.ok("show", "Piet").stdout)
    assert "next due    2027-06-01 (snoozed until then)" in out
    assert not any(line.startswith("snoozed until") for line in out)
    assert run.json("show", "Piet")["snoozed_until"] == "2027-06-01"


def test_a_short_snooze_keeps_the_cadence_date(run, people):
    people("Piet Jansen", met="2026-11-20", every="2w")
    run.ok("snooze", "Piet", "2026-11-25")
    out = lines(run.ok("show", "Piet").stdout)
    assert "next due       2026-12-04" in out
    assert "snoozed until  2026-11-25" in out


def test_a_yearless_birthday_reads_the_same_in_show_and_due(run, people):
    people("Piet Jansen", birthday="3-12")  # not within the week: check show only
    assert "birthday    3 December" in lines(run.ok("show", "Piet").stdout)
    people("Anna de Wit", birthday="24-11")
    assert "birthday    24 November" in lines(run.ok("show", "Anna").stdout)
    assert "Anna de Wit  24 November (in 2 days)" in run.ok("due").stdout
    people("Oma Bep", birthday="05-12-1940")
    assert "birthday    5 December 1940" in lines(run.ok("show", "Oma").stdout)
    assert run.json("show", "Piet")["birthday"] == "--12-03"  # JSON keeps the vCard form


def test_export_to_a_file_says_what_it_wrote(run, people, tmp_path):
    people("Piet Jansen", "Anna de Wit", birthday="24-11")
    wanted = (("vcard", "2 contacts"), ("json", "2 contacts"), ("ics", "4 calendar entries"))
    for fmt, words in wanted:
        target = tmp_path / f"out.{fmt}"
        result = run.ok("export", fmt, "-o", str(target))
        assert result.stdout == ""
        assert f"Wrote {words}" in result.stderr and str(target) in result.stderr
    assert "Wrote 2 contacts" in run.ok("export", "vcard", "-o", str(tmp_path / "b.vcf")).stderr
    one = tmp_path / "one.json"
    run.ok("export", "json", "-o", str(one))
    assert len(json.loads(one.read_text())["tables"]["contact"]["rows"]) == 2
