"""Allow `python -m netwerk`."""

from netwerk.cli import main

main()
