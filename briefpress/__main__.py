"""Run the briefpress command with ``python3 -m briefpress``."""

from briefpress.cli import main

main()
