"""Tests for netwerk.rules.dates: Dutch and English dates, birthdays and cadences."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netwerk.errors import BadCadence, BadDate
from netwerk.rules import dates
from netwerk.rules.dates import (
    format_cadence,
    humanize_since,
    parse_birthday,
    parse_cadence,
    parse_date,
)

SUN = date(2026, 11, 22)  # a Sunday: the day the whole suite lives on
WED = date(2026, 11, 25)  # a Wednesday, for weekday arithmetic mid-week
D = date  # keeps the tables narrow

# (phrase, expected) with today = SUN and prefer="past".
SUNDAY_PAST = [
    # numeric
    ("2026-03-12", D(2026, 3, 12)),
    ("12-03-2026", D(2026, 3, 12)),
    ("12/03/2026", D(2026, 3, 12)),
    ("12.03.2026", D(2026, 3, 12)),
    ("12-3-26", D(2026, 3, 12)),
    ("12/3", D(2026, 3, 12)),
    ("12-3", D(2026, 3, 12)),
    ("24/12", D(2025, 12, 24)),  # yearless, past: the most recent 24 December
    ("20260312", D(2026, 3, 12)),
    ("2026-03-12T15:00", D(2026, 3, 12)),
    # words
    ("today", SUN),
    ("vandaag", SUN),
    ("  Vandaag  ", SUN),
    ("yesterday", D(2026, 11, 21)),
    ("gisteren", D(2026, 11, 21)),
    ("day before yesterday", D(2026, 11, 20)),
    ("the day before yesterday", D(2026, 11, 20)),
    ("eergisteren", D(2026, 11, 20)),
    ("tomorrow", D(2026, 11, 23)),
    ("morgen", D(2026, 11, 23)),
    ("overmorgen", D(2026, 11, 24)),
    # bare weekdays, past: on or before today
    ("vrijdag", D(2026, 11, 20)),
    ("friday", D(2026, 11, 20)),
    ("vr", D(2026, 11, 20)),
    ("fri", D(2026, 11, 20)),
    ("maandag", D(2026, 11, 16)),
    ("ma", D(2026, 11, 16)),
    ("mon", D(2026, 11, 16)),
    ("dinsdag", D(2026, 11, 17)),
    ("di", D(2026, 11, 17)),
    ("tue", D(2026, 11, 17)),
    ("woensdag", D(2026, 11, 18)),
    ("wo", D(2026, 11, 18)),
    ("wed", D(2026, 11, 18)),
    ("donderdag", D(2026, 11, 19)),
    ("do", D(2026, 11, 19)),
    ("thu", D(2026, 11, 19)),
    ("zaterdag", D(2026, 11, 21)),
    ("za", D(2026, 11, 21)),
    ("sat", D(2026, 11, 21)),
    ("zondag", SUN),  # today is Sunday: a bare 'zondag' in the past means today
    ("zo", SUN),
    ("sunday", SUN),
    # explicit last / next weekday: strictly before / after today
    ("vorige vrijdag", D(2026, 11, 20)),
    ("afgelopen dinsdag", D(2026, 11, 17)),
    ("last friday", D(2026, 11, 20)),
    ("past tuesday", D(2026, 11, 17)),
    ("vorige zondag", D(2026, 11, 15)),
    ("last sunday", D(2026, 11, 15)),
    ("vrijdag jl.", D(2026, 11, 20)),
    ("aanstaande vrijdag", D(2026, 11, 27)),
    ("komende vrijdag", D(2026, 11, 27)),
    ("volgende vrijdag", D(2026, 11, 27)),
    ("next friday", D(2026, 11, 27)),
    ("this coming friday", D(2026, 11, 27)),
    ("vrijdag a.s.", D(2026, 11, 27)),
    ("next sunday", D(2026, 11, 29)),
    ("on friday", D(2026, 11, 20)),
    # weekday in the previous / next ISO week
    ("vorige week dinsdag", D(2026, 11, 10)),
    ("dinsdag vorige week", D(2026, 11, 10)),
    ("last week tuesday", D(2026, 11, 10)),
    ("tuesday last week", D(2026, 11, 10)),
    ("tuesday of last week", D(2026, 11, 10)),
    ("volgende week dinsdag", D(2026, 11, 24)),
    ("next week tuesday", D(2026, 11, 24)),
    # N ago / in N
    ("3 dagen geleden", D(2026, 11, 19)),
    ("drie dagen geleden", D(2026, 11, 19)),
    ("een week geleden", D(2026, 11, 15)),
    ("één week geleden", D(2026, 11, 15)),
    ("twee weken geleden", D(2026, 11, 8)),
    ("2 weken terug", D(2026, 11, 8)),
    ("2 maanden geleden", D(2026, 9, 22)),
    ("een jaar geleden", D(2025, 11, 22)),
    ("3 days ago", D(2026, 11, 19)),
    ("a week ago", D(2026, 11, 15)),
    ("two weeks ago", D(2026, 11, 8)),
    ("over 2 weken", D(2026, 12, 6)),
    ("over twee weken", D(2026, 12, 6)),
    ("over een maand", D(2026, 12, 22)),
    ("over 3 dagen", D(2026, 11, 25)),
    ("in 2 weeks", D(2026, 12, 6)),
    ("in three days", D(2026, 11, 25)),
    ("in a month", D(2026, 12, 22)),
    ("3 days from now", D(2026, 11, 25)),
    ("3 uur geleden", SUN),
    ("30 hours ago", D(2026, 11, 21)),
    # last / next week, month, year
    ("vorige week", D(2026, 11, 15)),
    ("last week", D(2026, 11, 15)),
    ("vorige maand", D(2026, 10, 22)),
    ("last month", D(2026, 10, 22)),
    ("volgende week", D(2026, 11, 29)),
    ("next week", D(2026, 11, 29)),
    ("volgende maand", D(2026, 12, 22)),
    ("next month", D(2026, 12, 22)),
    ("vorig jaar", D(2025, 11, 22)),
    # day + month name
    ("12 maart", D(2026, 3, 12)),
    ("12 mrt", D(2026, 3, 12)),
    ("12 mrt.", D(2026, 3, 12)),
    ("1 maart 2025", D(2025, 3, 1)),
    ("March 12", D(2026, 3, 12)),
    ("12 March 2025", D(2025, 3, 12)),
    ("March 12, 2025", D(2025, 3, 12)),
    ("mar 12", D(2026, 3, 12)),
    ("3 november", D(2026, 11, 3)),
    ("22 november", SUN),  # on/before today includes today
    ("24 december", D(2025, 12, 24)),
    ("the 3rd of march", D(2026, 3, 3)),
    ("29 februari", D(2024, 2, 29)),
    ("13 maart '26", D(2026, 3, 13)),
    # times of day are dropped
    ("15:00 gisteren", D(2026, 11, 21)),
    ("gisteren om 15:00", D(2026, 11, 21)),
    ("yesterday at 3pm", D(2026, 11, 21)),
    ("om 3 uur gisteren", D(2026, 11, 21)),
    ("gisteravond", D(2026, 11, 21)),
    ("vanmorgen", SUN),
    ("this morning", SUN),
    ("tomorrow morning", D(2026, 11, 23)),
    # dateparser fallback
    ("vrijdag 13 maart 2026", D(2026, 3, 13)),
    ("Friday, March 13th 2026", D(2026, 3, 13)),
]

# (phrase, expected) with today = SUN and prefer="future".
SUNDAY_FUTURE = [
    ("vrijdag", D(2026, 11, 27)),
    ("friday", D(2026, 11, 27)),
    ("zondag", D(2026, 11, 29)),  # future is strictly after today: snoozing until today is moot
    ("ma", D(2026, 11, 23)),
    ("1 maart", D(2027, 3, 1)),
    ("12/3", D(2027, 3, 12)),
    ("12-3", D(2027, 3, 12)),
    ("24 december", D(2026, 12, 24)),
    ("22 november", SUN),
    ("29/2", D(2028, 2, 29)),
    ("morgen", D(2026, 11, 23)),
    ("over twee weken", D(2026, 12, 6)),
    ("next friday", D(2026, 11, 27)),
    ("last friday", D(2026, 11, 20)),  # explicit words beat `prefer`
    ("2026-03-12", D(2026, 3, 12)),  # never checks past/future itself
]

# (phrase, prefer, expected) with today = WED.
WEDNESDAY = [
    ("vrijdag", "past", D(2026, 11, 20)),
    ("vrijdag", "future", D(2026, 11, 27)),
    ("woensdag", "past", WED),
    ("woensdag", "future", D(2026, 12, 2)),
    ("maandag", "past", D(2026, 11, 23)),
    ("maandag", "future", D(2026, 11, 30)),
    ("zondag", "past", D(2026, 11, 22)),
    ("zondag", "future", D(2026, 11, 29)),
    ("last friday", "past", D(2026, 11, 20)),
    ("next friday", "past", D(2026, 11, 27)),
    ("vorige woensdag", "past", D(2026, 11, 18)),
    ("volgende woensdag", "past", D(2026, 12, 2)),
    ("last sunday", "past", D(2026, 11, 22)),
    ("vorige week vrijdag", "past", D(2026, 11, 20)),
    ("friday last week", "past", D(2026, 11, 20)),
    ("vorige week maandag", "past", D(2026, 11, 16)),
    ("volgende week maandag", "future", D(2026, 11, 30)),
    ("next week friday", "future", D(2026, 12, 4)),
    ("deze vrijdag", "future", D(2026, 11, 27)),
    ("this friday", "past", D(2026, 11, 27)),
    ("deze week maandag", "past", D(2026, 11, 23)),
    ("vorige week", "past", D(2026, 11, 18)),
]

# (today, phrase, expected): months and years move by the calendar, clamping the day.
CALENDAR_EDGES = [
    (D(2026, 3, 31), "vorige maand", D(2026, 2, 28)),
    (D(2026, 3, 31), "a month ago", D(2026, 2, 28)),
    (D(2026, 3, 31), "over een maand", D(2026, 4, 30)),
    (D(2026, 3, 31), "over 3 maanden", D(2026, 6, 30)),
    (D(2028, 2, 29), "een jaar geleden", D(2027, 2, 28)),
    (D(2028, 2, 29), "in a year", D(2029, 2, 28)),
    (D(2026, 1, 5), "vorige week dinsdag", D(2025, 12, 30)),
    (D(2026, 1, 10), "20 december", D(2025, 12, 20)),
]


@pytest.mark.parametrize(("text", "expected"), SUNDAY_PAST)
def test_parse_date_sunday_past(text: str, expected: date) -> None:
    assert parse_date(text, today=SUN) == expected
    assert parse_date(text, today=SUN, prefer="past") == expected


@pytest.mark.parametrize(("text", "expected"), SUNDAY_FUTURE)
def test_parse_date_sunday_future(text: str, expected: date) -> None:
    assert parse_date(text, today=SUN, prefer="future") == expected


@pytest.mark.parametrize(("text", "prefer", "expected"), WEDNESDAY)
def test_parse_date_wednesday(text: str, prefer: str, expected: date) -> None:
    assert parse_date(text, today=WED, prefer=prefer) == expected


@pytest.mark.parametrize(("today", "text", "expected"), CALENDAR_EDGES)
def test_parse_date_calendar_edges(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today=today) == expected


def test_parse_date_returns_plain_date() -> None:
    assert type(parse_date("yesterday at 3pm", today=SUN)) is date
    assert type(parse_date("vrijdag 13 maart 2026", today=SUN)) is date


BAD_DATES = [
    "",
    "   ",
    "blurp",
    "31-02-2026",
    "29-02-2027",
    "12-13-2026",
    "30 februari",
    "1850-01-01",
    "2300-01-01",
    "over 9999 jaar",
    "a" * 10_000,
    "\x00",
    "gisteren\x1b[0m",
    "\x07vandaag",
]


@pytest.mark.parametrize("text", BAD_DATES, ids=lambda t: repr(t[:20]))
def test_parse_date_errors(text: str) -> None:
    with pytest.raises(BadDate) as caught:
        parse_date(text, today=SUN)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 250  # one line, even for 10,000 characters
    if text.isprintable():
        assert repr(text.strip()[:10])[1:-1] in message  # names the bad value


def test_parse_date_error_messages() -> None:
    with pytest.raises(BadDate, match=r"Cannot understand the date 'blurp'\. Try 2026-03-12"):
        parse_date("blurp", today=SUN)
    with pytest.raises(BadDate, match="February has no day 31"):
        parse_date("31-02-2026", today=SUN)
    with pytest.raises(BadDate, match="February 2027 has no day 29"):
        parse_date("29-02-2027", today=SUN)
    with pytest.raises(BadDate, match="too long"):
        parse_date("x" * 10_000, today=SUN)
    with pytest.raises(BadDate, match=r"control characters"):
        parse_date("\x00", today=SUN)


def test_parse_date_rejects_unknown_prefer() -> None:
    with pytest.raises(ValueError):
        parse_date("vrijdag", today=SUN, prefer="soon")


# --- birthdays -------------------------------------------------------------------------------

BIRTHDAYS = [
    ("27 april", (None, 4, 27)),
    ("27-4", (None, 4, 27)),
    ("27/04", (None, 4, 27)),
    ("27.4", (None, 4, 27)),
    ("--0427", (None, 4, 27)),
    ("--04-27", (None, 4, 27)),
    ("april 27th", (None, 4, 27)),
    ("29 februari", (None, 2, 29)),
    ("29-2", (None, 2, 29)),
    ("1985-04-27", (1985, 4, 27)),
    ("19850427", (1985, 4, 27)),
    ("27-04-1985", (1985, 4, 27)),
    ("27 april 1985", (1985, 4, 27)),
    ("April 27, 1985", (1985, 4, 27)),
    ("27-04-85", (1985, 4, 27)),  # two-digit years never land in the future
    ("27-04-05", (2005, 4, 27)),
    ("29-02-2024", (2024, 2, 29)),
    ("21-11-2026", (2026, 11, 21)),
]


@pytest.mark.parametrize(("text", "expected"), BIRTHDAYS)
def test_parse_birthday(text: str, expected: tuple[int | None, int, int]) -> None:
    assert parse_birthday(text, today=SUN) == expected


BAD_BIRTHDAYS = [
    "",
    "  ",
    "blurp",
    "gisteren",
    "31-02",
    "30 februari",
    "13-13",
    "0-4",
    "29-02-2023",
    "2030-01-01",
    "30-11-2026",  # later this year: still the future
    "1850-04-27",
    "\x00",
    "1" * 10_000,
]


@pytest.mark.parametrize("text", BAD_BIRTHDAYS, ids=lambda t: repr(t[:20]))
def test_parse_birthday_errors(text: str) -> None:
    with pytest.raises(BadDate):
        parse_birthday(text, today=SUN)


def test_parse_birthday_future_message() -> None:
    with pytest.raises(BadDate, match=r"'2030-01-01' is in the future"):
        parse_birthday("2030-01-01", today=SUN)


# --- cadences --------------------------------------------------------------------------------

CADENCES = [
    ("14d", 14),
    ("14 d", 14),
    ("14 days", 14),
    ("14 dagen", 14),
    ("2w", 14),
    ("2 weeks", 14),
    ("2 weken", 14),
    ("3m", 91),
    ("3 months", 91),
    ("3 maanden", 91),
    ("1y", 365),
    ("1 year", 365),
    ("1 jaar", 365),
    ("2 jaar", 730),
    ("daily", 1),
    ("dagelijks", 1),
    ("weekly", 7),
    ("wekelijks", 7),
    ("biweekly", 14),
    ("fortnightly", 14),
    ("tweewekelijks", 14),
    ("monthly", 30),
    ("maandelijks", 30),
    ("quarterly", 91),
    ("per kwartaal", 91),
    ("elk kwartaal", 91),
    ("driemaandelijks", 91),
    ("yearly", 365),
    ("annually", 365),
    ("jaarlijks", 365),
    ("halfjaarlijks", 182),
    ("twice a year", 182),
    ("every 6 months", 182),
    ("elk half jaar", 182),
    ("every 2 weeks", 14),
    ("every week", 7),
    ("every month", 30),
    ("every 3 months", 91),
    ("every year", 365),
    ("elke 2 weken", 14),
    ("elke week", 7),
    ("elke maand", 30),
    ("elk jaar", 365),
    ("iedere maand", 30),
    ("om de 2 weken", 14),
    ("om de twee weken", 14),
    ("om de drie maanden", 91),
    ("elke drie maanden", 91),
    ("every twelve months", 365),
    ("elke twaalf maanden", 365),
    ("every other week", 14),
    ("once a week", 7),
    ("2x per maand", 15),
    ("  Every  Week  ", 7),
    ("DAILY", 1),
    ("10 days", 10),
    ("10y", 3650),
    ("14", 14),
    # Without a number, Dutch 'om de <unit>' mostly means every OTHER unit (Onze Taal).
    ("om de week", 14),
    ("om de maand", 61),
]


@pytest.mark.parametrize(("text", "expected"), CADENCES)
def test_parse_cadence(text: str, expected: int) -> None:
    assert parse_cadence(text) == expected


BAD_CADENCES = [
    "",
    "   ",
    "blurp",
    "0d",
    "0",
    "-3 weeks",
    "every 0 days",
    "3651 days",
    "11 years",
    "3 hours",
    "every",
    "x" * 10_000,
    "\x00",
    "2w\x1b",
]


@pytest.mark.parametrize("text", BAD_CADENCES, ids=lambda t: repr(t[:20]))
def test_parse_cadence_errors(text: str) -> None:
    with pytest.raises(BadCadence) as caught:
        parse_cadence(text)
    assert "\n" not in str(caught.value)


def test_parse_cadence_messages() -> None:
    with pytest.raises(BadCadence, match=r"Cannot understand the cadence 'blurp'\. Try 2w"):
        parse_cadence("blurp")
    with pytest.raises(BadCadence, match=r"'-3 weeks' is negative"):
        parse_cadence("-3 weeks")
    with pytest.raises(BadCadence, match=r"'0d' is 0 days; it must be between 1 day"):
        parse_cadence("0d")


FORMATS = [
    (1, "every day"),
    (7, "every week"),
    (10, "every 10 days"),
    (14, "every 2 weeks"),
    (28, "every 4 weeks"),
    (30, "every month"),
    (61, "every 2 months"),
    (91, "every 3 months"),
    (182, "every 6 months"),
    (365, "every year"),
    (730, "every 2 years"),
    (3650, "every 10 years"),
]


@pytest.mark.parametrize(("days", "text"), FORMATS)
def test_format_cadence(days: int, text: str) -> None:
    assert format_cadence(days) == text
    assert parse_cadence(text) == days


def test_format_cadence_round_trips_every_valid_cadence() -> None:
    assert all(parse_cadence(format_cadence(d)) == d for d in range(1, 3651))


def test_format_cadence_rejects_non_positive() -> None:
    with pytest.raises(ValueError):
        format_cadence(0)


# --- humanize --------------------------------------------------------------------------------

HUMANIZED = [
    (0, "today"),
    (1, "yesterday"),
    (3, "3 days ago"),
    (7, "7 days ago"),  # the rule says days below 14, so "1 week ago" never appears
    (13, "13 days ago"),
    (14, "2 weeks ago"),
    (21, "3 weeks ago"),
    (59, "8 weeks ago"),
    (60, "2 months ago"),
    (365, "12 months ago"),
    (729, "24 months ago"),
    (730, "2 years ago"),
    (1461, "4 years ago"),
    (-1, "tomorrow"),
    (-3, "in 3 days"),
    (-14, "in 2 weeks"),
    (-60, "in 2 months"),
    (-800, "in 2 years"),
]


@pytest.mark.parametrize(("days_ago", "text"), HUMANIZED)
def test_humanize_since(days_ago: int, text: str) -> None:
    assert humanize_since(date.fromordinal(SUN.toordinal() - days_ago), SUN) == text


# --- today and NETWERK_TODAY -----------------------------------------------------------------


def test_netwerk_today_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWERK_TODAY", "2026-03-04")
    assert dates.today() == D(2026, 3, 4)
    assert parse_date("gisteren") == D(2026, 3, 3)
    with pytest.raises(BadDate):
        parse_birthday("27-04-2026")  # after NETWERK_TODAY, so in the future
    assert humanize_since(D(2026, 3, 1)) == "3 days ago"


def test_today_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETWERK_TODAY", raising=False)
    assert dates.today() == date.today()
    monkeypatch.setenv("NETWERK_TODAY", "")
    assert dates.today() == date.today()


@pytest.mark.parametrize("value", ["22-11-2026", "2026-02-30", "tomorrow", "2026-1-5"])
def test_malformed_netwerk_today(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NETWERK_TODAY", value)
    with pytest.raises(BadDate, match="NETWERK_TODAY"):
        dates.today()
    with pytest.raises(BadDate, match="NETWERK_TODAY"):
        parse_date("gisteren")


# --- start-up cost ---------------------------------------------------------------------------

COMMON = [
    "gisteren", "2026-03-12", "vorige vrijdag", "3 weeks ago", "12-03-2026", "12/3", "vandaag",
    "last friday", "volgende week dinsdag", "over twee weken", "12 maart", "March 12",
    "15:00 gisteren", "yesterday at 3pm", "vrijdag", "een jaar geleden",
]  # fmt: skip


def test_common_phrases_do_not_import_dateparser() -> None:
    code = f"""
