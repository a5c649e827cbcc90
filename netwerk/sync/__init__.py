"""Two-way sync through the user's own CardDAV/CalDAV server (`netwerk sync`).

- `dav`: the HTTP/WebDAV client (bounded, safe XML, same-origin redirects only);
- `secret`: where the password comes from (keyring, environment, a command), never stored;
- `discover`: finding the address book and calendar from a server URL (RFC 6764/6352/4791);
- `cards`: a contact as a vCard with X-NETWERK-* properties, and back (pure);
- `merge`: the three-way merge rules (pure, no I/O);
- `state`: the sync tables (account, one row per synced card);
- `engine`: one sync run.

The package moves to the layered layout (services/sync, formats, rules) with the rest.
"""
