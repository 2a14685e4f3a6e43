"""Memory of a batch of consent forms, measured in a process of its own (no pytest in the process).

``python tests/bench/consent_form_memory.py WARM_UP BATCH HEAP_FORMS`` makes WARM_UP forms, reads the
resident size (VmRSS), makes BATCH more reading it half way and at the end (and once more after
glibc's ``malloc_trim`` hands freed pages back, which leaves live memory), then makes HEAP_FORMS more under
tracemalloc (it slows each form ~8x and grows the process itself, so it is kept out of the resident
figures) and reports the net Python heap growth. Prints one JSON line.
"""

from __future__ import annotations

import ctypes
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.documents.consent_form import consent_form_pdf
from desktop_app.domain.consent_form_number import new_form_number
from desktop_app.store.notice_files import bundled_versions, load_bundled
from tests.documents.test_consent_form import make_form


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(warm_up: int, batch: int, heap_forms: int) -> dict[str, float]:
    notice = load_bundled(bundled_versions()[-1])

    def one() -> int:
        number = str(new_form_number("SZ001", time.time()))
        return len(consent_form_pdf(make_form(notice, form_number=number)))

    for _ in range(warm_up):
        one()
    gc.collect()
    rss_before = _rss_kib()
    start = time.perf_counter()
    smallest = min(one() for _ in range(batch // 2))
    gc.collect()
    rss_half = _rss_kib()
    smallest = min(smallest, *(one() for _ in range(batch - batch // 2)))
    elapsed = time.perf_counter() - start
    gc.collect()
    rss_after = _rss_kib()
    ctypes.CDLL("libc.so.6").malloc_trim(0)  # hand freed pages back: what is left is live memory
    rss_trimmed = _rss_kib()
    tracemalloc.start()
    heap_before = tracemalloc.get_traced_memory()[0]
    for _ in range(heap_forms):
        one()
    gc.collect()
    heap_growth = tracemalloc.get_traced_memory()[0] - heap_before
    tracemalloc.stop()
    return {
        "rss_before_kib": rss_before,
        "rss_half_kib": rss_half,
        "rss_after_kib": rss_after,
        "rss_trimmed_kib": rss_trimmed,
        "seconds": elapsed,
        "smallest_pdf": smallest,
        "heap_growth_bytes": heap_growth,
    }


if __name__ == "__main__":
    print(json.dumps(main(*(int(a) for a in sys.argv[1:4]))))
