"""Touches and what is coming, through the CalDAV calendar of a real Radicale."""

from __future__ import annotations

import pytest

from tests.dav import PASSWORD, USER, Phone


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", PASSWORD)


def calendar(radicale) -> Phone:
    return Phone(radicale, f"/{USER}/netwerk-calendar/")


def events(radicale) -> dict[str, str]:
    return calendar(radicale).cards()


def of_type(radicale, kind):
    return {n: t for n, t in events(radicale).items() if f"X-NETWERK-TYPE:{kind}" in t}


def test_touches_and_due_coffees_reach_the_calendar(run, radicale, people):
    people("Piet Jansen", met="2026-01-01", every="2w")
    run.ok("log", "Piet", "--when", "2026-10-01", "--note", "over de hal", "--gave", "artikel")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    data = run.json("sync")
    assert data["calendar"]["touches_uploaded"] == 2
    touches = of_type(radicale, "touch")
    logged = next(t for t in touches.values() if "20261001" in t)
    assert "X-NETWERK-KIND:coffee" in logged and "DESCRIPTION:over de hal" in logged
    assert "X-NETWERK-GAVE:artikel" in logged and "CN=Piet Jansen" in logged.replace('"', "")
    (due,) = of_type(radicale, "due").values()
    assert "DTSTART;VALUE=DATE:20261122" in due  # overdue: on today
    assert "SUMMARY:Coffee with Piet Jansen" in due
    again = run.json("sync")
    assert again["calendar"]["reminders_written"] == 0 and again["requests"] == 2


def test_the_due_date_moves_and_goes_as_things_change(run, radicale, people):
    people("Piet Jansen", met="2026-11-01", every="4w")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    run.ok("sync")
    (due,) = of_type(radicale, "due").values()
    assert "DTSTART;VALUE=DATE:20261129" in due
    run.ok("log", "Piet", "--when", "2026-11-20")
    assert run.json("sync")["calendar"]["reminders_written"] == 1
    (due,) = of_type(radicale, "due").values()
    assert "DTSTART;VALUE=DATE:20261218" in due
    run.ok("archive", "Piet")
    assert run.json("sync")["calendar"]["reminders_removed"] == 1
    assert of_type(radicale, "due") == {}


def test_birthdays_yearly_with_an_alarm_and_follow_ups(run, radicale, people):
    people("Piet Jansen", birthday="27 april")
    people("Zoë de Vries")
    run.ok("intro", "Piet", "Zoë", "--why", "bakker voor de club")
    run.ok("sync", "setup", radicale.url, "--user", USER, "--birthday-alarm")
    run.ok("sync")
    (birthday,) = of_type(radicale, "birthday").values()
    assert "RRULE:FREQ=YEARLY" in birthday and "BEGIN:VALARM" in birthday
    assert "DTSTART;VALUE=DATE:20000427" in birthday
    (follow_up,) = of_type(radicale, "follow-up").values()
    assert "SUMMARY:Did Piet Jansen and Zoë de Vries meet?" in follow_up
    intro_id = run.json("intros", "--open")[0]["id"]
    run.ok("intros", "done", str(intro_id), "--outcome", "koffie gedronken")
    run.ok("sync")
    assert of_type(radicale, "follow-up") == {}


def test_a_touch_deleted_or_added_in_the_calendar(run, radicale, people, tmp_path):
    people("Piet Jansen", met="2026-01-01")
    run.ok("log", "Piet", "--when", "2026-10-01", "--note", "weg ermee")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    run.ok("sync")
    phone = calendar(radicale)
    name = next(n for n, t in of_type(radicale, "touch").items() if "weg ermee" in t)
    phone.delete(name)
    data = run.json("sync")
    assert data["calendar"]["touches_deleted_here"] == 1
    shown = run.json("show", "Piet")
    assert [t["note"] for t in shown["touches"]] == [None]
    assert shown["last_touch"] == "2026-01-01"
    # a second machine logs a touch; it arrives here
    other = tmp_path / "laptop.db"
    run.ok("sync", "setup", radicale.url, "--user", USER, "--db", str(other))
    run.ok("sync", "--db", str(other))
    run.ok("log", "Piet", "--when", "2026-11-20", "--note", "op de laptop", "--db", str(other))
    run.ok("sync", "--db", str(other))
    assert run.json("sync")["calendar"]["touches_added_here"] == 1
    shown = run.json("show", "Piet")
    assert shown["touches"][0]["note"] == "op de laptop" and shown["last_touch"] == "2026-11-20"


def test_forget_takes_their_touches_off_the_calendar(run, radicale, people):
    people("Piet Jansen", met="2026-01-01")
    people("Klaas Bakker", met="2026-01-01")
    run.ok("log", "Piet", "Klaas", "--when", "2026-10-01", "--note", "Piet Jansen en Klaas aten")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    run.ok("sync")
    run.ok("forget", "Piet", "--yes")
    data = run.json("sync")
    assert data["calendar"]["touches_deleted_on_server"] == 1  # Piet's met touch
    for text in events(radicale).values():
        assert "Piet" not in text, text
    assert sum("X-NETWERK-TYPE:touch" in t for t in events(radicale).values()) == 2


def test_status_counts_the_touches_waiting(run, radicale, people):
    people("Piet Jansen", met="2026-01-01")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    assert run.json("sync", "status")["pending"]["touches"] == 0  # Piet is not on the server yet
    run.ok("sync")
    run.ok("log", "Piet", "--when", "2026-11-20")
    assert run.json("sync", "status")["pending"] == {
        "new": 0, "changed": 1, "deleted": 0, "touches": 1
    }  # fmt: skip
    assert "1 touch waiting to go to the calendar." in run.ok("sync", "status").stdout
    run.ok("sync")
    assert run.json("sync", "status")["pending"]["touches"] == 0
