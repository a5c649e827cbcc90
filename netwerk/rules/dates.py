"""Parse and format the dates and cadences people type, in Dutch and in English.

Every date phrase in netwerk passes through here: `--met gisteren`, `snooze volgende vrijdag`,
birthdays like `27 april`, cadences like `om de twee weken`. The common forms are handled with
small regexes, so a typical command never imports `dateparser` (slow to import and to run);
only unusual phrasings fall through to it, always with Dutch + English and day-first order.

Nearly every command imports this module, so its top level imports the standard library only.
"""

import os
import re
import unicodedata
from datetime import date, datetime, timedelta

from netwerk.errors import BadCadence, BadDate, NetwerkError
from netwerk.i18n import N_, _, language, ngettext, pgettext

MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_CADENCE = 3650  # ten years
_MAX_LEN = 100  # far longer than any real phrase; keeps dateparser away from walls of junk

_DATE_HINT = N_("Try 2026-03-12, 12-03-2026, 'gisteren' or 'last friday'.")
_BIRTHDAY_HINT = N_("Try 27-04, '27 april' or 27-04-1985.")
_CADENCE_HINT = N_("Try 2w, '3 months', 'every 2 weeks' or 'maandelijks'.")
# One whole sentence per kind of value (never "The {what} ..." with a translated word put in).
_HINTS = {"date": _DATE_HINT, "birthday": _BIRTHDAY_HINT, "cadence": _CADENCE_HINT}
_CONTROL_CHARACTERS = {
    "date": N_("The date {value} contains control characters."),
    "birthday": N_("The birthday {value} contains control characters."),
    "cadence": N_("The cadence {value} contains control characters."),
}
_EMPTY = {
    "date": N_("No date given: the text is empty."),
    "birthday": N_("No birthday given: the text is empty."),
    "cadence": N_("No cadence given: the text is empty."),
}
_TOO_LONG = {
    "date": N_("The date {value} is too long ({n} characters)."),
    "birthday": N_("The birthday {value} is too long ({n} characters)."),
    "cadence": N_("The cadence {value} is too long ({n} characters)."),
}
_OUT_OF_RANGE = {
    "date": N_("The date {value} is out of range; use a year from {low} to {high}."),
    "birthday": N_("The birthday {value} is out of range; use a year from {low} to {high}."),
}
_NO_MONTH = {
    "date": N_("The date {value} has no month {month}; put the day first: {example}."),
    "birthday": N_("The birthday {value} has no month {month}; put the day first: {example}."),
}
_NO_DAY = {
    "date": N_(
        "The date {value} does not exist: {month} has no day {day}; check the day and month "
        "(day first: {example})."
    ),
    "birthday": N_(
        "The birthday {value} does not exist: {month} has no day {day}; check the day and "
        "month (day first: {example})."
    ),
}


def _with_hint(message: str, what: str) -> str:
    """A translated message followed by the translated hint for `what` (two whole sentences)."""
    return f"{message} {_(_HINTS[what])}"


def _table(*rows: str) -> dict[str, int]:
    """Map every space-separated word in row i to i: small readable vocabularies."""
    return {word: i for i, row in enumerate(rows) for word in row.split()}


