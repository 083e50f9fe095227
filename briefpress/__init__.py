"""briefpress: printable briefings from YAML summaries."""

__version__ = "0.1.0"
