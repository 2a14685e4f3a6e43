"""Which main-window areas each role sees."""

from __future__ import annotations

import pytest

from desktop_app.domain.navigation import Area, areas_for
from desktop_app.domain.roles import Role

EXPECTED = {
    Role.AGENT: [Area.CLIENTS, Area.CONSENT, Area.EXPORTS, Area.PROGRAMME],
    Role.MANAGER: [
        Area.CLIENTS,
        Area.REQUESTS,
        Area.CONSENT,
        Area.EXPORTS,
        Area.AUDIT,
        Area.PROGRAMME,
        Area.SECURITY,
    ],
    Role.IT_ADMIN: [Area.ADMIN, Area.PROGRAMME, Area.SECURITY],
    Role.AUDITOR: [Area.AUDIT, Area.PROGRAMME, Area.SECURITY],
}


@pytest.mark.parametrize("role", list(Role))
def test_areas_per_role(role: Role) -> None:
    assert areas_for(role) == EXPECTED[role]


def test_it_admin_sees_no_client_area_and_auditor_only_audit() -> None:
    assert Area.CLIENTS not in areas_for(Role.IT_ADMIN)
    assert Area.CLIENTS not in areas_for(Role.AUDITOR)


def test_every_area_is_reachable_by_some_role() -> None:
    reachable = {area for role in Role for area in areas_for(role)}
    assert reachable == set(Area)