def _alt(words: dict[str, object]) -> str:
    """A regex alternation; longest first so 'dinsdag' wins over 'di' and 'weken' over 'w'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WEEKDAYS = _table(
    "monday mon maandag ma maa",
    "tuesday tue tues dinsdag di din",
    "wednesday wed woensdag wo woe",
    "thursday thu thur thurs donderdag do don",
    "friday fri vrijdag vr vrij",
    "saturday sat zaterdag za zat",
    "sunday sun zondag zo zon",
)
_MONTHS = _table(
    "",
    "january jan januari",
    "february feb februari",
    "march mar maart mrt",
    "april apr",
    "may mei",
    "june jun juni",
    "july jul juli",
    "august aug augustus",
    "september sep sept",
    "october oct oktober okt",
    "november nov",
    "december dec",
)
_NUMBERS = _table(
    "",
    "a an one een één",
    "two twee",
    "three drie",
    "four vier",
    "five vijf",
    "six zes",
    "seven zeven",
    "eight acht",
    "nine negen",
    "ten tien",
    "eleven elf",
    "twelve twaalf",
)
_UNITS = {
    word: unit
    for unit, words in {
        "minute": "minute minutes min mins minuut minuten",
        "hour": "hour hours hr hrs h uur uren u",
        "day": "day days d dag dagen",
        "week": "week weeks wk wks w weken",
        "month": "month months mo mnd m maand maanden",
        "quarter": "quarter quarters kwartaal kwartalen",
        "year": "year years yr yrs y jaar jaren j",
    }.items()
    for word in words.split()
}
# Which way a modifier points: back (-1), forward (+1) or "this" (0). 'jl.' (jongstleden) and
# 'a.s.' (aanstaande) are the Dutch letter-writing abbreviations, used after the weekday.
_DIRECTION = (
    dict.fromkeys(["vorige", "vorig", "afgelopen", "last", "past", "previous", "this past"], -1)
    | dict.fromkeys(["jongstleden", "jl.", "jl"], -1)
    | dict.fromkeys(["aanstaande", "a.s.", "a.s", "komende", "komend", "volgende", "volgend"], 1)
    | dict.fromkeys(["next", "coming", "this coming", "upcoming"], 1)
    | dict.fromkeys(["deze", "dit", "this"], 0)
)
_WORDS = {  # whole phrases; 'the' is stripped before lookup
    "today": 0, "vandaag": 0, "now": 0, "nu": 0, "tonight": 0,
    "yesterday": -1, "gisteren": -1, "gister": -1, "last night": -1,
    "day before yesterday": -2, "eergisteren": -2,
    "tomorrow": 1, "morgen": 1,
    "day after tomorrow": 2, "overmorgen": 2,
}  # fmt: skip

_NUM = rf"\d{{1,4}}|{_alt(_NUMBERS)}"
_WD = rf"(?P<wd>{_alt(_WEEKDAYS)})\.?"
_MOD = rf"(?P<mod>{_alt(_DIRECTION)})"
_MON = rf"(?P<m>{_alt(_MONTHS)})\.?"
_UNIT = rf"(?P<u>{_alt(_UNITS)})"

# Patterns stay strings and are compiled on first use (the re module caches them): compiling
# them all at import would add ~5 ms to every command, even those that never parse a date.

# Calendar forms: each yields groups y (maybe absent), m (number or name) and d.
_RE_YMD = r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})t?"
_RE_COMPACT = r"(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)"
_RE_DMY = r"(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d\d))?"
_RE_DAY_MON = (
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|ste|de|e)?(?: of)?[ -]?{_MON}(?:[ -]'?(?P<y>\d{{4}}|\d\d))?"
)
_RE_MON_DAY = rf"{_MON} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<y>\d{{4}}))?"
_RE_VCARD = r"--(?P<m>\d\d)-?(?P<d>\d\d)"  # vCard's yearless birthday
_DATE_FORMS = (_RE_YMD, _RE_COMPACT, _RE_DMY, _RE_DAY_MON, _RE_MON_DAY)

# Relative forms.
_RE_SHIFT = (
    rf"(?:(?P<pre>over|in|within|binnen) )?(?P<n>{_NUM}) ?{_UNIT}"
    r"(?: (?P<post>geleden|ago|terug|from now|vanaf nu|later))?"
)
_RE_PERIOD = rf"{_MOD} (?P<u>week|maand|month|jaar|year)"
_RE_WEEKDAY = rf"(?:{_MOD} )?{_WD}(?: (?P<post>{_alt(_DIRECTION)}))?"
_RE_WEEK_WEEKDAY = (
    rf"{_MOD} week(?: on)? {_WD}",
    rf"{_WD}(?: of| van)? {_MOD} week",
)

# A time of day is dropped: we store dates. Dutch day-part compounds ('gisteravond') keep their day.
_RE_TIME = (
    r"(?:\b(?:at|om|rond|around) )?\d{1,2}(?::\d\d){1,2}(?: ?(?:am|pm|uur|u|h)\b)?"
    r"|(?:\b(?:at|om) )?\b\d{1,2}(?:[.:]\d\d)? ?(?:am|pm)\b"
    r"|\b(?:at|om) \d{1,2}(?:[.:]\d\d)? ?(?:uur|u|h)\b"
    r"|(?:\b(?:in the|at|this) )?\b(?:morning|afternoon|evening|noon|midnight)\b"
    r"|'?s (?:ochtends|morgens|middags|avonds|nachts)\b"
)
_RE_DAYPART = (
    r"\b(gisteren|gister|eergisteren|van|overmorgen|morgen)(?:ochtend|morgen|middag|avond|nacht)\b"
)
_RE_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # tab/newline are just spaces

# Cadences.
_CADENCE_WORDS = {
    word: days
    for days, words in {
        1: "daily dagelijks",
        7: "weekly wekelijks",
        14: "biweekly bi-weekly fortnightly tweewekelijks",
        30: "monthly maandelijks",
        61: "tweemaandelijks",
        91: "quarterly driemaandelijks",
        182: "halfjaarlijks half-yearly semiannually semi-annually",
        365: "yearly annually jaarlijks",
    }.items()
    for word in words.split()
}
_EVERY = "every|each|elke|elk|iedere|ieder|om de|om het|per|once every|once per|eens per"
_OTHER = ("other", "second", "andere", "tweede")  # 'every other week', 'om de andere week'
_RE_CADENCE = rf"(?:(?P<every>{_EVERY}) ?)?(?P<n>{_NUM}|{'|'.join(_OTHER)})? ?{_UNIT}"
_RE_HALF_YEAR = r"\b(?:een )?half (?:a )?(?:jaar|year)\b"
# '2x per week', 'twice a year', 'drie keer per maand': a frequency, turned into a period.
_RE_FREQUENCY = (
    rf"(?P<k>{_NUM}|once|twice|eens|tweemaal)(?: ?(?:x|keer|times|maal))?"
    rf" (?:per|a|an|in|every|each|elke|elk|iedere|ieder) ?(?P<n>{_NUM})? ?{_UNIT}"
)
_FREQUENCY_WORDS = {"once": 1, "eens": 1, "twice": 2, "tweemaal": 2}


# --- today -----------------------------------------------------------------------------------


def today() -> date:
    """Today's date, or NETWERK_TODAY (YYYY-MM-DD) when set: tests and demos pin the clock."""
    raw = os.environ.get("NETWERK_TODAY", "").strip()
    if not raw:
        return date.today()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise BadDate(
        _(
            "NETWERK_TODAY is set to {value}, which is not a date. "
            "Set it to YYYY-MM-DD (e.g. 2026-03-12) or unset it."
        ).format(value=_show(raw))
    )


