"""Getting contacts in and out: `import` (vCard, LinkedIn, Google, json) and `export`
(vCard, json, ics). Exports go to stdout unless `-o FILE`, so they pipe."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from netwerk.cli.app import DbOption, app, open_store, today
from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.output.formatter import output

IMPORT_FORMATS = ("vcard", "linkedin", "google", "csv", "json")
EXPORT_FORMATS = ("vcard", "json", "ics")


def _check(fmt: str, allowed: tuple[str, ...]) -> str:
    value = fmt.strip().lower()
    if value in {"vcf", "vcards"}:
        value = "vcard"
    if value not in allowed:
        raise BadInput(
            _("Unknown format '{format}'. Choose one of: {formats}.").format(
                format=fmt, formats=", ".join(allowed)
            )
        )
    return value


@app.command("import")
def import_(
    fmt: Annotated[
        str, typer.Argument(metavar="FORMAT", help="vcard, linkedin, google, csv or json.")
    ],
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="The file (for vcard also a folder of .vcf).")
    ],
    circle: Annotated[
        list[str] | None,
        typer.Option("--circle", help="Also put everyone imported in this circle (repeatable)."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Let the file's values replace ones you have.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added/merged; write nothing.")
    ] = False,
    column_map: Annotated[
        str | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD,…",
            help="csv: which column holds which field (name, email, phone, company…).",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Import contacts from a phone/Google/Apple vCard file, LinkedIn's Connections.csv, a
    Google Contacts CSV, any other CSV address book (Outlook, Thunderbird, a list of your
    own: `csv`, with `--map` for columns it does not recognise) or netwerk's own json export.
    Contacts already here are merged, never duplicated: re-importing a file adds nothing."""
    from netwerk.output import render
    from netwerk.services.transfer import import_file

    kind = _check(fmt, IMPORT_FORMATS)
    if column_map is not None and kind != "csv":
        raise BadInput(_("--map is for 'netwerk import csv'."))
    source = Path(path).expanduser()
    with render.progress("Importing") as start, open_store(db, write=True) as s:
        data = import_file(
            s,
            kind,
            source,
            today=today(),
            circles=circle or [],
            overwrite=overwrite,
            dry_run=dry_run,
            progress=start,
            column_map=column_map,
        )
    human = render.restored if "restored" in data else render.import_summary
    output(json).show(data, lambda: human(data))


@app.command()
def export(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="vcard, json or ics.")],
    circle: Annotated[str | None, typer.Option(help="Only this circle (vcard, ics).")] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (0600), not stdout."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export contacts as vCard 3.0, everything as json (to restore with `import json`), or
    what is coming as an iCalendar feed (due dates and birthdays) to subscribe to."""
    from netwerk.services.transfer import export_text

    kind = _check(fmt, EXPORT_FORMATS)
    if circle and kind == "json":
        raise BadInput(_("The json export is the whole database; --circle is for vcard and ics."))
    with open_store(db, write=False) as s:
        content = export_text(s, kind, today=today(), circle=circle)
    if output is None or output == "-":
        sys.stdout.write(content)
    else:
        write_private(Path(output).expanduser(), content)


def write_private(path: Path, content: str) -> None:
    """Write `content` to `path` readable by the owner only, replacing it atomically, so a
    calendar app reading the feed while cron rewrites it never sees half a file."""
    if path.is_dir():
        raise BadInput(_("{path} is a folder; give a file name.").format(path=path))
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(content)
        os.replace(temp, path)
    except OSError as e:
        temp.unlink(missing_ok=True)
        raise BadInput(
            _("Cannot write {path}: {problem}.").format(path=path, problem=e.strerror)
        ) from None
