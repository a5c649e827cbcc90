"""The installed console script in Dutch (LANG=nl_NL.UTF-8) and in English (LANG=en_US.UTF-8):
a new user's whole daily loop, --help and errors, each in one language only; and start-up
stays as light in Dutch as in English."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
# words of the English interface that must not appear in a Dutch run
ENGLISH = ("ago", "days", "weeks", "Last", "Due", "Error", "No contact", "Did you mean",
           "Birthdays", "Usage", "Options", "Commands", "Logged", "Added", "Nobody", "today",
           "yesterday", "every")  # fmt: skip
# words of the Dutch interface that must not appear in an English run ('gisteren' is left
# out: English help shows it as a phrase netwerk understands)
DUTCH = ("geleden", "dagen", "weken", "Laatste", "Fout", "Geen contact", "Bedoel je",
         "Verjaardagen", "Gebruik", "Opties", "Opdrachten", "Vastgelegd", "toegevoegd",
         "Niemand", "vandaag", "elke", "Kring", "Naam", "ontmoeting")  # fmt: skip


def _env(tmp_path: Path, lang: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("NETWERK_LANG", "LC_ALL", "LC_MESSAGES")
    }
    env.update({"LANG": lang, "NETWERK_DB": str(tmp_path / "e2e.db"), "COLUMNS": "120"})
    return env


def _daily_loop(tmp_path: Path, lang: str) -> tuple[str, list[str]]:
    """Every command of a new user's first days; returns all the output and the runs."""
    env = _env(tmp_path, lang)
    runs: list[str] = []

    def netwerk(*args: str, code: int = 0) -> str:
        result = subprocess.run(
            [EXE, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        shown = f"$ netwerk {' '.join(args)}\n{result.stdout}{result.stderr}"
        assert result.returncode == code, shown
        runs.append(result.stdout + result.stderr)  # what netwerk said, not what was typed
        return result.stdout + result.stderr

    netwerk("add", "Jan van der Berg", "--met", "3 weken geleden", "--every", "2w",
            "--birthday", "25-11-1980", "--company", "Bakkerij", "--circle", "sport")  # fmt: skip
    netwerk("add", "Anna de Vries", "--met", "2026-06-01", "--expertise", "pannenkoeken")
    netwerk("add", "Piet Jansen", "--met", "2025-01-10", "--every", "monthly")
    netwerk("log", "Jan", "--kind", "koffie", "--when", "gisteren", "--note", "over de club")
    netwerk("knows", "Jan", "Anna")
    netwerk("ask", "Jan", "een intro bij de gemeente")
    netwerk("intro", "Jan", "Piet", "--why", "allebei bakker")
    netwerk("goal", "add", "3 nieuwe mensen", "--new", "3", "--circle", "sport")
    netwerk("due")
    netwerk("show", "berg")
    netwerk("show", "Piet")
    netwerk("list")
    netwerk("who", "pannenkoeken")
    netwerk("asks")
    netwerk("intros")
    netwerk("circle", "list")
    netwerk("goal", "list")
    netwerk("--help")
    netwerk("log", "--help")
    netwerk("show", "Jansn", code=1)
    netwerk("show", "Nobodyhere", code=1)
    netwerk("log", "Jan", "--when", "morgen", code=1)
    netwerk("add", "X", "--every", "soms", code=1)
    netwerk("shw", code=2)
    netwerk("list", "--limit", "veel", code=2)
    return "\n".join(runs), runs


def _words(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text)]


def test_the_daily_loop_in_dutch(tmp_path):
    out, _runs = _daily_loop(tmp_path, "nl_NL.UTF-8")
    assert _words(out, ENGLISH) == [], out
    for dutch in ("Vastgelegd: koffie met Jan van der Berg op 21 nov 2026.", "Verjaardagen",
                  "25 november (over 3 dagen, wordt 46)", "gisteren", "Gebruik: netwerk",
                  "Fout: Geen contact 'Jansn'. Bedoel je Piet Jansen?", "Bedoel je 'show'?",
                  "Opties:", "elke 2 weken", "Tijdlijn", "ontmoeting"):  # fmt: skip
        assert dutch in out, dutch


def test_the_daily_loop_in_english(tmp_path):
    out, _runs = _daily_loop(tmp_path, "en_US.UTF-8")
    # Dutch words the user typed come back as data ('gemeente', 'over de club'): the check is
    # for words of the interface
    assert _words(out, DUTCH) == [], out
    for english in ("Logged coffee with Jan van der Berg on 2026-11-21.", "Birthdays",
                    "Error: No contact 'Jansn'. Did you mean Piet Jansen?", "Usage: netwerk",
                    "every 2 weeks", "Timeline"):  # fmt: skip
        assert english in out, english


@pytest.mark.parametrize("lang", ["nl_NL.UTF-8", "en_US.UTF-8"])
@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["where"], ["log", "--help"], ["completion", "bash"]]
)
def test_start_up_is_as_light_in_dutch(tmp_path, lang, args):
    """--help, --version, where and completion import nothing heavy, in either language."""
    code = (
        "import sys\nsys.argv = ['netwerk', *sys.argv[1:]]\nfrom netwerk.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'dateparser', 'vobject', 'icalendar', "
        "'rich.table', 'babel') if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path, lang),
        timeout=60,
    )
    assert "HEAVY []" in result.stderr, result.stderr


def test_a_plain_install_ships_the_catalog():
    """The .mo files are package data: a wheel (what `pip install .` builds) contains them."""
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    patterns = project["tool"]["setuptools"]["package-data"]["netwerk"]
    package = Path(__file__).parents[1] / "netwerk"
    shipped = {p for pattern in patterns for p in package.glob(pattern)}
    assert package / "locale" / "nl" / "LC_MESSAGES" / "netwerk.mo" in shipped


def test_the_catalog_loads_in_process(monkeypatch):
    """Speed is the benchmark runner's (`--help` in Dutch against the floor), not a timed test."""
    from netwerk import i18n

    monkeypatch.setenv("NETWERK_LANG", "nl")
    i18n.reset()
    assert i18n._("Options") == "Opties"
    monkeypatch.setenv("NETWERK_LANG", "en")
    i18n.reset()
