"""The service layer: what the user does, as plain functions on the store, grouped as the CLI
groups are (`netwerk.cli.X` calls `netwerk.services.X`).

Nothing here prints or knows about Typer or rich; errors are raised as NetwerkError. Read
functions return plain dicts shaped exactly like the documented `--json` output (dates as
`date` objects), so the human and the JSON renderers show the same data.
"""
