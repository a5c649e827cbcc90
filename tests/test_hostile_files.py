"""Hostile vCard and CSV files: rejected, or imported with bounded memory and a clear report.

The import command is built in another branch (issue 4); these tests switch themselves on when
`netwerk import` exists, so the parsers in `netwerk/formats/` are held to them at merge. Each
file is imported by the real script in a child process whose address space is capped, so an
unbounded read fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

MEMORY_CAP = 1024 * 1024 * 1024  # 1 GiB of address space: far above a sane import's need
BIG = 50 * 1024 * 1024


def _vcard(name: str, extra: str = "") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name};;;;\r\n{extra}END:VCARD\r\n"


def _laughs() -> bytes:
    return "".join(
        _vcard(f"Lol {i}", "NOTE:" + "lol" * 10_000 + "\r\n") for i in range(300)
    ).encode()


def _folded() -> bytes:
    note = "NOTE:" + "".join("x" * 70 + "\r\n " for _ in range(200_000)) + "\r\n"
    return _vcard("Piet", note).encode()


# name -> content, built only when the test runs (some are 50 MB); extend freely
HOSTILE: dict[str, Callable[[], bytes]] = {
    "gigantic-field.vcf": lambda: _vcard("Piet", "NOTE:" + "x" * BIG + "\r\n").encode(),
    "folded-forever.vcf": _folded,
    "nul-bytes.vcf": lambda: _vcard("Pi\x00et", "NOTE:a\x00b\r\n").encode(),
    "billion-laughs.vcf": _laughs,
    "nested.vcf": lambda: ("BEGIN:VCARD\r\n" * 20_000 + "END:VCARD\r\n" * 20_000).encode(),
    "unclosed.vcf": lambda: b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piet\r\n",
    "not-utf8.vcf": lambda: _vcard("Pi\udcffet").encode("utf-8", "surrogateescape"),
    "binary.vcf": lambda: os.urandom(100_000),
    "gigantic-field.csv": lambda: b"name,note\r\nPiet," + b"x" * BIG + b"\r\n",
    "one-endless-quote.csv": lambda: b'name,note\r\nPiet,"' + b"a" * BIG,
    "nested-quotes.csv": lambda: b'name,note\r\n"""Piet""","""""""""' * 1000 + b"\r\n",
    "nul-bytes.csv": lambda: b"name,note\r\nPi\x00et,a\x00b\r\n",
    "many-columns.csv": lambda: b"name," + b",".join(b"c%d" % i for i in range(200_000)),
    "many-rows.csv": lambda: b"name\r\n" + b"".join(b"P %d\r\n" % i for i in range(5_000)),
    "empty.csv": lambda: b"",
    "markup.csv": lambda: b"name,note\r\n[red]Piet[/],'; DROP TABLE contact; --\r\n",
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


# each file through each importer that reads its kind
FORMATS = {".vcf": ["vcard"], ".csv": ["linkedin", "google"]}
RUNS = [(name, fmt) for name in sorted(HOSTILE) for fmt in FORMATS[Path(name).suffix]]


@pytest.mark.parametrize("name, fmt", RUNS)
def test_hostile_file_is_rejected_or_imported_within_bounds(tmp_path, name, fmt):
    path = tmp_path / name
    path.write_bytes(HOSTILE[name]())
    db = tmp_path / "netwerk.db"
    exe = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
    env = {**os.environ, "NETWERK_DB": str(db)}
    subprocess.run([exe, "add", "Bestaand Iemand"], env=env, check=True, timeout=60)
    result = subprocess.run(
        [exe, "import", fmt, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_cap_memory,
    )
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 1:
        assert result.stderr.count("\n") == 1, result.stderr
    listed = subprocess.run(
        [exe, "list", "--json"], env=env, capture_output=True, text=True, timeout=60
    )
    assert listed.returncode == 0 and "Bestaand Iemand" in listed.stdout


def test_the_hostile_files_are_what_they_claim():
    """The generators themselves: big where they say big (so the test above means something)."""
    assert len(HOSTILE["one-endless-quote.csv"]()) > BIG
    assert b"\x00" in HOSTILE["nul-bytes.csv"]()
    assert HOSTILE["nested.vcf"]().count(b"BEGIN:VCARD") == 20_000
