"""What the audit chain's witness costs an audited action, in the test keyring and in a real
gnome-keyring (where one keyring write takes 12–40 ms, which is why the writer works off the
committing thread, debounced and coalesced: store/audit_witness.py).

Budget: back-to-back actions cost less than 0.3 ms more than the same-run baseline (the commit hook
itself is about 0.03 ms: one indexed read and a hand-off). Actions with a pause after each (where
the debounced write lands in the pause) measured 0.2–0.5 ms more, almost all of it in the next
COMMIT's fsync after the keyring's own file write (1.01 vs 0.85 ms on this machine, rollback
journal); that case is only held under 1 ms, a regression guard."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.support import ROOT, cli_env
from tests.integration.test_keyring_secret_service import private_secret_service, require_tools

OVERHEAD_BUDGET_MS = 0.3
PACED_GUARD_MS = 1.0


def run_driver(tmp_path: Path, env: dict[str, str | None]) -> dict[str, float]:
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "tests.bench.audit_witness_driver", str(work)],
        capture_output=True,
        text=True,
        timeout=600,
        env=cli_env(env),
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(json.dumps(figures))
    return figures


def check(figures: dict[str, float]) -> None:
    overhead = figures["action_ms_witness"] - figures["action_ms_baseline"]
    assert overhead < OVERHEAD_BUDGET_MS, figures
    paced = figures["paced_action_ms_witness"] - figures["paced_action_ms_baseline"]
    assert paced < PACED_GUARD_MS, figures
    assert figures["writes"] < figures["actions"] / 10, figures  # coalesced


def test_witness_cost_with_the_test_keyring(tmp_path: Path) -> None:
    check(run_driver(tmp_path, {}))


@pytest.mark.secret_service
def test_witness_cost_with_gnome_keyring(tmp_path: Path) -> None:
    require_tools()
    with private_secret_service(tmp_path) as secret_service:
        figures = run_driver(
            tmp_path,
            {
                **secret_service,
                "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
                "BRANCHVAULT_TEST_KEYRING_FILE": None,
            },
        )
    assert figures["keyring_write_ms"] > OVERHEAD_BUDGET_MS  # why the writer is asynchronous
    check(figures)
