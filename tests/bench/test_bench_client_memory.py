"""Peak memory of the app with the client list open on 100,000 clients, encrypted vs plain.

Each figure comes from its own process (client_list_memory.py): the manager signed in, the list
shown offscreen, scrolled to the middle, the end and through the list; peak = ru_maxrss. An idle
Python + PySide6 process with a QApplication is measured as the floor. Target: under 400 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.big_store import MANAGER, BigStore
from tests.conftest import ROOT

pytestmark = pytest.mark.timeout(600)

SCRIPT = Path(__file__).with_name("client_list_memory.py")
LIMIT_MIB = 400
# Linux keeps ru_maxrss across execve: a child spawned straight from pytest would report pytest's
# own resident size as its floor. A small shell in between forks the measured process afresh.
CLEAN_START = ("/bin/sh", "-c", '"$@" & wait $!', "sh")


def _measure(big_store: BigStore, *args: str) -> dict[str, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **big_store.env())
    out = subprocess.run(
        [*CLEAN_START, sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result: dict[str, int] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _mib(kib: int) -> float:
    return round(kib / 1024, 1)


def test_peak_memory_with_list_open(big_store: BigStore) -> None:
    idle = _measure(big_store, "idle")
    runs = {
        variant: _measure(big_store, variant, str(big_store.base), *MANAGER)
        for variant in ("encrypted", "plain")
    }
    print(f"\nidle Python + PySide6 QApplication: peak {_mib(idle['peak'])} MiB")
    for variant, stages in runs.items():
        steps = ", ".join(
            f"{name} {_mib(stages[name])}"
            for name in ("qapplication", "imported", "signed_in", "first_page", "middle", "end", "scrolled")
        )
        print(
            f"{variant}: peak {_mib(stages['peak'])} MiB (maxrss by stage, MiB: {steps}); "
            f"resident at the end {_mib(stages['rss_end'])} MiB; "
            f"{stages['pages_fetched']} page fetches over {stages['rows']} rows"
        )
    ratio = runs["encrypted"]["peak"] / runs["plain"]["peak"]
    over_idle = _mib(runs["encrypted"]["peak"] - idle["peak"])
    print(f"encrypted/plain peak {ratio:.2f}x; encrypted above the idle floor {over_idle} MiB")
    for variant, stages in (("idle", idle), *runs.items()):
        assert abs(stages["peak"] - stages["hwm"]) < 8 * 1024, (variant, stages)  # not inherited
    for variant, stages in runs.items():
        assert stages["rows"] >= 100_000, (variant, stages)
        assert stages["pages_fetched"] > 3, (variant, stages)  # the scrolling did load pages lazily
        assert _mib(stages["peak"]) < LIMIT_MIB, (variant, stages)
    assert ratio <= 1.5, f"encrypted/plain peak memory {ratio:.2f}x"
