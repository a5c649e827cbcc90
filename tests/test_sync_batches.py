"""A sync commits in batches: other commands write while it waits on the server, and what
they did is kept and travels (tests/dav.py runs the real Radicale; its storage hook holds the
sync's first upload until the test says go)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.dav import PASSWORD, USER, Phone, gated_hook, start_radicale

NETWERK = str(Path(sys.executable).with_name("netwerk"))


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", PASSWORD)


@pytest.fixture
def gated(tmp_path):
    """(Radicale, gate folder): arm the gate and the next PUT waits for `gate/go`."""
    gate = tmp_path / "gate"
    gate.mkdir()
    server = start_radicale(tmp_path / "radicale", "--storage-hook", gated_hook(gate))
    try:
        yield server, gate
    finally:
        server.stop()


@contextmanager
def sync_waiting_on_its_first_upload(gate: Path, env: dict[str, str]):
    """A `netwerk sync` process, held while the server has its first card but has not
    answered; it finishes (and must succeed) when the block ends."""
    (gate / "armed").touch()
    sync = subprocess.Popen(
        [NETWERK, "sync", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not (gate / "paused").exists():
            assert sync.poll() is None, sync.communicate()
            assert time.monotonic() < deadline, "the sync never reached its first upload"
            time.sleep(0.02)
        yield
    finally:
        (gate / "go").touch()
        _, err = sync.communicate(timeout=90)
    assert sync.returncode == 0, err


def other_shell(env: dict[str, str], *args: str) -> float:
    """Run `netwerk ARGS` as another process; how long it took (it must succeed)."""
    started = time.monotonic()
    done = subprocess.run([NETWERK, *args], env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def test_a_log_in_another_shell_goes_through_while_sync_waits_on_the_server(
    run, people, gated, db_file
):
    server, gate = gated
    people("Piet Jansen", "Klaas Bakker")
    run.ok("sync", "setup", server.url, "--user", USER)
    env = {**os.environ, "NETWERK_DB": str(db_file)}
    with sync_waiting_on_its_first_upload(gate, env):
        took = other_shell(env, "log", "Piet", "--note", "tijdens de sync")
    assert took < 15, took  # not the 30 s busy timeout: the sync held no lock
    again = run.json("sync")  # the touch logged meanwhile is on the calendar, once
    assert again["counts"]["uploaded"] == 0
    calendar = Phone(server, f"/{USER}/netwerk-calendar/").cards().values()
    assert sum("tijdens de sync" in text for text in calendar) == 1
    assert len(Phone(server, f"/{USER}/netwerk/").names()) == 2
    assert run.json("sync")["requests"] == 2


def test_a_contact_forgotten_while_sync_sends_it_stays_forgotten(run, people, gated, db_file):
    server, gate = gated
    people("Piet Jansen", "Klaas Bakker")  # Piet's card is the first upload
    run.ok("sync", "setup", server.url, "--user", USER)
    env = {**os.environ, "NETWERK_DB": str(db_file)}
    with sync_waiting_on_its_first_upload(gate, env):
        other_shell(env, "forget", "Piet", "--yes")
    assert b"Piet" not in db_file.read_bytes()  # the sync did not write him back
    data = run.json("sync")  # the sync that was held deleted the card it had just sent
    assert data["counts"] == {k: 0 for k in data["counts"]}
    book = Phone(server, f"/{USER}/netwerk/")
    (name,) = book.names()
    assert "Klaas" in book.get(name)[0]
    assert [c["name"] for c in run.json("list")] == ["Klaas Bakker"]
    assert run.json("sync", "status")["pending"] == {"new": 0, "changed": 0, "deleted": 0,
                                                     "touches": 0}  # fmt: skip
