"""The service layer: plain typed functions on a Session where netwerk's rules live.

Nothing here prints or knows about Typer or rich; errors are raised as NetwerkError. Read
functions return plain dicts shaped exactly like the documented `--json` output (dates as
`date` objects), so the human and the JSON renderers show the same data.
"""
