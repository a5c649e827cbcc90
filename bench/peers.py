"""The peers the benchmark compares against: khard (vCards) and jrnl (a journal), same people.

`prepare(work, source_db)` installs khard and jrnl from PyPI into their own venv under `work`
(once), and writes from the generated database:
- 10,000 vCards (one .vcf per contact) and a khard config pointing at that folder;
- a 100,000-entry jrnl journal (one entry per touch, participants as @tags) and its config in a
  private XDG_CONFIG_HOME;
- a LinkedIn Connections.csv of 10,000 rows, for `netwerk import linkedin`.
Everything is rebuilt only when missing or when the source database changed.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

VCARDS = 10_000
JOURNAL_ENTRIES = 100_000
PEER_PACKAGES = ["khard", "jrnl"]


@dataclass
class Peers:
    """Paths and environment for running the peer tools."""

    khard: list[str]
    jrnl: list[str]
    env: dict[str, str]
    vcards: Path
    linkedin_csv: Path
    tag: str  # the jrnl tag of the person whose entries are listed


def tag_of(name: str) -> str:
    """'Jan P. de Vries' -> '@JanPdeVries' (jrnl tags are one word)."""
    return "@" + "".join(ch for ch in name if ch.isalnum())


def _runs(program: Path) -> bool:
    """The peer is installed and starts (a venv moved with its folder has stale shebangs)."""
    try:
        done = subprocess.run([str(program), "--version"], capture_output=True, timeout=60)
    except OSError:
        return False
    return done.returncode == 0


def _install(venv_dir: Path) -> Path:
    bin_dir = venv_dir / "bin"
    if not (_runs(bin_dir / "khard") and _runs(bin_dir / "jrnl")):
        print(f"installing {', '.join(PEER_PACKAGES)} into {venv_dir} …", file=sys.stderr)
        shutil.rmtree(venv_dir, ignore_errors=True)
        venv.create(venv_dir, with_pip=True)
        subprocess.run(
            [str(bin_dir / "pip"), "install", "-q", *PEER_PACKAGES],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return bin_dir


def _vcard(cid: int, name: str, company: str | None, email: str | None, bday: str | None) -> str:
    parts = name.split(" ")
    first, last = parts[0], " ".join(parts[1:])
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:netwerk-bench-{cid}",
        f"FN:{name}",
        f"N:{last};{first};;;",
    ]
    if company:
        lines.append(f"ORG:{company}")
    if email:
        lines.append(f"EMAIL;TYPE=home:{email}")
    if bday:
        lines.append(f"BDAY:{bday}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def _write_vcards(conn: sqlite3.Connection, folder: Path) -> None:
    folder.mkdir(parents=True)
    rows = conn.execute(
        "SELECT c.id, c.name, c.company, "
        "(SELECT value FROM detail d WHERE d.contact_id = c.id AND kind = 'email' LIMIT 1), "
        "CASE WHEN c.birthday_year IS NOT NULL THEN printf('%04d-%02d-%02d', "
        "c.birthday_year, c.birthday_month, c.birthday_day) END "
        "FROM contact c ORDER BY c.id LIMIT ?",
        (VCARDS,),
    )
    for cid, name, company, email, bday in rows:
        (folder / f"{cid}.vcf").write_text(_vcard(cid, name, company, email, bday))


def _write_linkedin(conn: sqlite3.Connection, path: Path) -> None:
    rows = conn.execute(
        "SELECT c.name, c.company, c.role, c.met_on, "
        "(SELECT value FROM detail d WHERE d.contact_id = c.id AND kind = 'email' LIMIT 1) "
        "FROM contact c ORDER BY c.id LIMIT ?",
        (VCARDS,),
    )
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    with path.open("w", newline="", encoding="utf-8") as f:
        # LinkedIn puts a notes preamble above the header of Connections.csv
        f.write("Notes:\n")
        f.write(
            '"When exporting your connection data, you may notice that some of the email '
            'addresses are missing."\n\n'
        )
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                    "Connected On"])  # fmt: skip
        for name, company, role, met_on, email in rows:
            first, _, last = name.partition(" ")
            y, m, d = met_on.split("-")
            slug = "".join(ch for ch in name.lower() if ch.isalnum())
            connected = f"{int(d):02d} {months[int(m) - 1]} {y}"
            w.writerow([first, last, f"https://www.linkedin.com/in/{slug}", email or "",
                        company or "", role or "", connected])  # fmt: skip


def _write_journal(conn: sqlite3.Connection, path: Path) -> None:
    rows = conn.execute(
        "SELECT t.happened_on, t.kind, t.note, group_concat(c.name, '|') FROM touch t "
        "JOIN touch_contact tc ON tc.touch_id = t.id JOIN contact c ON c.id = tc.contact_id "
        "GROUP BY t.id ORDER BY t.happened_on, t.id LIMIT ?",
        (JOURNAL_ENTRIES,),
    )
    with path.open("w", encoding="utf-8") as f:
        for day, kind, note, names in rows:
            people = names.split("|")
            tags = " ".join(tag_of(n) for n in people)
            f.write(f"[{day} 10:00] {kind.capitalize()} met {', '.join(people)}. {tags}\n")
            if note:
                f.write(f"{note}\n")
            f.write("\n")


def _jrnl_config(journal: Path) -> str:
    return f"""colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.0
"""


def prepare(work: Path, source_db: Path, person: str) -> Peers:
    """Install the peers and write their data from `source_db` (the heavy database)."""
    peers_dir = work / "peers-data"
    bin_dir = _install(work / "peers")
    home = peers_dir / "home"
    config = home / ".config"
    vcards = peers_dir / "vcards"
    journal = peers_dir / "journal.txt"
    linkedin = peers_dir / "Connections.csv"
    khard_conf = config / "khard" / "khard.conf"
    jrnl_conf = config / "jrnl" / "jrnl.yaml"
    # regenerate when the source database was regenerated since
    stamp = f"{source_db.stat().st_size} {source_db.stat().st_mtime_ns}"
    stamp_file = peers_dir / "source.stamp"
    if peers_dir.exists() and (not stamp_file.exists() or stamp_file.read_text() != stamp):
        shutil.rmtree(peers_dir)
    peers_dir.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp)
    conn = sqlite3.connect(f"file:{source_db}?mode=ro", uri=True)
    try:
        if not vcards.exists():
            _write_vcards(conn, vcards)
        if not linkedin.exists():
            _write_linkedin(conn, linkedin)
        if not journal.exists():
            _write_journal(conn, journal)
    finally:
        conn.close()
    khard_conf.parent.mkdir(parents=True, exist_ok=True)
    khard_conf.write_text(f"[addressbooks]\n[[bench]]\npath = {vcards}\n")
    jrnl_conf.parent.mkdir(parents=True, exist_ok=True)
    jrnl_conf.write_text(_jrnl_config(journal))
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TERM": "dumb",
    }
    return Peers(
        khard=[str(bin_dir / "khard"), "-c", str(khard_conf)],
        jrnl=[str(bin_dir / "jrnl"), "--config-file", str(jrnl_conf)],
        env=env,
        vcards=vcards,
        linkedin_csv=linkedin,
        tag=tag_of(person),
    )
