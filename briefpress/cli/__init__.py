"""The command line: a thin layer over the library, with progress, watch and preview."""
