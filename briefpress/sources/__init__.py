"""Reading the documents a briefing summarises: plain text, Markdown, HTML, PDF and DOCX, as blocks of text."""
