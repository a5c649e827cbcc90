"""Shared fixtures: every test gets its own real SQLite file and a fixed "today".

"Today", the data folders and the language are fixed here, when pytest imports this file and
before any fixture of any scope runs: a module-level fixture that builds a database must not
see the real clock or a real user's data folder.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from netwerk.cli import app
from netwerk.output import render

TODAY = "2026-11-22"  # a Sunday

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="netwerk-tests-"))
os.environ.update(
    {
        "NETWERK_TODAY": TODAY,
        "NETWERK_DB": str(_SESSION_HOME / "data" / "session.db"),
        "XDG_DATA_HOME": str(_SESSION_HOME / "xdg-data"),
        "XDG_CONFIG_HOME": str(_SESSION_HOME / "xdg-config"),
        "XDG_CACHE_HOME": str(_SESSION_HOME / "xdg-cache"),
        "COLUMNS": "200",
        "NETWERK_LANG": "en",  # tests of the Dutch interface set it themselves
        # never the real OS keyring (the sync tests install their own backend where needed)
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "NETWERK_REGION": "NL",  # numbers without a country code, whatever the machine's locale
    }
)

# Property-based tests: modest by default so the suite stays fast; HYPOTHESIS_PROFILE=long
# for a fuzz run by hand (see README, Development). Tests that drive the whole CLI take
# a fortieth of max_examples (5 by default, 125 with `long`).
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
settings.register_profile("netwerk", max_examples=200, **_FUZZ)
settings.register_profile("long", max_examples=5000, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "netwerk"))


@pytest.fixture(autouse=True)
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NETWERK_DB at tmp_path and fix today: a test never touches real data."""
    path = tmp_path / "data" / "netwerk.db"
    monkeypatch.setenv("NETWERK_DB", str(path))
    monkeypatch.setenv("NETWERK_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "200")
    render.reset()
    return path


class Run:
    """Invoke the CLI in-process; `run.ok(...)` also asserts success."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Any:
        render.reset()
        return self.runner.invoke(app, list(args), input=input)

    def ok(self, *args: str, input: str | None = None) -> Any:
        result = self(*args, input=input)
        assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def fails(self, *args: str, code: int = 1) -> Any:
        result = self(*args)
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.output
        return result


@pytest.fixture
def run() -> Run:
    return Run()


def snapshot(path: Path) -> list[str]:
    """Every row of every table, to assert that a failed command wrote nothing."""
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def old_database(path: Path, version: int) -> Path:
    """The database at `path` as schema version `version` left it (the fixture
    tests/fixtures/schema/vN.sql), not migrated yet: the next command upgrades it."""
    path.parent.mkdir(mode=0o700, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(
            (Path(__file__).parent / "fixtures" / "schema" / f"v{version}.sql").read_text()
        )
    finally:
        conn.close()
    return path


def empty_database(path: Path) -> Path:
    """A new, migrated database with nothing in it (a read command creates none)."""
    from netwerk.store.db import connect

    connect(path).close()
    return path


@pytest.fixture
def empty_db(db_file: Path) -> Path:
    """The test's database, created empty: for reads that expect an answer, not an error."""
    return empty_database(db_file)


@pytest.fixture
def unchanged(db_file: Path) -> Callable[[], Any]:
    """`with unchanged(): ...` asserts the database is byte-for-byte the same in content."""
    from contextlib import contextmanager

    @contextmanager
    def check():  # type: ignore[no-untyped-def]
        before = snapshot(db_file)
        yield
        assert snapshot(db_file) == before

    return check


@pytest.fixture
def people(run: Run) -> Callable[..., None]:
    """Factory: add contacts quickly, e.g. people("Piet Jansen", "Klaas", met="2026-01-01")."""

    def add(*names: str, **options: str) -> None:
        args: list[str] = []
        for key, value in options.items():
            args += [f"--{key.replace('_', '-')}", value]
        for name in names:
            run.ok("add", name, *args)

    return add


@pytest.fixture
def radicale(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real Radicale server on 127.0.0.1 (see tests/dav.py), stopped after the test."""
    from tests.dav import start_radicale

    server = start_radicale(tmp_path / "radicale")
    try:
        yield server
    finally:
        server.stop()


# generated databases for the scale and query guards: a small one and one ten times larger
SMALL = (50, 500)
LARGE = (500, 5_000)


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small and a ten times larger generated database (built once per module)."""
    from bench.generate import build

    folder = tmp_path_factory.mktemp("scale")
    return {
        "small": build(folder / "small.db", *SMALL).path,
        "large": build(folder / "large.db", *LARGE).path,
    }
