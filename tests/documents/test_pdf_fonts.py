"""The embedded fonts: GBK coverage of the bundled font, per-character fallback, missing-glyph warnings."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.documents import fonts
from desktop_app.documents.fonts import PRIMARY_FONT, font_for, font_runs, missing_glyphs
from desktop_app.resource_files import RESOURCES

RARE = "䶮𠮷"  # U+4DAE (Extension A), U+20BB7 (Extension B)


def _gbk_characters() -> list[str]:
    found = []
    for high in range(0x81, 0xFF):
        for low in range(0x40, 0xFF):
            try:
                found.append(bytes([high, low]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return found


def test_the_bundled_font_and_its_licence_ship_in_resources() -> None:
    font = fonts.find_cjk_font()
    assert font is not None and font.path == RESOURCES / "fonts" / "wqy-microhei.ttc"
    licence = (RESOURCES / "fonts" / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache-2.0" in licence and "Apache License" in licence and "Version 2.0" in licence


def test_every_gbk_character_has_a_glyph_and_nearly_all_from_the_bundled_font() -> None:
    characters = _gbk_characters()
    assert len(characters) > 21_000
    assert missing_glyphs("".join(characters)) == []
    from_fallback = [c for c in characters if font_for(c) != PRIMARY_FONT]
    assert set(from_fallback) <= {"☉", "ɑ", "ɡ"}  # the only GBK symbols WenQuanYi Micro Hei lacks
    assert font_for("喆") == font_for("堃") == PRIMARY_FONT


def test_rare_characters_come_from_a_fallback_font_character_by_character() -> None:
    runs = font_runs("张䶮喆𠮷堃")
    assert "".join(run for _, run in runs) == "张䶮喆𠮷堃"
    assert [font == PRIMARY_FONT for font, _ in runs] == [True, False, True, False, True]
    assert all(font.startswith("BranchVaultFallback-") for font, run in runs if run in RARE)
    assert missing_glyphs(RARE) == []


def test_characters_no_font_has_are_reported_once_each_in_order() -> None:
    unassigned = "\u0378"
    assert missing_glyphs(f"张{unassigned}三{unassigned}") == [unassigned]
    # whitespace, format characters and variation selectors draw nothing, so need no glyph
    assert missing_glyphs("张 三\n\t\u200b\ufe00\U000e0100") == []


def test_without_fallback_fonts_the_rare_characters_are_reported_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "_fallbacks", lambda: ())
    assert missing_glyphs("张喆䶮堃𠮷") == ["䶮", "𠮷"]
    assert font_for("䶮") is None


@given(st.text(alphabet=st.characters(codec="gbk"), max_size=40))
def test_runs_always_rebuild_the_text(text: str) -> None:
    runs = font_runs(text)
    assert "".join(run for _, run in runs) == text
    assert all(run for _, run in runs)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))  # neighbours merged
