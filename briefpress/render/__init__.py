"""Rendering: styles, languages and catalogs, the view a template sees, and the HTML."""
