"""The sync password: looked up on every run, never stored by netwerk, never printed.

In this order:
1. the OS keyring (the `keyring` library: macOS Keychain, Windows Credential Locker, the
   Secret Service on Linux), service "netwerk-dav", user name "<user>@<server>"; no usable
   backend (a headless machine) is not an error, the next source is tried;
2. the environment variable NETWERK_DAV_PASSWORD;
3. the account's password command (`--password-command "pass show dav"`), whose first line
   of output is the password. The command itself is stored, not its output.

`keyring` is imported only here, only when a sync needs a password.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from netwerk.errors import NetwerkError
from netwerk.i18n import _

ENV_PASSWORD = "NETWERK_DAV_PASSWORD"
KEYRING_SERVICE = "netwerk-dav"
COMMAND_TIMEOUT = 60


def keyring_name(user: str, url: str) -> str:
    from urllib.parse import urlsplit

    return f"{user}@{urlsplit(url).netloc}"


def from_keyring(user: str, url: str) -> str | None:
    """The keyring's password, or None when there is none or no usable keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, keyring_name(user, url))
    except (ImportError, KeyringError, RuntimeError, OSError):
        return None
    except Exception:  # a broken backend (D-Bus gone) must not stop a sync: try the next
        return None


def save_in_keyring(user: str, url: str, password: str) -> bool:
    """Store the password in the OS keyring; False when no usable keyring exists."""
    try:
        import keyring
        from keyring.backends.fail import Keyring as NoKeyring

        if isinstance(keyring.get_keyring(), NoKeyring):
            return False
        keyring.set_password(KEYRING_SERVICE, keyring_name(user, url), password)
        return True
    except Exception:
        return False


def from_command(command: str) -> str:
    """Run the password command (no shell) and take the first line of its output."""
    try:
        done = subprocess.run(
            shlex.split(command),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as e:
        raise NetwerkError(
            _("The password command could not run ({kind}).").format(kind=type(e).__name__)
        ) from None
    if done.returncode != 0:
        raise NetwerkError(
            _("The password command failed (exit code {code}).").format(code=done.returncode)
        )
    lines = done.stdout.splitlines()
    if not lines or not lines[0]:
        raise NetwerkError(_("The password command printed no password."))
    return lines[0]


def password(user: str | None, url: str, command: str | None) -> str | None:
    """The password for `user` at `url`, from the first source that has one; None without
    a user (a server that needs no login)."""
    if not user:
        return None
    found = from_keyring(user, url)
    if found:
        return found
    found = os.environ.get(ENV_PASSWORD)
    if found:
        return found
    if command:
        return from_command(command)
    raise NetwerkError(
        _(
            "No password for {user}: store it in the keyring (netwerk sync setup asks for it on "
            "a terminal), set NETWERK_DAV_PASSWORD, or give --password-command."
        ).format(user=user)
    )