def _resolve_today(given: date | None) -> date:
    # A module-level helper because the public functions' `today` parameter shadows today().
    return given if given is not None else today()


# --- dates -----------------------------------------------------------------------------------


def parse_date(text: str, *, today: date | None = None, prefer: str = "past") -> date:
    """Understand a Dutch or English date phrase, relative to `today`.

    `prefer` settles phrases that could point either way: "past" for when something happened
    ('vrijdag' = the most recent Friday), "future" for snoozes and follow-ups ('vrijdag' = the
    next Friday). Times of day are dropped. Whether the date may lie in the future is up to
    the caller.
    """
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    base = _resolve_today(today)
    s = _clean(text, "date", BadDate)
    try:
        result = _parse_known(s, base, prefer == "past", text)
    except (OverflowError, ValueError):
        # Only date arithmetic beyond year 1..9999 gets here ('over 9999 jaar'); impossible
        # calendar dates are reported by _make() with a clearer message.
        raise _out_of_range(text) from None
    if result is None:
        result = _dateparser(s, base, prefer)
    if result is None:
        message = _("Cannot understand the date {value}.").format(value=_show(text))
        raise BadDate(_with_hint(message, "date"))
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _out_of_range(text)
    return result


def _out_of_range(text: str, what: str = "date") -> BadDate:
    return BadDate(_(_OUT_OF_RANGE[what]).format(value=_show(text), low=MIN_YEAR, high=MAX_YEAR))


def _parse_known(s: str, base: date, past: bool, shown: str) -> date | None:
    """The forms we handle ourselves, or None to let dateparser try."""
    s = _strip_time(s)
    s = re.sub(r"^(?:the|on|op) ", "", s)
    if s in _WORDS:
        return base + timedelta(days=_WORDS[s])

    for rx in _DATE_FORMS:
        if m := re.fullmatch(rx, s):
            year, month, day = _parts(m)
            if year is None:
                return _nearest(month, day, base, past, shown)
            return _make(int(year) + (2000 if len(year) == 2 else 0), month, day, shown)

    if m := re.fullmatch(_RE_SHIFT, s):
        pre, post = m["pre"], m["post"]
        if pre and not post:
            sign = 1
        elif post and not pre:
            sign = -1 if post in ("geleden", "ago", "terug") else 1
        else:
            return None  # '3 dagen' alone, or 'in 3 days ago': not ours to guess
        return _shift(base, sign * _number(m["n"]), _UNITS[m["u"]])

    if m := re.fullmatch(_RE_PERIOD, s):
        return _shift(base, _DIRECTION[m["mod"]], _UNITS[m["u"]])

    for rx in _RE_WEEK_WEEKDAY:
        if m := re.fullmatch(rx, s):
            # The weekday in the previous / next / this ISO week, weeks starting on Monday.
            monday = base - timedelta(days=base.weekday())
            return monday + timedelta(days=_WEEKDAYS[m["wd"]] + 7 * _DIRECTION[m["mod"]])

    if m := re.fullmatch(_RE_WEEKDAY, s):
        return _weekday(base, _WEEKDAYS[m["wd"]], m["mod"], m["post"], past)
    return None


