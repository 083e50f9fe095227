"""Run the briefpress command with ``python3 -m briefpress``."""

from briefpress.cli.commands import main

main()
