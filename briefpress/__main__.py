"""Run the briefpress command with ``python -m briefpress``."""

from briefpress.cli import main

main()
