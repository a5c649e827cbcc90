"""Pure rules: functions with no database and no I/O (dates and cadences, text folding),
tested on their own. Imports only the standard library, `netwerk.errors` and `netwerk.i18n`."""