def _weekday(base: date, wd: int, mod: str | None, post: str | None, past: bool) -> date | None:
    if mod and post:
        return None
    direction = _DIRECTION[mod or post] if (mod or post) else None
    if direction == 0:  # 'deze vrijdag', 'this friday': the one in the current week
        return base + timedelta(days=wd - base.weekday())
    back = (base.weekday() - wd) % 7
    ahead = (wd - base.weekday()) % 7
    if direction is None:
        # A bare weekday follows `prefer`. Past: on or before today, so typing 'vrijdag' on a
        # Friday logs today's meeting (the Friday before is 'vorige vrijdag'). Future: strictly
        # after today, because snoozing 'until friday' on a Friday means the coming one.
        return base - timedelta(days=back) if past else base + timedelta(days=ahead or 7)
    # 'vorige vrijdag' / 'next friday' are strictly before / after today.
    if direction < 0:
        return base - timedelta(days=back or 7)
    return base + timedelta(days=ahead or 7)


def _strip_time(s: str) -> str:
    s = re.sub(_RE_DAYPART, lambda m: {"van": "vandaag", "gister": "gisteren"}.get(m[1], m[1]), s)
    stripped = " ".join(re.sub(_RE_TIME, " ", s).split())
    return stripped or "vandaag"  # only a time ('15:00', 'this morning'): that is today


