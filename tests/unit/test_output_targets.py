"""The pure rule for user-chosen output paths (domain/output_targets.py)."""

from __future__ import annotations

from pathlib import PurePosixPath as P

import pytest

from desktop_app.domain.output_targets import (
    OutputExists,
    OutputInsideDataDir,
    OutputKind,
    OutputNotRegularFile,
    is_within,
    output_refusal,
)

DATA = P("/home/agent/.local/share/BranchVault")


def test_is_within_compares_whole_components() -> None:
    assert is_within(DATA, DATA) and is_within(DATA / "branch.db", DATA)
    assert not is_within(P("/home/agent/.local/share/BranchVault-export.pdf"), DATA)
    assert not is_within(P("/home/agent/.local/share"), DATA)


@pytest.mark.parametrize("kind", list(OutputKind))
def test_the_data_directory_is_refused_whatever_is_there(kind: OutputKind) -> None:
    refusal = output_refusal(DATA / "keyslots.json", kind, [DATA], overwrite=True)
    assert isinstance(refusal, OutputInsideDataDir) and refusal.exit_code == 1


def test_identity_found_by_the_store_is_enough() -> None:
    refusal = output_refusal(
        P("/mnt/bind/x.pdf"), OutputKind.MISSING, [DATA], overwrite=False, same_file_as_protected=True
    )
    assert isinstance(refusal, OutputInsideDataDir)


@pytest.mark.parametrize(
    "kind", [OutputKind.DEVICE, OutputKind.FIFO, OutputKind.SOCKET, OutputKind.DIRECTORY, OutputKind.OTHER]
)
def test_anything_but_a_regular_file_is_refused_even_with_force(kind: OutputKind) -> None:
    refusal = output_refusal(P("/dev/full"), kind, [DATA], overwrite=True)
    assert isinstance(refusal, OutputNotRegularFile) and refusal.zh and refusal.en


def test_an_existing_file_needs_overwrite_and_the_message_names_force() -> None:
    refusal = output_refusal(P("/tmp/a.pdf"), OutputKind.REGULAR, [DATA], overwrite=False, shown_as="a.pdf")
    assert isinstance(refusal, OutputExists) and "--force" in refusal.en and "a.pdf" in refusal.zh
    assert output_refusal(P("/tmp/a.pdf"), OutputKind.REGULAR, [DATA], overwrite=True) is None
    assert output_refusal(P("/tmp/b.pdf"), OutputKind.MISSING, [DATA], overwrite=False) is None
