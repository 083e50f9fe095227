"""Checks: what is missing or stale in a project, figures against a source, and the machine."""
