"""Authoring: starting a project and copying built-ins into it as overrides."""
