"""PDF: HTML to PDF with WeasyPrint, fitting a page budget, fonts, fetching, imposition."""
