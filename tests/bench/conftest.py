"""Benchmarks run on demand only: `pytest tests/bench -m bench` (the default run deselects them).

``big_store``: the 100,000-client store (encrypted and plain builds) the client benchmarks share,
built once per session (see big_store.py).
"""

from __future__ import annotations

import pytest

from tests.bench.big_store import BigStore, build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/bench/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.bench)


@pytest.fixture(scope="session")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> BigStore:
    return build(tmp_path_factory.mktemp("big-client-store"))
