"""A local administrator edits a backup file with a text editor and the app's own modules, rewriting
the manifest's hashes to match, and then tries to restore it. The manifest's MAC (keyed from the
database key, which only a slot in the backup opens) catches it and nothing is restored. Fails if
the MAC check were missing (the hashes alone would match)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.backups import (
    BackupVerificationFailed,
    create_backup,
    restore_backup,
    verify_backup,
)
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]


def test_a_weakened_branch_toml_with_a_fixed_up_manifest_is_refused(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    good = create_backup(signed_in(Role.IT_ADMIN), tmp_path).path
    with zipfile.ZipFile(good) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    toml = members["branch.toml"].decode("utf-8")
    weakened = toml.replace("use_keyring = true", "use_keyring = false") + "\n# edited\n"
    members["branch.toml"] = weakened.encode("utf-8")
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["branch.toml"] = {
        "size": len(members["branch.toml"]),
        "sha256": hashlib.sha256(members["branch.toml"]).hexdigest(),
    }
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    forged = tmp_path / "forged.bvbackup"
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    username, password = branch.users[Role.IT_ADMIN]
    checked = verify_backup(branch.context(), forged, username=username, password=password)
    assert [p.name for p in checked.problems] == ["backup:manifest.mac"]
    target = tmp_path / "restored"
    with pytest.raises(BackupVerificationFailed) as refused:
        restore_backup(branch.context(), forged, username=username, password=password, target=target)
    assert "manifest.mac" in refused.value.en
    assert not target.exists()
