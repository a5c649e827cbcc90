"""Lines that fit the terminal: columns measured in terminal cells, compact relative dates.

`due`, `list` and the other listings print one line per row through `Columns`: every column
is as wide as its widest cell when there is room ("wider terminals use the room"); when there
is not, the columns that may shrink (notes, companies, what was asked) are cut with an
ellipsis, then optional columns are left out, and a person's name is never wrapped: it is the
last thing to be cut. Widths are rich's cell widths, so an emoji or a CJK character counts
as the two cells it takes. Lines under a row (hints, "bring: …") are indented and cut to the
width too. Nothing here queries; rich is imported on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netwerk.i18n import _

if TYPE_CHECKING:
    from rich.text import Text

GAP = 2  # cells between two columns
INDENT = 4  # cells before a line under a row


@dataclass
class Column:
    """One column. `shrink`: cut with an ellipsis down to `min_width` when room runs out.
    `drop`: left out when room runs out, highest first (0: never). `right`: right-aligned."""

    header: str
    shrink: bool = False
    min_width: int = 8
    drop: int = 0
    right: bool = False
    style: str = ""


@dataclass
class Row:
    cells: list[Text | str]
    under: list[tuple[str, str]] = field(default_factory=list)  # (text, style) lines below


def cells(text: str) -> int:
    """The width of `text` in terminal cells (2 for an emoji or a CJK character)."""
    from rich.cells import cell_len

    return cell_len(text)


def fit(columns: list[Column], widths: list[int], room: int) -> list[int]:
    """The width of each column (0: left out) so that a line takes at most `room` cells."""
    chosen = list(widths)

    def total() -> int:
        shown = [w for w in chosen if w]
        return sum(shown) + GAP * max(len(shown) - 1, 0)

    # 1. shrink the shrinkable columns, the widest first, down to their minimum
    while total() > room:
        candidates = [
            i for i, c in enumerate(columns) if c.shrink and chosen[i] > min(c.min_width, widths[i])
        ]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: chosen[i])
        floor = min(columns[widest].min_width, widths[widest])
        chosen[widest] = max(floor, chosen[widest] - (total() - room))
    # 2. leave out optional columns, the most optional first
    for i in sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop):
        if total() <= room:
            break
        chosen[i] = 0
    # 3. the shrinkable columns give up the rest of their room, then the widest column (a
    #    name in a very narrow terminal) is cut: a line never wraps
    for i, c in enumerate(columns):
        if total() > room and c.shrink and chosen[i]:
            chosen[i] = max(1, chosen[i] - (total() - room))
    while total() > room:
        widest = max(range(len(chosen)), key=lambda i: chosen[i])
        if chosen[widest] <= 1:
            break
        chosen[widest] = max(1, chosen[widest] - (total() - room))
    return chosen


def cut(text: Text, width: int) -> Text:
    """`text` in at most `width` cells, an ellipsis marking what was cut."""
    text = text.copy()
    text.truncate(width, overflow="ellipsis")
    return text


class Columns:
    """`Columns([Column("Name"), ...]).print(rows)`: one line per row, fitted to the terminal."""

    def __init__(self, columns: list[Column], *, header: bool = True) -> None:
        self.columns = columns
        self.header = header

    def lines(self, rows: list[Row], room: int) -> list[Text]:
        from rich.text import Text

        table = [
            [_text(cell, column.style) for cell, column in zip(r.cells, self.columns, strict=True)]
            for r in rows
        ]
        heads = [Text(c.header, style="bold") for c in self.columns]
        natural = [
            max([cells(row[i].plain) for row in table] + [cells(h.plain) if self.header else 0])
            for i, h in enumerate(heads)
        ]
        # a column with nothing in any row is left out (no empty "Company" on a family list)
        empty = [all(not row[i].plain for row in table) for i in range(len(self.columns))]
        natural = [0 if e else w for w, e in zip(natural, empty, strict=True)]
        widths = fit(self.columns, natural, room)
        out: list[Text] = []
        if self.header:
            out.append(self._line(heads, widths))
        for row, source in zip(table, rows, strict=True):
            out.append(self._line(row, widths))
            for text, style in source.under:
                out.append(cut(Text(" " * INDENT + _one_line(text), style=style), room))
        return out

    def _line(self, row: list[Text], widths: list[int]) -> Text:
        from rich.text import Text

        line = Text()
        shown = [s for s in zip(row, widths, self.columns, strict=True) if s[1]]
        for n, (cell, width, column) in enumerate(shown):
            piece = cut(cell, width)
            pad = " " * (width - cells(piece.plain))
            last = n == len(shown) - 1
            if column.right:
                line.append(pad)
                line.append_text(piece)
            else:
                line.append_text(piece)
                if not last:
                    line.append(pad)
            if not last:
                line.append(" " * GAP)
        line.rstrip()
        return line

    def print(self, rows: list[Row]) -> None:
        from netwerk.output.render import console

        out = console()
        for line in self.lines(rows, out.width):
            out.print(line, soft_wrap=True)


def indented(rows: list[Row], columns: list[Column]) -> None:
    """Rows under a section title: two cells in, no header."""
    from netwerk.output.render import console, t

    out = console()
    for text in Columns(columns, header=False).lines(rows, out.width - 2):
        out.print(t("  ") + text, soft_wrap=True)


def flow(pieces: list[tuple[str, str]], width: int, indent: int = 0) -> list[Text]:
    """Pieces (text, style) joined on one line when they fit, else broken between pieces
    (never inside one: a name stays whole), the next lines indented by `indent` cells. A piece
    wider than a whole line is cut with an ellipsis."""
    from rich.text import Text

    lines = [Text()]
    for text, style in pieces:
        piece = Text(text, style=style)
        current = lines[-1]
        fits = cells(current.plain) + cells(text) <= width
        if current.plain.strip() and not fits and text[:1].isspace():
            current.rstrip()
            lines.append(Text(" " * indent))
            piece = Text(text.lstrip(), style=style)
        lines[-1].append_text(piece)
    return [cut(line, width) for line in lines]


def sentence(message: str, names: dict[str, str], **values: object) -> list[tuple[str, str]]:
    """A translated `message` as pieces for `flow`: each {placeholder} in `names` becomes one
    bold piece (a name, kept whole), the other words a piece each. Works whatever order the
    translation puts the names in."""
    import re

    marked = message.format(**{key: f"\x00{key}\x00" for key in names}, **values)
    pieces: list[tuple[str, str]] = []
    for part in re.split(r"(\x00\w+\x00)", marked):
        if part.startswith("\x00"):
            pieces.append((" " + names[part.strip("\x00")], "bold"))
            continue
        for n, word in enumerate(part.split()):
            # punctuation right after a name stays on it: 'Amrani, Piet', not 'Amrani , Piet'
            glued = n == 0 and not part[:1].isspace() and pieces
            pieces.append((word if glued else " " + word, ""))
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
    return pieces


def _text(value: Text | str | None, style: str) -> Text:
    from rich.text import Text

    from netwerk.output.render import visible

    if isinstance(value, Text):
        return value
    return Text(_one_line(visible("" if value is None else str(value))), style=style)


def _one_line(text: str) -> str:
    """The first line of `text` (a note's later lines are for `show`), marked when cut."""
    stripped = text.strip()
    if "\n" not in stripped:
        return stripped
    return stripped.splitlines()[0].rstrip() + " …"


# --- compact dates ---------------------------------------------------------------------------


def span(days: int) -> str:
    """A compact length of time: '5 d', '3 wk', '2 mo', '1 yr' (Dutch '2 mnd', '1 jr')."""
    n = abs(days)
    if n < 14:
        return _("{n} d").format(n=n)
    if n < 60:
        return _("{n} wk").format(n=n // 7)
    if n < 730:
        return _("{n} mo").format(n=n // 30)
    return _("{n} yr").format(n=n // 365)


def ago(day: date | None, today: date) -> str:
    """When something happened, compactly: 'today', '3 wk', 'never'."""
    if day is None:
        return _("never")
    delta = (today - day).days
    if delta == 0:
        return _("today")
    if delta < 0:
        return _("in {span}").format(span=span(delta))
    return span(delta)


def until(day: date | None, today: date) -> str:
    """When something is due, compactly: 'today', 'in 3 wk', '2 wk late'."""
    if day is None:
        return ""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta > 0:
        return _("in {span}").format(span=span(delta))
    return _("{span} late").format(span=span(delta))


def every(days: int) -> str:
    """A cadence compactly: '1 wk', '2 wk', '1 mo', '3 mo', '1 yr'."""
    from netwerk.rules.dates import cadence_unit

    n, unit = cadence_unit(days)
    if unit == "day":
        return _("{n} d").format(n=n)
    if unit == "week":
        return _("{n} wk").format(n=n)
    if unit == "month":
        return _("{n} mo").format(n=n)
    return _("{n} yr").format(n=n)


def day_month(day: int, month: int, year: int | None = None) -> str:
    """A birthday as people write it: '3 December', '3 December 1985' (no leading zero)."""
    from netwerk.rules.dates import month_name_of

    if year:
        return _("{day} {month} {year}").format(day=day, month=month_name_of(month), year=year)
    return _("{day} {month}").format(day=day, month=month_name_of(month))
