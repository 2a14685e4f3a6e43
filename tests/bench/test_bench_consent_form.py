"""Consent form generation: under 150 ms median per form; 1,000 forms in a batch without memory growth.

Run with ``pytest tests/bench/test_bench_consent_form.py -m bench -s`` (prints the figures). Each form
is a filled form with a rare-character name (fallback fonts in use) and its own form number, as an
agent prints them. Memory: the Python heap (tracemalloc) over a batch after warm-up, and the
process's resident size before and after 1,000 forms.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from pathlib import Path

import pytest

from desktop_app.documents.consent_form import consent_form_pdf
from desktop_app.domain.consent_form_number import new_form_number
from desktop_app.domain.privacy_notice import PrivacyNotice
from desktop_app.store.notice_files import bundled_versions, load_bundled
from tests.documents.test_consent_form import make_form

pytestmark = pytest.mark.timeout(600)

MEDIAN_LIMIT_S = 0.150
BATCH = 1_000
WARM_UP = 30
HEAP_SAMPLE = 100
HEAP_GROWTH_LIMIT = 512 * 1024  # bytes still allocated after HEAP_SAMPLE forms
RSS_GROWTH_LIMIT = 48 * 1024 * 1024  # allocator slack, not a leak (a leak of 50 KB/form would be 50 MB)


def _rss_bytes() -> int:
    statm = Path("/proc/self/statm")
    if statm.exists():
        import os

        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # a peak: still bounds growth


@pytest.fixture(scope="module")
def notice() -> PrivacyNotice:
    return load_bundled(bundled_versions()[-1])


def _one(notice: PrivacyNotice, now: float) -> bytes:
    return consent_form_pdf(make_form(notice, form_number=str(new_form_number("SZ001", now))))


def test_median_per_form(notice: PrivacyNotice) -> None:
    for _ in range(5):
        _one(notice, time.time())
    times = []
    for _ in range(40):
        start = time.perf_counter()
        pdf = _one(notice, time.time())
        times.append(time.perf_counter() - start)
        assert pdf.startswith(b"%PDF")
    median = statistics.median(times)
    print(f"\nconsent form: median {median * 1000:.1f} ms, max {max(times) * 1000:.1f} ms over {len(times)}")
    assert median < MEDIAN_LIMIT_S


def test_batch_of_1000_without_memory_growth(notice: PrivacyNotice) -> None:
    for _ in range(WARM_UP):
        _one(notice, time.time())
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(HEAP_SAMPLE):
            _one(notice, time.time())
        gc.collect()
        heap_growth = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    gc.collect()
    rss_before = _rss_bytes()
    start = time.perf_counter()
    sizes = [len(_one(notice, time.time())) for _ in range(BATCH)]
    elapsed = time.perf_counter() - start
    gc.collect()
    rss_growth = _rss_bytes() - rss_before
    print(
        f"\n{BATCH} forms in {elapsed:.1f} s ({elapsed / BATCH * 1000:.1f} ms each); "
        f"heap growth over {HEAP_SAMPLE} forms {heap_growth / 1024:.1f} KiB; "
        f"RSS {rss_before / 2**20:.1f} -> {(rss_before + rss_growth) / 2**20:.1f} MiB"
    )
    assert min(sizes) > 50_000
    assert heap_growth < HEAP_GROWTH_LIMIT
    assert rss_growth < RSS_GROWTH_LIMIT
