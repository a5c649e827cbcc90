"""Two-way sync through the user's own CardDAV/CalDAV server (`netwerk sync`).

- `commands`: what `netwerk sync`, `sync setup` and `sync status` do;
- `dav`: the HTTP/WebDAV client (bounded, safe XML, same-origin redirects only);
- `secret`: where the password comes from (keyring, environment, a command), never stored;
- `discover`: finding the address book and calendar from a server URL (RFC 6764/6352/4791);
- `state`: the sync tables (account, one row per synced card) and a contact's state;
- `contacts`: the address-book half of a sync, and why a sync commits in batches (the one
  command that is not one transaction: it runs for minutes, waiting on the server);
  `calendar`: touches and reminders.

Elsewhere in the layers: `netwerk.formats.dav_card` / `dav_event` (a contact as a vCard with
X-NETWERK-* properties, touches and reminders as VEVENTs; pure), `netwerk.rules.merge` (the
three-way merge; pure), `netwerk.output.render_sync` (what the commands print).
"""
