"""netwerk: keep up your network from the command line.

The layout, in layers that only look down (a test reads the imports and enforces it):

    launch.py   the console script: standard library only; answers --version, `where` and
                completion before Typer loads, else hands over to cli/
    cli/        Typer: parse the arguments, open the store, call one service, hand the result to
                output. cli/X maps to services/X (contacts, daily, giving, network, events,
                circles, goals, transfer, housekeeping, forget); app.py holds what they share
    services/   what the user does: netwerk's rules over the store, grouped as the CLI groups;
                raise NetwerkError, never print. names.py resolves the NAME a user types
    store/      the only code that touches SQLite: db.py (paths, file checks, connection,
                transactions, backup), migrations.py, models.py (the SQLModel schema),
                query.py (plain-SQL reads), completion.py (names for tab completion)
    rules/      pure functions, no database and no I/O: dates.py (date and cadence phrases,
                today), text.py (the name fold, e-mail and phone keys)
    output/     the only place that prints: render.py (people, due, show, import) and
                render_network.py (giving, intros, who/path, events, circles, goals)
    formats/    pure parse/serialise of vCard, CSV exports and records
    i18n.py     gettext: every sentence a person reads goes through it
    errors.py   the NetwerkError family, raised anywhere, turned into one line by the CLI
"""

__version__ = "0.1.0"
