"""Benchmarks run on demand only: `pytest tests/bench -m bench` (the default run deselects them)."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/bench/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.bench)
