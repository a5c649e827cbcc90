"""`netwerk sync` against a real Radicale server on 127.0.0.1 (tests/dav.py)."""

from __future__ import annotations

import json

import pytest

from tests.dav import PASSWORD, USER, Phone


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    # no OS keyring in the tests: the password comes from the environment
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", PASSWORD)


def setup(run, radicale, *args, db=None):
    extra = ["--db", str(db)] if db else []
    return run.json("sync", "setup", radicale.url, "--user", USER, *args, *extra)


def sync(run, db=None):
    extra = ["--db", str(db)] if db else []
    return run.json("sync", *extra)


def book(radicale) -> Phone:
    return Phone(radicale, f"/{USER}/netwerk/")


def test_setup_discovers_and_creates_the_collections(run, radicale):
    data = setup(run, radicale)
    assert data["addressbook"] == f"{radicale.url}{USER}/netwerk/"
    assert data["calendar"] == f"{radicale.url}{USER}/netwerk-calendar/"
    assert data["sync_collection"] is True
    assert PASSWORD not in json.dumps(data)
    status = run.json("sync", "status")
    assert status["pending"] == {"new": 0, "changed": 0, "deleted": 0}
    assert status["last_sync"] is None


def test_contacts_go_to_the_server_and_back(run, radicale, people, tmp_path):
    people("Piet Jansen", email="piet@example.nl", circle="BNI", every="2w", met="2026-10-01")
    run.ok("edit", "Piet", "--expertise", "logistiek", "--phone", "06 1234 5678")
    setup(run, radicale)
    first = sync(run)
    assert first["counts"]["uploaded"] == 1
    cards = book(radicale).cards()
    (text,) = cards.values()
    assert "FN:Piet Jansen" in text and "CATEGORIES:BNI" in text
    assert "X-NETWERK-CADENCE:14" in text and "X-NETWERK-EXPERTISE:logistiek" in text
    # a second machine
    other = tmp_path / "other.db"
    setup(run, radicale, db=other)
    second = sync(run, db=other)
    assert second["counts"]["added_here"] == 1
    shown = run.json("show", "Piet", "--db", str(other))
    assert shown["emails"] == ["piet@example.nl"]
    assert shown["circles"] == ["BNI"]
