"""Child process of test_bench_hostile_sheets.py: read one file with the project's spreadsheet
reader (the checkout on PYTHONPATH), then print one JSON line: outcome, error code, seconds spent in
read_sheet, and this process's peak resident memory (ru_maxrss, KiB).

Usage: python hostile_sheet_driver.py FILE  (FILE "-" only imports the reader: the floor)
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argument: str) -> None:
    import openpyxl  # noqa: F401  # loaded for any workbook: part of the floor

    from desktop_app.store.spreadsheet_reader import read_sheet

    result: dict[str, object] = {"outcome": "floor", "code": "", "rows": 0}
    started = time.monotonic()
    if argument != "-":
        try:
            sheet = read_sheet(Path(argument))
            result.update(outcome="read", rows=len(sheet.rows))
        except MemoryError:
            result.update(outcome="MemoryError")
        except Exception as exc:
            result.update(outcome="refused", code=getattr(exc, "code", type(exc).__name__))
    result["seconds"] = round(time.monotonic() - started, 2)
    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