import sys
before = set(sys.modules)
from netwerk.rules import dates
imported = {{m.split(".")[0] for m in set(sys.modules) - before}}
foreign = imported - set(sys.stdlib_module_names) - {{"netwerk"}}
assert not foreign, f"module level imports non-stdlib modules: {{foreign}}"
for phrase in {COMMON!r}:
    dates.parse_date(phrase)
    dates.parse_date(phrase, prefer="future")
dates.parse_birthday("27 april")
dates.parse_cadence("om de twee weken")
assert "dateparser" not in sys.modules, "a common phrase imported dateparser"
dates.parse_date("vrijdag 13 maart 2026")  # the fallback really is dateparser
assert "dateparser" in sys.modules
"""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


# --- properties ------------------------------------------------------------------------------

TOKENS = [
    "12", "3", "29", "2026", "85", "0", "99999", "-", "/", ".", "--", ":", "maart", "mrt", "feb",
    "vorige", "volgende", "deze", "week", "weken", "vrijdag", "vr", "geleden", "ago", "over",
    "in", "een", "twee", "a", "dagen", "days", "m", "d", "last", "next", "om", "de", "15:00",
    "3pm", "gisteren", "morgen", "every", "elke", "x", "per", "jaar", "year", "twice", "other",
    "half", "jl.", "a.s.", "the", "of", "uur",
]  # fmt: skip
PHRASES = st.tuples(st.lists(st.sampled_from(TOKENS), max_size=6), st.sampled_from([" ", ""])).map(
    lambda parts: parts[1].join(parts[0])
)
ANY_TEXT = st.one_of(st.text(), PHRASES)
FAST = settings(max_examples=200, deadline=None)


@FAST
@given(ANY_TEXT, st.sampled_from(["past", "future"]))
def test_parse_date_returns_a_date_or_bad_date(text: str, prefer: str) -> None:
    try:
        result = parse_date(text, today=SUN, prefer=prefer)
    except BadDate:
        return
    assert type(result) is date
    assert dates.MIN_YEAR <= result.year <= dates.MAX_YEAR


@FAST
@given(ANY_TEXT)
def test_parse_birthday_returns_a_triple_or_bad_date(text: str) -> None:
    try:
        year, month, day = parse_birthday(text, today=SUN)
    except BadDate:
        return
    assert year is None or dates.MIN_YEAR <= year <= SUN.year
    date(2000 if year is None else year, month, day)  # a real day


@FAST
@given(ANY_TEXT)
def test_parse_cadence_returns_days_or_bad_cadence(text: str) -> None:
    try:
        days = parse_cadence(text)
    except BadCadence:
        return
    assert type(days) is int and 1 <= days <= dates.MAX_CADENCE
