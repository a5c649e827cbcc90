"""The NetwerkError family: every error a user can cause, as one clear sentence.

The CLI boundary turns these into one red line on stderr and an exit code; the service layer
raises them and never prints.
"""


class NetwerkError(Exception):
    """A problem the user can fix; the message is shown as-is on one line."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class NotFound(NetwerkError):
    """A name, id or thing that does not exist."""


class Ambiguous(NetwerkError):
    """A name that matches more than one contact."""


class Duplicate(NetwerkError):
    """Something that already exists (a likely duplicate contact, a circle)."""


class BadDate(NetwerkError):
    """A date phrase we could not understand, or one that is out of range."""


class BadCadence(NetwerkError):
    """A cadence phrase we could not understand."""


class BadInput(NetwerkError):
    """Any other argument that cannot be used as given."""


class StoreError(NetwerkError):
    """The database file cannot be opened, read or written."""
