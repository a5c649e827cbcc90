"""netwerk: keep up your network from the command line.

The layout, in layers that only look down (a test reads the imports and enforces it):

    launch.py   the console script: standard library only; answers --version, `where` and
                completion before Typer loads, else hands over to cli/
    cli/        Typer: parse the arguments, open the store, call one service, hand the result to
                output. cli/X maps to services/X (contacts, daily, giving, network, events,
                circles, goals, transfer, housekeeping, forget, sync); app.py holds what they share
    services/   what the user does: netwerk's rules over the store, grouped as the CLI groups;
                raise NetwerkError, never print. names.py resolves the NAME a user types
    store/      the only code that touches SQLite: store.py (the one Store handle, a read or
                write transaction), db.py (the connection), files.py (the path, file checks),
                backup.py (copies), migrations.py, models.py (the SQLModel schema, held against
                the migrations by a test), query.py (shared SQL), completion.py (names for Tab)
    rules/      pure functions, no database and no I/O: dates.py (date and cadence phrases,
                today), text.py (the name fold, e-mail keys), cadence.py, kinds.py, names.py,
                phones.py, fields.py, merge.py
    output/     the only place that prints: formatter.py (human or --json, chosen once),
                render.py (people, due, show, import) and render_network.py (giving, intros,
                who/path, events, circles, goals)
    formats/    pure parse/serialise of vCard, CSV exports and records
    i18n.py     gettext: every sentence a person reads goes through it
    errors.py   the NetwerkError family, raised anywhere, turned into one line by the CLI
"""

__version__ = "0.1.0"
