"""The two entry points of `import` and `export`: pick the format, call its piece."""

from __future__ import annotations

import gc
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netwerk.services.importing import (
    IMPORT_CADENCE_DAYS,
    LINKEDIN_CIRCLE,
    Progress,
    import_records,
    read_records,
)

if TYPE_CHECKING:
    from netwerk.store.store import Store


def import_file(
    store: Store,
    fmt: str,
    path: Path,
    *,
    today: date,
    circles: list[str],
    overwrite: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    column_map: str | None = None,
) -> dict[str, Any]:
    """Import `path` as `fmt` (`column_map`: the generic CSV's --map). A json export restores
    exactly into an empty database; into one with contacts, its contacts merge like any other
    import. One transaction either way."""
    if fmt == "json":
        from netwerk.services import dump  # the models: json is the one format that needs them

        data = dump.read_dump(path)
        if dump.is_empty(store) and not circles:
            result = dump.restore_json(store, data)
            if dry_run:
                store.rollback()
            return {"dry_run": dry_run, **result}
        result = dump.dump_records(data)
        return import_records(
            store,
            result,
            today=today,
            circles=circles,
            overwrite=overwrite,
            dry_run=dry_run,
            progress=progress,
        )
    # Reading and planning 10,000 records allocate some 100,000 objects that all live until the
    # rows are written: the cyclic collector would walk that growing heap again and again (a
    # tenth of an import). Reference counting still frees whatever is dropped, and the
    # collector runs again as soon as the import is done.
    # LinkedIn connections are many and mostly distant: they land in a circle of their own
    # (--circle chooses it) at a yearly cadence, unless that circle already has one
    linkedin = fmt == "linkedin"
    gc.disable()
    try:
        return import_records(
            store,
            read_records(fmt, path, column_map),
            today=today,
            circles=(circles or [LINKEDIN_CIRCLE]) if linkedin else circles,
            overwrite=overwrite,
            dry_run=dry_run,
            progress=progress,
            circle_cadence=IMPORT_CADENCE_DAYS if linkedin else None,
        )
    finally:
        gc.enable()


def export_text(store: Store, fmt: str, *, today: date, circle: str | None = None) -> str:
    """The export of `fmt` ('vcard', 'json' or 'ics') as text."""
    from netwerk.services import dump, exporting

    if fmt == "vcard":
        return exporting.export_vcard(store, circle=circle)
    if fmt == "ics":
        return exporting.export_ics(store, today=today, circle=circle)
    data = dump.export_json(store, today=today)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
