"""KDF calibration, and re-wrapping a slot at sign-in when IT raised the KDF cost."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import MIN_KDF_MEMORY_KIB
from desktop_app.services import audit_review
from desktop_app.services.sign_in import sign_in
from desktop_app.store import kdf_calibration
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import KdfParams
from desktop_app.store.kdf_calibration import MAX_TIME_COST, calibrate
from tests.conftest import FAST_KDF, Branch
from tests.support.branch_settings import save_branch_settings


def test_calibrate_really_measures() -> None:
    params = calibrate(0.01, MIN_KDF_MEMORY_KIB)
    assert params.memory_kib >= 64 * 1024
    assert params.time_cost >= 1
    assert params.parallelism >= 1


@pytest.mark.parametrize("floor_seconds", [0.05, 0.2, 1.0])
@pytest.mark.parametrize("target", [0.01, 0.1, 0.25, 0.5, 1.0, 3.0, 60.0])
def test_calibrate_respects_floors_and_caps(
    monkeypatch: pytest.MonkeyPatch, floor_seconds: float, target: float
) -> None:
    measured: list[KdfParams] = []

    def fake_measure(params: KdfParams) -> float:
        measured.append(params)
        return floor_seconds

    monkeypatch.setattr(kdf_calibration, "_measure", fake_measure)
    params = calibrate(target, MIN_KDF_MEMORY_KIB)
    assert measured and measured[0].memory_kib == MIN_KDF_MEMORY_KIB
    assert MIN_KDF_MEMORY_KIB <= params.memory_kib <= max(MIN_KDF_MEMORY_KIB, kdf_calibration.MAX_MEMORY_KIB)
    assert params.memory_kib % 1024 == 0
    assert 1 <= params.time_cost <= MAX_TIME_COST
    # Cost is about linear in passes x memory: the estimate is near the target unless a cap or floor applies.
    estimate = (
        floor_seconds * (params.time_cost * params.memory_kib) / (measured[0].time_cost * MIN_KDF_MEMORY_KIB)
    )
    capped = params.time_cost in (1, MAX_TIME_COST)
    assert capped or abs(estimate - target) / target < 0.35


def test_calibrate_spends_extra_time_on_memory_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf_calibration, "_measure", lambda params: 0.1)
    costs = [calibrate(target, MIN_KDF_MEMORY_KIB) for target in (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 100.0)]
    products = [p.time_cost * p.memory_kib for p in costs]
    assert products == sorted(products)  # a longer target never gives a cheaper KDF
    assert costs[2].memory_kib > MIN_KDF_MEMORY_KIB  # twice the time: more memory...
    assert costs[2].time_cost == costs[1].time_cost  # ...not more passes
    assert costs[-1].memory_kib == kdf_calibration.MAX_MEMORY_KIB and costs[-1].time_cost == MAX_TIME_COST


def test_calibrate_keeps_a_higher_memory_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf_calibration, "_measure", lambda params: 1.0)
    assert calibrate(0.5, 512 * 1024).memory_kib == 512 * 1024


def slot(branch: Branch, name: str) -> dict[str, object]:
    data = json.loads(branch.ctx.paths.key_slots.read_text(encoding="utf-8"))
    return next(s for s in data["slots"] if s["name"] == name)


def test_raised_kdf_cost_rewraps_the_slot_at_next_sign_in(branch: Branch) -> None:
    config = branch.ctx.require_config()
    stronger = KdfParams(time_cost=2, memory_kib=FAST_KDF.memory_kib, parallelism=1)
    save_branch_settings(branch.ctx, config.with_kdf(stronger))
    before = slot(branch, "lina")
    assert before["kdf"] == FAST_KDF.as_dict()

    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    after = slot(branch, "lina")
    assert after["kdf"] == stronger.as_dict()
    assert after["salt"] != before["salt"] and after["wrapped_private"] != before["wrapped_private"]
    assert slot(branch, "zhangwei")["kdf"] == FAST_KDF.as_dict()  # others upgrade when they sign in
    assert ctx.db is not None
    entries = list(AuditRepository(ctx.db).iter_all())
    assert (entries[-1].action, entries[-1].target_id, entries[-1].details) == (
        "keys.slot_upgraded",
        "lina",
        stronger.as_dict(),
    )
    ctx.close()

    again = sign_in(branch.context(), *branch.users[Role.MANAGER])  # still works, and no second upgrade
    assert again.db is not None
    upgrades = [e for e in AuditRepository(again.db).iter_all() if e.action == "keys.slot_upgraded"]
    assert len(upgrades) == 1
    assert audit_review.verify(again).ok
    again.close()


def test_weaker_config_does_not_downgrade_a_slot(branch: Branch) -> None:
    config = branch.ctx.require_config()
    save_branch_settings(branch.ctx, dataclasses.replace(config, kdf=KdfParams(2, FAST_KDF.memory_kib, 1)))
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    ctx.close()
    save_branch_settings(branch.ctx, config)  # back to t=1
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    ctx.close()
    assert slot(branch, "lina")["kdf"]["time_cost"] == 2  # type: ignore[index]
