"""`netwerk import whatsapp|calendar|mail PATH`: the touches you already had, brought in.

The `import` command (netwerk.cli.exchange) hands the capture formats to `run_capture`, which
checks the options that belong to each, opens one writing Store, calls the
source's service and hands the summary to the output layer.
"""

from __future__ import annotations

from pathlib import Path

from netwerk.cli.app import open_store, parse_when, today
from netwerk.errors import BadInput
from netwerk.i18n import _


def run_capture(
    kind: str,
    path: Path,
    *,
    db: str | None,
    json: bool,
    dry_run: bool,
    since: str | None,
    me: list[str],
    add_unknown: bool,
    ignore: list[str],
    titles: bool,
    subjects: bool,
    circle: list[str],
    overwrite: bool,
) -> None:
    from netwerk.output import render, render_capture
    from netwerk.output.formatter import output
    from netwerk.services import capture_sources

    for option, value, allowed in (
        ("--titles", titles, "calendar"),
        ("--subjects", subjects, "mail"),
        ("--circle", circle, None),
        ("--overwrite", overwrite, None),
    ):
        if value and kind != allowed:
            raise BadInput(
                _("{option} does not apply to importing {kind}.").format(option=option, kind=kind)
            )
    if not path.exists():
        raise BadInput(_("No such file or folder: {path}.").format(path=path))
    since_day = parse_when(since)
    day = today()
    options = {
        "today": day, "since": since_day, "add_unknown": add_unknown, "ignore_names": ignore,
        "dry_run": dry_run,
    }  # fmt: skip
    with render.progress(_("Importing")) as start, open_store(db, write=True) as w:
        if kind == "whatsapp":
            data = capture_sources.import_whatsapp(w, path, me=me, progress=start, **options)
        elif kind == "calendar":
            data = capture_sources.import_calendar(
                w, path, me=me, titles=titles, progress=start, **options
            )
        else:
            data = capture_sources.import_mail(
                w, path, me=me, subjects=subjects, progress=start, **options
            )
    output(json).show(data, lambda: render_capture.summary(data, day))
