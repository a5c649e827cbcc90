"""Pure rules of the product: no database, no I/O, tested on their own."""
