"""`netwerk review` as a person uses it: the INSTALLED script in a pseudo-terminal (pexpect),
keys in, the screen read back, the database checked afterwards."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

NETWERK = str(Path(sys.executable).with_name("netwerk"))
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Screen:
    """A review running in a pseudo-terminal of 30 lines."""

    def __init__(self, db: Path, *args: str, lang: str = "en", columns: int = 100) -> None:
        env = {**os.environ, "NETWERK_DB": str(db), "NETWERK_TODAY": "2026-11-22"}
        env["NETWERK_LANG"] = lang
        # the terminal's own size decides, as in a real window (the suite sets COLUMNS)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        self.p = pexpect.spawn(
            NETWERK,
            ["review", *args],
            env=env,
            encoding="utf-8",
            timeout=30,
            dimensions=(30, columns),
            # as in a terminal window: a suite started in the background (`cmd &` in a shell
            # without job control) hands on SIGINT ignored, and Ctrl-C would do nothing
            preexec_fn=_default_interrupt,
        )
        self.seen = ""

    def expect(self, text: str) -> str:
        """Wait for `text` on the screen; what was shown before it (without colours)."""
        self.p.expect(re.escape(text))
        shown = _ANSI.sub("", self.p.before + self.p.after)
        self.seen += shown
        return shown

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.p.send(key)

    def line(self, text: str = "") -> None:
        self.p.send(text + "\r")

    def end(self) -> tuple[str, int]:
        self.p.expect(pexpect.EOF)
        rest = _ANSI.sub("", self.p.before)
        self.seen += rest
        self.p.close()
        return rest, self.p.exitstatus


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def week(run, people, tmp_path, db_file):
    """Piet (due 145 days), Klaas (due 23), a birthday (Sanne, not due), an introduction to
    follow up (Anna and Bram), an ask of Eva's waiting, and Wim imported with no touch."""
    people("Piet Jansen", met="2026-04-01")
    people("Klaas Bakker", met="2026-08-01")
    people("Sanne Mulder", birthday="30 november")
    people("Anna de Vries", "Bram Hendriks")
    run.ok("intro", "Anna", "Bram", "--why", "allebei logistiek", "--when", "2026-10-01")
    people("Eva Kok")
    run.ok("ask", "Eva", "een goede boekhouder", "--when", "2026-11-10")
    card = tmp_path / "wim.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wim Wachter\r\nEND:VCARD\r\n")
    run.ok("import", "vcard", str(card))
    return db_file


def test_enter_enter_enter_logs_a_coffee_today(week):
    s = Screen(week)
    first = s.expect("[q]uit")
    assert "1/6" in first and "Due" in first and "Piet Jansen" in first
    assert "145 days overdue" in first and "last touch" in first
    s.keys("l")
    s.expect("Kind [coffee]:")
    s.line()
    s.expect("When [today]:")
    s.line()
    s.expect("Note:")
    s.line()
    assert "Logged coffee with Piet Jansen on 2026-11-22." in s.expect("Klaas Bakker")
    s.keys("q")
    rest, code = s.end()
    assert code == 0 and "Review: 1 logged." in rest
    assert rows(
        week,
        "SELECT t.kind, t.happened_on, t.note, tc.contact_id FROM touch t "
        "JOIN touch_contact tc ON tc.touch_id = t.id WHERE t.kind = 'coffee'",
    ) == [("coffee", "2026-11-22", None, 1)]
    assert rows(week, "SELECT last_touch_on FROM contact WHERE id = 1") == [("2026-11-22",)]


def test_the_walk_goes_due_birthdays_intros_asks_waiting(week):
    s = Screen(week)
    order = []
    for _ in range(6):
        screen = s.expect("[q]uit")
        title = next(x for x in screen.splitlines() if re.match(r"\s*\d+/6", x))
        order.append(title.split(None, 1)[1].strip())
        s.keys(" ")
    rest, code = s.end()
    assert (
        order
        == [
            "Due",
            "Due",
            "Birthday coming",
            "Introduction to follow up",
            "Ask still waiting",
            "Waiting: no known touch",
            "Waiting: no known touch",
        ][: len(order)]
    )
    assert "Did Anna de Vries and Bram Hendriks meet?" in s.seen
    assert "You asked on 2026-11-10: een goede boekhouder" in s.seen
    assert "birthday on 2026-11-30, in 8 days" in s.seen
    assert "Review: nothing changed." in rest and code == 0


