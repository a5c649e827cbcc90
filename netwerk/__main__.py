"""Allow `python -m netwerk`."""

from netwerk.launch import main

main()
