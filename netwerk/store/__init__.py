"""The store: the only code that touches SQLite (connection, transactions, migrations, schema,
plain-SQL reads). Imports nothing above `netwerk.rules` and `netwerk.errors`."""