def test_each_key_saves_its_answer(week):
    s = Screen(week)
    s.expect("Piet Jansen")
    s.expect("[q]uit")
    s.keys("c")
    s.expect("Cadence")
    s.line("2w")
    s.expect("Cadence of Piet Jansen set.")
    s.keys("k")
    s.expect("Circle:")
    s.line("BNI Utrecht")
    s.expect("Piet Jansen is in BNI Utrecht now.")
    s.keys("o")
    s.expect("Something to bring next time:")
    s.line("het boek over logistiek")
    s.expect("Offer added for Piet Jansen.")
    s.keys("s")
    s.expect("weeks")
    s.keys("2")
    s.expect("Snoozed Piet Jansen until 2026-12-06.")
    s.expect("Klaas Bakker")
    s.keys("a")
    s.expect("Archived Klaas Bakker.")
    s.expect("Birthday coming")
    s.keys("s", "d")
    s.expect("Until:")
    s.line("1 maart")
    s.expect("Snoozed Sanne Mulder until 2027-03-01.")
    s.expect("Introduction to follow up")
    s.keys("d")
    s.expect("How did it go?")
    s.line("koffie gedaan")
    s.expect("m met")
    s.keys("m")
    s.expect("Ask still waiting")
    s.keys("d")
    s.expect("How was it answered?")
    s.line("Jan de boekhouder")
    s.expect("Wim Wachter")
    s.keys("q")
    rest, code = s.end()
    assert code == 0
    assert (
        "Review: 2 snoozed, 1 archived, 1 cadence set, 1 added to a circle, 2 marked done, "
        "1 offer added." in rest
    )
    assert rows(
        week,
        "SELECT name, cadence_days, snoozed_until, archived FROM contact "
        "WHERE id IN (1, 2, 3) ORDER BY id",
    ) == [
        ("Piet Jansen", 14, "2026-12-06", 0),
        ("Klaas Bakker", None, None, 1),
        ("Sanne Mulder", None, "2027-03-01", 0),
    ]
    assert rows(
        week,
        "SELECT ci.name FROM contact_circle cc JOIN circle ci ON ci.id = "
        "cc.circle_id WHERE cc.contact_id = 1",
    ) == [("BNI Utrecht",)]
    assert rows(week, "SELECT what FROM offer WHERE contact_id = 1") == [
        ("het boek over logistiek",)
    ]
    assert rows(week, "SELECT outcome, result, closed_on FROM intro") == [
        ("koffie gedaan", "met", "2026-11-22")
    ]
    assert rows(week, "SELECT answer, answered_on FROM exchange WHERE kind = 'ask'") == [
        ("Jan de boekhouder", "2026-11-22")
    ]


def test_back_help_and_a_bad_answer(week):
    s = Screen(week)
    s.expect("1/6")
    s.expect("[q]uit")
    s.keys("n")
    s.expect("2/6")
    s.expect("[q]uit")
    s.keys("b")
    s.expect("1/6")
    assert "Piet Jansen" in s.expect("[q]uit")
    s.keys("?")
    s.expect("Press any key")
    s.keys("x")
    s.expect("1/6")
    s.expect("[q]uit")
    s.keys("l")
    s.expect("Kind [coffee]:")
    s.line("pannenkoek")
    s.expect("Unknown kind")
    s.keys("q")
    rest, code = s.end()
    assert code == 0 and "Review: nothing changed." in rest
    assert rows(week, "SELECT count(*) FROM touch WHERE kind NOT IN ('met', 'ask', 'intro')") == [
        (0,)
    ]


def test_dutch_kind_and_a_date_and_note(week):
    s = Screen(week)
    s.expect("[q]uit")
    s.keys("l")
    s.expect("Kind")
    s.line("borrel")
    s.expect("When")
    s.line("gisteren")
    s.expect("Note")
    s.line("over de nieuwe hal")
    s.expect("Klaas Bakker")
    s.keys("q")
    s.end()
    assert rows(
        week, "SELECT kind, happened_on, note FROM touch WHERE id = (SELECT max(id) FROM touch)"
    ) == [("drinks", "2026-11-21", "over de nieuwe hal")]