def _dateparser(s: str, base: date, prefer: str) -> date | None:
    """The last resort, for phrasings our regexes do not know ('vrijdag 13 maart 2026')."""
    if not any(c.isalnum() for c in s):
        return None
    import dateparser  # deferred: only unusual phrases should pay for this import

    settings = {
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        result = dateparser.parse(s, languages=["nl", "en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on junk; to us that is "not a date"
        return None
    return result.date() if result is not None else None


def _shift(base: date, n: int, unit: str) -> date:
    """Move by n units: months and years by the calendar (day clamped), the rest by duration."""
    if unit in ("month", "quarter", "year"):
        months = n * {"month": 1, "quarter": 3, "year": 12}[unit]
        y, m = divmod(base.month - 1 + months, 12)
        y, m = base.year + y, m + 1
        return date(y, m, min(base.day, _days_in_month(y, m)))
    minutes = abs(n) * {"minute": 1, "hour": 60, "day": 1440, "week": 10080}[unit]
    # Whole days only: '3 uur geleden' is today, not (as floor division would say) yesterday.
    return base + timedelta(days=minutes // 1440 * (1 if n >= 0 else -1))


def _days_in_month(year: int, month: int) -> int:
    return (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days


def _nearest(month: int, day: int, base: date, past: bool, shown: str) -> date:
    """A yearless day: the latest on/before `base` (past) or the first on/after it (future)."""
    _make(2000, month, day, shown)  # a leap year: rejects 31-02 and 30 februari, keeps 29-02
    step = -1 if past else 1
    for offset in range(9):  # 29 February recurs within 8 years
        try:
            candidate = date(base.year + step * offset, month, day)
        except ValueError:  # 29 February in a common year
            continue
        if (candidate <= base) if past else (candidate >= base):
            return candidate
    raise _out_of_range(shown)


def _make(year: int, month: int, day: int, shown: str, what: str = "date") -> date:
    example = "27-04-1985" if what == "birthday" else "12-03-2026"
    if not 1 <= month <= 12:
        raise BadDate(_(_NO_MONTH[what]).format(value=_show(shown), month=month, example=example))
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if not 1 <= year <= 9999:
        raise _out_of_range(shown, what)
    # Name the year only when it is the culprit: 29 February in a common year.
    if day <= _days_in_month(2000, month):
        month_name = _("{month} {year}").format(month=month_name_of(month), year=year)
    else:
        month_name = month_name_of(month)
    raise BadDate(
        _(_NO_DAY[what]).format(value=_show(shown), month=month_name, day=day, example=example)
    )


def _parts(m: re.Match[str]) -> tuple[str | None, int, int]:
    """(year as typed or None, month, day) from one of the calendar regexes."""
    month = m["m"]
    return m.groupdict().get("y"), int(month) if month.isdigit() else _MONTHS[month], int(m["d"])


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


# --- birthdays -------------------------------------------------------------------------------


def parse_birthday(text: str, *, today: date | None = None) -> tuple[int | None, int, int]:
    """A birthday as (year or None, month, day): '27 april', '27-4', '--0427', '27-04-1985'."""
    base = _resolve_today(today)
    s = _clean(text, "birthday", BadDate)
    m = next((m for rx in (_RE_VCARD, *_DATE_FORMS) if (m := re.fullmatch(rx, s))), None)
    if m is None:
        message = _("Cannot understand the birthday {value}.").format(value=_show(text))
        raise BadDate(_with_hint(message, "birthday"))
    typed_year, month, day = _parts(m)
    _make(2000, month, day, text, "birthday")  # a leap year, so a yearless 29 February is fine
    if typed_year is None:
        return None, month, day
    year = int(typed_year)
    if len(typed_year) == 2:  # '27-04-85': nobody is born in the future, so 85 is 1985
        year += 2000 if 2000 + year <= base.year else 1900
    born = _make(year, month, day, text, "birthday")
    if born > base:
        message = _("The birthday {value} is in the future.").format(value=_show(text))
        raise BadDate(_with_hint(message, "birthday"))
    if year < MIN_YEAR:
        raise _out_of_range(text, "birthday")
    return year, month, day


# --- cadences --------------------------------------------------------------------------------


def parse_cadence(text: str) -> int:
    """How often to keep in touch, in days: '2w', '3 maanden', 'om de twee weken', 'jaarlijks'."""
    s = _clean(text, "cadence", BadCadence)
    s = re.sub(_RE_HALF_YEAR, "6 months", s)  # 'elk half jaar', 'every half year', 'half a year'
    if s.startswith("-"):
        message = _("The cadence {value} is negative; use at least 1 day.")
        raise BadCadence(_with_hint(message.format(value=_show(text)), "cadence"))
    days: int | None = None
    if s in _CADENCE_WORDS:
        days = _CADENCE_WORDS[s]
    elif s.isdigit():  # a bare number is days
        days = int(s)
    elif m := re.fullmatch(_RE_CADENCE, s):
        n = m["n"]
        if n is None:
            # Onze Taal: without a number, 'om de week' / 'om de maand' / 'om het jaar' mostly
            # mean every OTHER week/month/year ('de ene week wel, de andere niet').
            count = 2 if m["every"] in ("om de", "om het") else 1
        else:
            count = 2 if n in _OTHER else _number(n)
        days = _cadence_days(count, _UNITS[m["u"]])
    elif m := re.fullmatch(_RE_FREQUENCY, s):
        k = _FREQUENCY_WORDS.get(m["k"]) or _number(m["k"])
        period = _cadence_days(_number(m["n"]) if m["n"] else 1, _UNITS[m["u"]])
        days = None if period is None or k == 0 else period // k
    if days is None:
        message = _("Cannot understand the cadence {value}.").format(value=_show(text))
        raise BadCadence(_with_hint(message, "cadence"))
    if not 1 <= days <= MAX_CADENCE:
        message = _(
            "The cadence {value} is {days} days; it must be between 1 day and 10 years "
            "({most} days)."
        ).format(value=_show(text), days=days, most=MAX_CADENCE)
        raise BadCadence(_with_hint(message, "cadence"))
    return days


def _cadence_days(n: int, unit: str) -> int | None:
    if unit in ("month", "quarter"):
        # round(N * 365 / 12): 1 -> 30, 3 -> 91, 6 -> 182 (half to even), 12 -> 365.
        return round(n * (3 if unit == "quarter" else 1) * 365 / 12)
    per = {"day": 1, "week": 7, "year": 365}.get(unit)  # hours and minutes are not cadences
    return None if per is None else n * per


def format_cadence(days: int) -> str:
    """'every 2 weeks', 'every 3 months', 'every year' ('elke 2 weken', 'maandelijks' in
    Dutch): words that parse_cadence reads back, in either language."""
    if days < 1:
        raise ValueError(f"a cadence is at least 1 day, not {days}")
    months = next((n for n in range(1, 24) if n != 12 and round(n * 365 / 12) == days), None)
    if days % 365 == 0:
        n, unit = days // 365, "year"
    elif months:  # before weeks, so 91 reads 'every 3 months', not 'every 13 weeks'
        n, unit = months, "month"
    elif days % 7 == 0:
        n, unit = days // 7, "week"
    else:
        n, unit = days, "day"
    if n == 1:
        return {
            "day": _("every day"),
            "week": _("every week"),
            "month": _("every month"),
            "year": _("every year"),
        }[unit]
    return {
        "day": _("every {n} days"),
        "week": _("every {n} weeks"),
        "month": _("every {n} months"),
        "year": _("every {n} years"),
    }[unit].format(n=n)


# --- display ---------------------------------------------------------------------------------


def humanize_since(d: date, today: date | None = None) -> str:
    """'3 weeks ago', 'yesterday', 'in 2 weeks' ('3 weken geleden', 'gisteren', 'over 2
    weken'): days under 14, weeks under 60, months under 730."""
    delta = (_resolve_today(today) - d).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("yesterday")
    if delta == -1:
        return _("tomorrow")
    n = abs(delta)
    if n < 14:
        count, unit = n, "day"
    elif n < 60:
        count, unit = n // 7, "week"
    elif n < 730:
        count, unit = n // 30, "month"
    else:
        count, unit = n // 365, "year"
    if delta > 0:
        message = {
            "day": ngettext("{n} day ago", "{n} days ago", count),
            "week": ngettext("{n} week ago", "{n} weeks ago", count),
            "month": ngettext("{n} month ago", "{n} months ago", count),
            "year": ngettext("{n} year ago", "{n} years ago", count),
        }[unit]
    else:
        message = {
            "day": ngettext("in {n} day", "in {n} days", count),
            "week": ngettext("in {n} week", "in {n} weeks", count),
            "month": ngettext("in {n} month", "in {n} months", count),
            "year": ngettext("in {n} year", "in {n} years", count),
        }[unit]
    return message.format(n=count)


def month_name_of(month: int) -> str:
    """'March' / 'maart'."""
    return (
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        pgettext("month", "May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    )[month - 1]


def short_month_of(month: int) -> str:
    """'Mar' / 'mrt'."""
    return (
        _("Jan"),
        _("Feb"),
        _("Mar"),
        _("Apr"),
        pgettext("short month", "May"),
        _("Jun"),
        _("Jul"),
        _("Aug"),
        _("Sep"),
        _("Oct"),
        _("Nov"),
        _("Dec"),
    )[month - 1]


def weekday_name_of(day: date) -> str:
    """'Friday' / 'vrijdag'."""
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[day.weekday()]


def day_month(day: date) -> str:
    """'3 December' / '3 december' (birthdays)."""
    return _("{day} {month}").format(day=day.day, month=month_name_of(day.month))


def show_date(day: date) -> str:
    """A date for people to read: ISO in English (as scripts and sorting like it), the Dutch
    way in Dutch ('3 dec 2026'). `--json` always has ISO."""
    if language() == "en":
        return day.isoformat()
    return _("{day} {month} {year}").format(
        day=day.day, month=short_month_of(day.month), year=day.year
    )


# --- shared ----------------------------------------------------------------------------------


def _clean(text: str, what: str, error: type[NetwerkError]) -> str:
    """Lower-case, NFKC-fold and squeeze `text`, or raise `error` for empty/huge/binary input."""
    if re.search(_RE_CONTROL, text):
        message = _(_CONTROL_CHARACTERS[what]).format(value=_show(text))
        raise error(_with_hint(message, what))
    # NFKC folds full-width digits and composes 'één' typed as e + combining accent.
    s = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace(",", " ")
    s = " ".join(s.split())
    if not s:
        raise error(_with_hint(_(_EMPTY[what]), what))
    if max(len(text), len(s)) > _MAX_LEN:
        message = _(_TOO_LONG[what]).format(value=_show(text), n=len(text))
        raise error(_with_hint(message, what))
    return s.rstrip(".") or s  # a closing full stop ('12 mrt.', 'vrijdag jl.') means nothing


def _show(text: str, limit: int = 40) -> str:
    """Quote a user's value for a one-line message: stripped, escaped, and cut if long."""
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"
