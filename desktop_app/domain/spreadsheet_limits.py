"""How big a client list may be: the one place that says what the spreadsheet reader refuses.

Rule: a file is checked against these limits before it is parsed (its size, the archive's declared
entry sizes, counts and compression ratio) and while it is streamed (rows, columns, cell length,
shared strings), and refused with a clear message the moment one is exceeded.

Reason: a branch's real client list is a few thousand rows of a few dozen columns, well under
50 MB however it is saved. A hostile or simply wrong file (a whole database export, a zip bomb, a
sheet declaring 16,384 columns, one 1 GiB string, millions of shared strings) must cost seconds and
a bounded amount of memory, not gigabytes (issue 11 measured 2.7 GB and 248 s of CPU against the
unguarded reader). Each limit is far above what a real list needs and far below what hurts.
"""

from __future__ import annotations

MAX_FILE_BYTES = 30 * 1024 * 1024
"""Any file (.xlsx, .xls, .csv) on disk. A 20,000-row list is 2-6 MB as .xlsx or .csv; 30 MB leaves
room for long notes and embedded pictures while keeping the whole file readable into memory."""

MAX_DATA_ROWS = 20_000
"""Data rows imported at once (the import's transaction and its preview stay interactive)."""

MAX_TITLE_ROWS = 20
"""Rows above the data a sheet may carry (merged titles, notes, the header row)."""

MAX_SHEET_ROWS = MAX_DATA_ROWS + MAX_TITLE_ROWS
"""Rows read from a sheet before the reader stops and refuses the file."""

MAX_COLUMNS = 256
"""Columns in any row. A client list has 5-40; 256 is the old .xls format's own width. The declared
dimension of a sheet is ignored (it may claim A1:XFD20000): rows are never padded beyond their cells."""

MAX_CELLS = 1_000_000
"""Cells in a sheet (20,000 rows x 50 columns), counted before the sheet is parsed: parsing costs
about 5 s per million cells on a branch PC."""

MAX_CELL_CHARS = 32_767
"""Characters in one cell: Excel's own limit on a cell's text."""

MAX_ROW_CHARS = 1_000_000
"""Characters in one CSV record (a quoted field may span lines): a real row is under 10,000."""

MAX_SHARED_STRINGS = 1_000_000
"""Entries in an .xlsx shared-string table, declared or real: 20,000 rows x 50 distinct texts.
They are all held in memory while the sheet is read (about 100 bytes each)."""

MAX_SHARED_STRING_CHARS = 16_000_000
"""Characters of all shared strings together (32 MB of text at most in memory)."""

MAX_ZIP_ENTRIES = 1_000
"""Entries in an .xlsx archive: Excel, WPS and LibreOffice write 10-50; pictures add a few each."""

MAX_ZIP_DIRECTORY_BYTES = 1024 * 1024
"""Size of the archive's central directory, read before any entry is listed."""

MAX_STREAMED_PART_BYTES = 64 * 1024 * 1024
"""Declared uncompressed size of a worksheet, the shared strings or a picture: parts read in
streaming mode (or not at all). A real 20,000-row sheet is 10-40 MB of XML."""

MAX_WHOLE_PART_BYTES = 8 * 1024 * 1024
"""Declared uncompressed size of any other part (workbook, styles, relationships, content types):
these are parsed whole, so they are kept small. Real ones are under 1 MB."""

MAX_TOTAL_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
"""All entries of an archive together, declared uncompressed."""

MAX_COMPRESSION_RATIO = 200
"""Declared uncompressed size over compressed size, for entries over 1 MiB. Real sheet XML
compresses 5-30 times; zip bombs 1,000 times."""

RATIO_CHECK_FROM_BYTES = 1024 * 1024
"""Entries smaller than this are not ratio-checked (tiny parts compress arbitrarily well)."""

ENCODING_SAMPLE_BYTES = 256 * 1024
"""Bytes of a CSV file whose characters decide between GBK, Big5 and Shift-JIS (the whole file
must still decode strictly)."""
