"""A sync commits in batches: other commands write while it waits on the server, and a run
that stops half-way keeps what it finished (tests/dav.py runs the real Radicale)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.dav import PASSWORD, USER, Phone, gated_hook, start_radicale


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", PASSWORD)


def test_a_log_in_another_shell_goes_through_while_sync_waits_on_the_server(
    run, people, tmp_path, db_file
):
    gate = tmp_path / "gate"
    gate.mkdir()
    server = start_radicale(tmp_path / "radicale", "--storage-hook", gated_hook(gate))
    try:
        people("Piet Jansen", "Klaas Bakker")
        run.ok("sync", "setup", server.url, "--user", USER)
        (gate / "armed").touch()
        exe = str(Path(sys.executable).with_name("netwerk"))
        env = {**os.environ, "NETWERK_DB": str(db_file)}
        sync = subprocess.Popen(
            [exe, "sync", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            # the first card is on the server; Radicale holds its answer back
            deadline = time.monotonic() + 60
            while not (gate / "paused").exists():
                assert sync.poll() is None, sync.communicate()
                assert time.monotonic() < deadline, "the sync never reached its first upload"
                time.sleep(0.02)
            started = time.monotonic()
            log = subprocess.run(
                [exe, "log", "Piet", "--note", "tijdens de sync"],
                env=env, capture_output=True, text=True, timeout=90,
            )  # fmt: skip
            took = time.monotonic() - started
        finally:
            (gate / "go").touch()
            _, err = sync.communicate(timeout=90)
        assert log.returncode == 0, log.stderr
        assert took < 15, took  # not the 30 s busy timeout: the sync held no lock
        assert sync.returncode == 0, err
        again = run.json("sync")  # the touch logged meanwhile is on the calendar, once
        assert again["counts"]["uploaded"] == 0
        calendar = Phone(server, f"/{USER}/netwerk-calendar/").cards().values()
        assert sum("tijdens de sync" in text for text in calendar) == 1
        assert len(Phone(server, f"/{USER}/netwerk/").names()) == 2
        assert run.json("sync")["requests"] == 2
    finally:
        server.stop()
