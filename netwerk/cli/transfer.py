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

IMPORT_FORMATS = ("vcard", "linkedin", "google", "csv", "json", "whatsapp", "calendar", "mail")
# the formats that bring touches, not contacts (netwerk.cli.capture)
CAPTURE_FORMATS = ("whatsapp", "calendar", "mail")
EXPORT_FORMATS = ("vcard", "json", "ics")


def _check(fmt: str, allowed: tuple[str, ...]) -> str:
    value = fmt.strip().lower()
    if value in {"vcf", "vcards"}:
        value = "vcard"
    if "calendar" in allowed:  # import: the file type names the capture format too
        value = {"ics": "calendar", "ical": "calendar", "mbox": "mail", "maildir": "mail"}.get(
            value, value
        )
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
        str,
        typer.Argument(
            metavar="FORMAT",
            help="Contacts: vcard, linkedin, google, csv or json. "
            "Touches: whatsapp, calendar, mail.",
        ),
    ],
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="The file (vcard, whatsapp: also a folder; mail: an mbox or a Maildir folder).",
        ),
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
    since: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="Touches only: leave out what happened before WHEN."),
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            metavar="NAME",
            help="Touches only: your name in the chats, or your e-mail address (repeatable; "
            "remembered).",
        ),
    ] = None,
    add_unknown: Annotated[
        bool,
        typer.Option("--add-unknown", help="Touches only: add unmatched people as contacts."),
    ] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="NAME",
            help="Touches only: skip this name, address or number, now and later (repeatable).",
        ),
    ] = None,
    titles: Annotated[
        bool, typer.Option("--titles", help="calendar: keep the event's title as the note.")
    ] = False,
    subjects: Annotated[
        bool, typer.Option("--subjects", help="mail: keep the e-mail's subject as the note.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Import contacts from a phone/Google/Apple vCard file, LinkedIn's Connections.csv, a
    Google Contacts CSV, any other CSV address book (Outlook, Thunderbird, a list of your
    own: `csv`, with `--map` for columns it does not recognise) or netwerk's own json export;
    or the touches you already had, from exported WhatsApp chats, a calendar (.ics) or a
    mailbox (mbox, Maildir). Nothing is doubled: re-importing a file adds only what is new."""
    from netwerk.output import render

    kind = _check(fmt, IMPORT_FORMATS)
    if column_map is not None and kind != "csv":
        raise BadInput(_("--map is for 'netwerk import csv'."))
    capture_only = {
        "--since": since, "--me": me, "--add-unknown": add_unknown, "--ignore": ignore,
        "--titles": titles, "--subjects": subjects,
    }  # fmt: skip
    if kind in CAPTURE_FORMATS:
        from netwerk.cli.capture import run_capture

        run_capture(
            kind, Path(path).expanduser(), db=db, json=json, dry_run=dry_run, since=since,
            me=me or [], add_unknown=add_unknown, ignore=ignore or [], titles=titles,
            subjects=subjects, circle=circle or [], overwrite=overwrite,
        )  # fmt: skip
        return
    used = [option for option, value in capture_only.items() if value]
    if used:
        raise BadInput(
            _("{option} is for importing touches (whatsapp, calendar, mail), not {kind}.").format(
                option=used[0], kind=kind
            )
        )
    from netwerk.services.transfer import import_file

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
        from netwerk.output import render
        from netwerk.services.transfer import exported_count

        path = Path(output).expanduser()
        write_private(path, content)
        render.wrote(kind, exported_count(kind, content), path)


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
