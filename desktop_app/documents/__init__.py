"""PDF documents (reportlab). reportlab is imported lazily so start-up stays fast."""