def test_ctrl_c_halfway_keeps_what_was_answered(week):
    s = Screen(week)
    s.expect("[q]uit")
    s.keys("a")
    s.expect("Klaas Bakker")
    s.keys("l")
    s.expect("Kind")
    s.line()
    s.expect("When")
    s.p.sendintr()
    rest, _code = s.end()
    assert "Review: 1 archived." in rest
    assert "Traceback" not in s.seen
    assert rows(week, "SELECT archived FROM contact WHERE id = 1") == [(1,)]
    assert rows(week, "SELECT count(*) FROM touch WHERE kind = 'coffee'") == [(0,)]


def test_a_closed_terminal_keeps_what_was_answered(week):
    s = Screen(week)
    s.expect("[q]uit")
    s.keys("s", "4")
    s.expect("Klaas Bakker")
    s.p.close(force=True)  # the window is closed: SIGHUP
    assert rows(week, "SELECT snoozed_until FROM contact WHERE id = 1") == [("2026-12-20",)]


def test_limit_keeps_it_short(week):
    s = Screen(week, "--limit", "2")
    s.expect("1/2")
    s.keys(" ")
    s.expect("2/2")
    s.keys(" ")
    rest, code = s.end()
    assert code == 0 and "Review: nothing changed." in rest


def test_nothing_to_review(db_file, run):
    run.ok("add", "Piet Jansen")  # met today: not due
    s = Screen(db_file)
    rest, code = s.end()
    assert code == 0 and "Nothing to review" in rest


def test_in_a_script_it_says_so(week):
    done = subprocess.run(
        [NETWERK, "review"],
        env={**os.environ, "NETWERK_DB": str(week)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: netwerk review needs a terminal (it asks one key per person); in a script use "
        "due, log, snooze and archive."
    ]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_screens_fit_the_terminal(week, columns):
    s = Screen(week, columns=columns)
    s.keys("?")
    s.expect("Press any key")
    s.keys("x", "n")
    s.expect("2/6")
    screen = s.expect("[q]uit")
    s.keys("q")
    s.end()
    assert "Klaas Bakker" in screen
    for line in s.seen.splitlines():
        assert len(line.rstrip()) <= columns, line


def test_in_dutch(week):
    s = Screen(week, lang="nl")
    first = s.expect("[q] stop")
    assert "Aan de beurt" in first and "145 dagen over tijd" in first
    s.keys("l")
    s.expect("Soort [koffie]:")
    s.line()
    s.expect("Wanneer [vandaag]:")
    s.line()
    s.expect("Notitie:")
    s.line()
    s.expect("Klaas Bakker")
    s.expect("[q] stop")
    s.keys("s", "1")
    s.expect("Verjaardag op komst")
    assert "jarig op 2026-11-30, over 8 dagen" in s.expect("[q] stop")
    s.keys("a")
    s.expect("Hebben Anna de Vries en Bram Hendriks elkaar gesproken?")
    s.keys("q")
    rest, code = s.end()
    assert code == 0
    assert "Weekoverzicht: 1 gelogd, 1 gesnoozed, 1 gearchiveerd." in rest


def test_fifty_people_after_a_big_import_in_minutes(run, tmp_path, db_file):
    """The promise of the issue: 50 people, Enter Enter Enter each (a coffee today), well
    within minutes even on a loaded machine; the common path is one key and three Enters."""
    import time

    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Persoon {i:02d}\r\nEND:VCARD\r\n" for i in range(50)
    )
    (tmp_path / "big.vcf").write_text(cards)
    run.ok("import", "vcard", str(tmp_path / "big.vcf"))
    started = time.monotonic()
    s = Screen(db_file, "--limit", "50")
    for i in range(50):
        s.expect(f"{i + 1}/")
        s.expect("[q]uit")
        s.keys("l")
        s.expect("Kind")
        s.line()
        s.expect("When")
        s.line()
        s.expect("Note")
        s.line()
    rest, code = s.end()
    assert time.monotonic() - started < 180
    assert code == 0 and "Review: 50 logged." in rest
    assert rows(db_file, "SELECT count(*) FROM contact WHERE last_touch_on = '2026-11-22'") == [
        (50,)
    ]
