"""Privacy notices (PIPL Art. 17): parse and validate a notice document, render it with the branch's
values, hash it, and tell whether a new version changes what the client consented to.

The document format is described in resources/notices/README.md: one TOML text per version holding
both languages; every item Art. 17 requires is a named section, every purpose of the registry
(domain/consent_purposes.py) has its own part, and each recipient (Art. 23) is named with its contact,
purpose, method and categories. ``parse_notice`` refuses anything else with one bilingual
InvalidInput naming every missing or wrong item.

The content hash is SHA-256 over a canonical JSON form of the validated document (both languages,
keys sorted, line endings as LF), so re-saving the file in another layout keeps the hash, while any
change to any text changes it. Company values ({company_name} ...) are placeholders; the hash is
over the notice as published, before the branch's values are filled in.
Plain Python: no I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.domain.consent_purposes import PURPOSES, ConsentPurpose, PurposeId, Wording
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.retention_rules import AML_HOLD_YEARS, RetentionRules

FORMAT = 1
MAX_NOTICE_CHARS = 200_000
MAX_PROBLEMS_SHOWN = 12
VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

SECTION_NAMES: Mapping[str, tuple[str, str]] = {
    "intro": ("前言", "introduction"),
    "processor": ("处理者名称及联系方式", "processor name and contact"),
    "purposes": ("处理目的", "purposes"),
    "methods": ("处理方式", "methods"),
    "categories": ("个人信息种类", "categories of data"),
    "retention": ("保存期限", "retention periods"),
    "recipients": ("接收方", "recipients"),
    "rights": ("行使权利的方式", "how to exercise rights"),
    "minors": ("未满十四周岁的未成年人", "children under 14"),
    "changes": ("告知书的更新", "changes to the notice"),
}
"""Every section, in the order it is shown; all but ``intro`` are required."""
OPTIONAL_SECTIONS = frozenset({"intro"})

ITEM_NAMES: Mapping[str, tuple[str, str]] = {
    "necessity": ("处理的必要性", "Why it is necessary"),
    "impact": ("对您权益的影响", "Effect on your rights"),
    "withdrawal": ("撤回同意", "Withdrawing consent"),
    "name": ("接收方名称", "Recipient"),
    "contact": ("联系方式", "Contact"),
    "purpose": ("处理目的", "Purpose"),
    "method": ("处理方式", "Method"),
    "categories": ("个人信息种类", "Categories of information"),
}
PURPOSE_ITEMS = ("necessity", "impact", "withdrawal")
RECIPIENT_ITEMS = ("name", "contact", "purpose", "method", "categories")

BRANCH_PLACEHOLDERS = ("company_name", "company_contact", "branch_name", "hq_name", "hq_contact")
RETENTION_PLACEHOLDERS = (
    "lead_months",
    "visiting_months",
    "subscription_months",
    "contract_months",
    "closed_months",
    "aml_hold_years",
)
PLACEHOLDERS = frozenset(BRANCH_PLACEHOLDERS + RETENTION_PLACEHOLDERS)
_LANGUAGES = ("zh", "en")
_BY_CODE: Mapping[str, ConsentPurpose] = {p.id.value: p for p in PURPOSES.values()}


@dataclass(frozen=True)
class NoticeSection:
    """A named part of the notice: title, text, named items (e.g. ``necessity``) and subsections
    (one per purpose under ``purposes``, one per recipient under ``recipients``)."""

    key: str
    title: Wording
    text: Wording
    items: tuple[tuple[str, Wording], ...] = ()
    subsections: tuple[NoticeSection, ...] = ()

    def item(self, name: str) -> Wording | None:
        return dict(self.items).get(name)

    def subsection(self, key: str) -> NoticeSection | None:
        return next((s for s in self.subsections if s.key == key), None)

    def canonical(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": [self.title.zh, self.title.en],
            "text": [self.text.zh, self.text.en],
            "items": {name: [w.zh, w.en] for name, w in self.items},
            "subsections": [s.canonical() for s in self.subsections],
        }


@dataclass(frozen=True)
class PrivacyNotice:
    """A validated notice version."""

    version: str
    effective: date
    title: Wording
    sections: tuple[NoticeSection, ...]
    recipients: Mapping[str, PurposeId]
    """Recipient id (e.g. ``headquarters``) -> the consent purpose that covers providing data to it."""
    content_hash: str = field(default="", compare=False)

    def section(self, key: str) -> NoticeSection:
        """The section ``key`` (KeyError if absent: only ``intro`` may be)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def purposes(self) -> tuple[PurposeId, ...]:
        return tuple(PurposeId(s.key) for s in self.section("purposes").subsections)

    def canonical(self) -> str:
        data = {
            "format": FORMAT,
            "version": self.version,
            "effective": self.effective.isoformat(),
            "title": [self.title.zh, self.title.en],
            "sections": [s.canonical() for s in self.sections],
            "recipients": {key: str(value) for key, value in self.recipients.items()},
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash_of(notice: PrivacyNotice) -> str:
    return hashlib.sha256(notice.canonical().encode("utf-8")).hexdigest()


class _Problems:
    """The problems found so far, each in both languages."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def missing(self, path: str, zh_what: str = "", en_what: str = "") -> None:
        label_zh = f"{zh_what}（{path}）" if zh_what else path
        label_en = f"{en_what} ({path})" if en_what else path
        self.items.append((f"缺少{label_zh}", f"missing {label_en}"))

    def wrong(self, zh: str, en: str) -> None:
        self.items.append((zh, en))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_PROBLEMS_SHOWN]
        more = len(self.items) - len(shown)
        zh = "；".join(z for z, _ in shown) + (f"；另有 {more} 处问题" if more else "")
        en = "; ".join(e for _, e in shown) + (f"; and {more} more problems" if more else "")
        raise InvalidInput(f"隐私告知书无效：{zh}。", f"The privacy notice is not valid: {en}.")


def _text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _wording(table: Mapping[str, object], name: str, path: str, problems: _Problems) -> Wording | None:
    texts: dict[str, str] = {}
    for language in _LANGUAGES:
        key = f"{name}_{language}"
        text = _text(table.get(key))
        if text is None:
            problems.missing(f"{path}.{key}" if path else key)
        else:
            texts[language] = text
    if len(texts) != len(_LANGUAGES):
        return None
    return Wording(texts["zh"], texts["en"])


def _unexpected(table: Mapping[str, object], allowed: set[str], path: str, problems: _Problems) -> None:
    for key in table:
        if key not in allowed:
            where = f"{path}.{key}" if path else key
            problems.wrong(f"不认识的项目 {where}", f"unknown entry {where}")


def _pair_keys(*names: str) -> set[str]:
    return {f"{name}_{language}" for name in names for language in _LANGUAGES}


def _table(
    data: Mapping[str, object], key: str, path: str, problems: _Problems
) -> Mapping[str, object] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.wrong(f"{path} 应为一个表（[{path}]）", f"{path} must be a table ([{path}])")
        return None
    return value


def _section(
    key: str,
    table: Mapping[str, object],
    items: tuple[str, ...],
    required: tuple[str, ...],
    path: str,
    problems: _Problems,
) -> NoticeSection | None:
    _unexpected(table, _pair_keys("title", "text", *items), path, problems)
    title = _wording(table, "title", path, problems)
    text = _wording(table, "text", path, problems)
    found: list[tuple[str, Wording]] = []
    for name in items:
        present = any(f"{name}_{language}" in table for language in _LANGUAGES)
        if name in required or present:
            wording = _wording(table, name, path, problems)
            if wording is not None:
                found.append((name, wording))
    if title is None or text is None:
        return None
    return NoticeSection(key, title, text, tuple(found))


def _purpose_sections(table: Mapping[str, object], problems: _Problems) -> tuple[NoticeSection, ...]:
    subsections: list[NoticeSection] = []
    for key in table:
        if key not in _pair_keys("title", "text") and key not in PURPOSES:
            problems.wrong(
                f"处理目的 purposes.{key} 不在程序登记的目的之中",
                f"purposes.{key} is not one of the purposes the app knows",
            )
    for purpose in PURPOSES.values():
        path = f"purposes.{purpose.id.value}"
        sub = _table(table, purpose.id.value, path, problems)
        if sub is None:
            problems.missing(path, f"处理目的“{purpose.id.label_zh}”", f"the purpose '{purpose.id.label_en}'")
            continue
        required = (("necessity", "impact") if purpose.states_necessity else ()) + (
            ("withdrawal",) if purpose.withdrawable else ()
        )
        section = _section(purpose.id.value, sub, PURPOSE_ITEMS, required, path, problems)
        if section is not None:
            subsections.append(section)
    return tuple(subsections)


def _recipient_sections(
    table: Mapping[str, object], problems: _Problems
) -> tuple[tuple[NoticeSection, ...], dict[str, PurposeId]]:
    subsections: list[NoticeSection] = []
    covers: dict[str, PurposeId] = {}
    for key, value in table.items():
        if key in _pair_keys("title", "text"):
            continue
        path = f"recipients.{key}"
        if not isinstance(value, dict) or not VERSION_PATTERN.fullmatch(key):
            problems.wrong(f"{path} 应为一个接收方表", f"{path} must be a recipient table")
            continue
        purpose_code = value.get("consent_purpose")
        purpose = _BY_CODE.get(purpose_code) if isinstance(purpose_code, str) else None
        if purpose is None or not purpose.shares_with_recipient:
            allowed = "、".join(p.id.value for p in PURPOSES.values() if p.shares_with_recipient)
            problems.wrong(
                f"{path}.consent_purpose 须为向他方提供个人信息的目的之一：{allowed}",
                f"{path}.consent_purpose must be a purpose that provides data to others: {allowed}",
            )
        rest = {k: v for k, v in value.items() if k != "consent_purpose"}
        _unexpected(rest, _pair_keys(*RECIPIENT_ITEMS), path, problems)
        items = [(name, _wording(value, name, path, problems)) for name in RECIPIENT_ITEMS]
        if purpose is not None and all(w is not None for _, w in items):
            name = dict(items)["name"]
            assert name is not None
            complete = tuple((n, w) for n, w in items if w is not None)
            subsections.append(NoticeSection(key, name, Wording("", ""), complete))
            covers[key] = purpose.id
    for purpose in PURPOSES.values():
        named = any(p is purpose.id for p in covers.values())
        if purpose.shares_with_recipient and not named:
            problems.missing(
                "recipients.<id>",
                f"“{purpose.id.label_zh}”的接收方（名称、联系方式、目的、方式、种类）",
                f"a recipient for '{purpose.id.label_en}' (name, contact, purpose, method, categories)",
            )
    return tuple(subsections), covers


def _all_wordings(section: NoticeSection) -> list[tuple[str, Wording]]:
    found = [(section.key, section.title), (section.key, section.text)]
    found += [(f"{section.key}.{name}", w) for name, w in section.items]
    for sub in section.subsections:
        found += [(f"{section.key}.{path}", w) for path, w in _all_wordings(sub)]
    return found


def _check_placeholders(sections: tuple[NoticeSection, ...], problems: _Problems) -> None:
    for section in sections:
        for path, wording in _all_wordings(section):
            for text in (wording.zh, wording.en):
                for name in PLACEHOLDER.findall(text):
                    if name not in PLACEHOLDERS:
                        problems.wrong(
                            f"{path} 中的占位符 {{{name}}} 无效", f"unknown placeholder {{{name}}} in {path}"
                        )
        if section.key == "retention":
            for language, text in zip(_LANGUAGES, (section.text.zh, section.text.en), strict=True):
                for name in RETENTION_PLACEHOLDERS:
                    if "{" + name + "}" not in text:
                        problems.wrong(
                            f"retention.text_{language} 须用 {{{name}}} 写出保存期限",
                            f"retention.text_{language} must state the period with {{{name}}}",
                        )


def _effective(value: object, problems: _Problems) -> date | None:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.wrong(
        "effective 须为生效日期（如 2026-11-30）",
        "effective must be the date it applies from (e.g. 2026-11-30)",
    )
    return None


def _load(text: object) -> dict[str, Any]:
    if not isinstance(text, str):
        raise InvalidInput("隐私告知书须为文本。", "A privacy notice must be text.")
    if len(text) > MAX_NOTICE_CHARS:
        raise InvalidInput(
            f"隐私告知书过长（超过 {MAX_NOTICE_CHARS} 个字符）。",
            f"The privacy notice is too long (over {MAX_NOTICE_CHARS} characters).",
        )
    try:
        text.encode("utf-8")
        return tomllib.loads(text)
    except UnicodeEncodeError:
        raise InvalidInput(
            "隐私告知书含有无效字符。", "The privacy notice holds invalid characters."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            f"隐私告知书格式错误（TOML）：{exc}", f"The privacy notice is not valid TOML: {exc}"
        ) from None
    except RecursionError:
        raise InvalidInput("隐私告知书嵌套过深。", "The privacy notice is nested too deeply.") from None


def parse_notice(text: str) -> PrivacyNotice:
    """The notice in ``text`` (TOML), validated; InvalidInput names everything missing or wrong."""
    data = _load(text)
    problems = _Problems()
    top = {"format", "version", "effective", "title_zh", "title_en", *SECTION_NAMES}
    _unexpected(data, top, "", problems)
    if data.get("format") != FORMAT or isinstance(data.get("format"), bool):
        problems.wrong(f"format 须为 {FORMAT}", f"format must be {FORMAT}")
    version = data.get("version")
    if not isinstance(version, str) or not VERSION_PATTERN.fullmatch(version):
        problems.wrong(
            "version 须为版本号（字母、数字、. _ -，至多 64 个字符，如 2026-11-v1）",
            "version must be a version id (letters, digits, . _ -, at most 64 characters, e.g. 2026-11-v1)",
        )
    effective = _effective(data.get("effective"), problems)
    title = _wording(data, "title", "", problems)
    sections: list[NoticeSection] = []
    recipients: dict[str, PurposeId] = {}
    for key, (zh_name, en_name) in SECTION_NAMES.items():
        table = _table(data, key, key, problems)
        if table is None:
            if key not in OPTIONAL_SECTIONS:
                problems.missing(key, f"“{zh_name}”部分", f"the '{en_name}' section")
            continue
        if key == "purposes":
            subs = _purpose_sections(table, problems)
            rest = {k: v for k, v in table.items() if k in _pair_keys("title", "text")}
        elif key == "recipients":
            subs, recipients = _recipient_sections(table, problems)
            rest = {k: v for k, v in table.items() if k in _pair_keys("title", "text")}
        else:
            subs, rest = (), dict(table)
        section = _section(key, rest, (), (), key, problems)
        if section is not None:
            sections.append(NoticeSection(section.key, section.title, section.text, (), subs))
    _check_placeholders(tuple(sections), problems)
    problems.raise_if_any()
    assert isinstance(version, str) and effective is not None and title is not None
    notice = PrivacyNotice(version, effective, title, tuple(sections), recipients)
    return PrivacyNotice(version, effective, title, notice.sections, recipients, content_hash_of(notice))


@dataclass(frozen=True)
class NoticeValues:
    """The branch's values filled into the placeholders (from BranchConfig and its retention rules)."""

    company_name: str
    company_contact: str
    branch_name: str
    hq_name: str = ""
    hq_contact: str = ""
    retention: RetentionRules = field(default_factory=RetentionRules)

    def placeholders(self) -> dict[str, str]:
        months = {f"{stage}_months": str(self.retention.months_for(stage)) for stage in _STAGES}
        branch = {name: str(getattr(self, name)).strip() for name in BRANCH_PLACEHOLDERS}
        return {**branch, **months, "aml_hold_years": str(AML_HOLD_YEARS)}


_STAGES = ("lead", "visiting", "subscription", "contract", "closed")
_VALUE_NAMES: Mapping[str, tuple[str, str]] = {
    "company_name": ("公司名称", "company name"),
    "company_contact": ("公司个人信息保护联系方式", "company privacy contact"),
    "branch_name": ("门店名称", "branch name"),
    "hq_name": ("总部名称", "headquarters name"),
    "hq_contact": ("总部联系方式", "headquarters contact"),
}

NOTICE_IDENTITY = ("company_name", "company_contact", "hq_name", "hq_contact")
"""What every privacy notice and consent form names besides the branch: the processor and its
privacy contact (PIPL Art. 17), headquarters as the recipient and its contact (Art. 23). Until all
four are set no form can be printed, so ``init`` and the first-run wizard ask for them."""


def missing_notice_details(values: Mapping[str, str]) -> list[str]:
    """The names in NOTICE_IDENTITY that ``values`` leaves empty, in order."""
    return [name for name in NOTICE_IDENTITY if not str(values.get(name) or "").strip()]


def refuse_cleared_notice_details(before: Mapping[str, str], after: Mapping[str, str]) -> None:
    """InvalidInput naming each notice detail ``before`` held and ``after`` empties: once a branch
    can print forms, a change (``config set``, a provisioning file) must not take that away."""
    cleared = [
        n for n in NOTICE_IDENTITY if str(before.get(n) or "").strip() and not str(after.get(n) or "").strip()
    ]
    if cleared:
        raise InvalidInput(
            "不能清空隐私告知书必须载明的信息："
            + "、".join(_VALUE_NAMES[n][0] for n in cleared)
            + "（清空后将无法打印同意书）。请改为新的值。",
            "These values are named in every privacy notice and cannot be emptied (no consent form could "
            "be printed): " + ", ".join(_VALUE_NAMES[n][1] for n in cleared) + ". Give a new value instead.",
        )


def notice_detail_label(name: str) -> tuple[str, str]:
    """The Chinese and English name of a branch value the notice prints."""
    return _VALUE_NAMES[name]


@dataclass(frozen=True)
class RenderedItem:
    label: str
    text: str


@dataclass(frozen=True)
class RenderedSection:
    """One section in one language, ready for the PDF or a dialog: paragraphs are separated by
    newlines in ``text``; ``items`` are labelled parts (necessity, withdrawal, recipient details)."""

    key: str
    title: str
    text: str
    items: tuple[RenderedItem, ...] = ()
    subsections: tuple[RenderedSection, ...] = ()


@dataclass(frozen=True)
class RenderedNotice:
    version: str
    effective: date
    language: str
    title: str
    content_hash: str
    sections: tuple[RenderedSection, ...]

    def plain_text(self) -> str:
        """Everything in reading order (for tests, search and a plain preview)."""
        lines = [self.title]
        colon = "：" if self.language.startswith("zh") else ": "

        def add(section: RenderedSection) -> None:
            lines.extend(filter(None, (section.title, section.text)))
            lines.extend(f"{item.label}{colon}{item.text}" for item in section.items)
            for sub in section.subsections:
                add(sub)

        for section in self.sections:
            add(section)
        return "\n".join(lines)


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def placeholders_used(notice: PrivacyNotice) -> frozenset[str]:
    found: set[str] = set()
    for section in notice.sections:
        for _, wording in _all_wordings(section):
            found.update(PLACEHOLDER.findall(wording.zh + wording.en))
    return frozenset(found)


def render_notice(notice: PrivacyNotice, values: NoticeValues, language: str = "zh_CN") -> RenderedNotice:
    """The notice in ``language`` with the branch's values filled in. InvalidInput names every
    value the notice uses that the branch configuration does not give (never a blank in a legal text)."""
    filled = values.placeholders()
    blank = [name for name in BRANCH_PLACEHOLDERS if name in placeholders_used(notice) and not filled[name]]
    if blank:
        raise InvalidInput(
            "门店配置缺少隐私告知书所需的信息："
            + "、".join(_VALUE_NAMES[n][0] for n in blank)
            + "。请联系 IT。",
            "The branch configuration lacks what the privacy notice needs: "
            + ", ".join(_VALUE_NAMES[n][1] for n in blank)
            + ". Contact IT.",
        )
    zh = language.startswith("zh")

    def pick(wording: Wording) -> str:
        return _fill(wording.zh if zh else wording.en, filled)

    def render(section: NoticeSection) -> RenderedSection:
        items = tuple(
            RenderedItem(ITEM_NAMES[name][0 if zh else 1], pick(wording)) for name, wording in section.items
        )
        return RenderedSection(
            section.key,
            pick(section.title),
            pick(section.text),
            items,
            tuple(map(render, section.subsections)),
        )

    return RenderedNotice(
        notice.version,
        notice.effective,
        "zh_CN" if zh else "en",
        pick(notice.title),
        notice.content_hash,
        tuple(map(render, notice.sections)),
    )


@dataclass(frozen=True)
class NoticeChanges:
    """What a new notice version changes compared to an older one, for re-consent (Art. 14, 17).
    Wording that differs only in spacing or line breaks is not a change."""

    purposes_added: frozenset[PurposeId] = frozenset()
    purposes_removed: frozenset[PurposeId] = frozenset()
    purposes_changed: frozenset[PurposeId] = frozenset()
    recipients_added: frozenset[str] = frozenset()
    recipients_removed: frozenset[str] = frozenset()
    recipients_changed: frozenset[str] = frozenset()
    methods_changed: bool = False
    categories_changed: bool = False

    @property
    def changes_purposes(self) -> bool:
        return bool(self.purposes_added or self.purposes_removed or self.purposes_changed)

    @property
    def changes_recipients(self) -> bool:
        return bool(self.recipients_added or self.recipients_removed or self.recipients_changed)

    @property
    def needs_reconsent(self) -> bool:
        return (
            self.changes_purposes
            or self.changes_recipients
            or self.methods_changed
            or self.categories_changed
        )

    def purposes_to_ask_again(self, new: PrivacyNotice) -> frozenset[PurposeId]:
        """The consent purposes of ``new`` whose consent given under the old version no longer holds."""
        asked = {p for p in new.purposes if PURPOSES[p].needs_consent}
        if self.methods_changed or self.categories_changed:
            return frozenset(asked)
        touched = set(self.purposes_added | self.purposes_changed)
        touched |= {new.recipients[r] for r in self.recipients_added | self.recipients_changed}
        return frozenset(touched & asked)


_NEXT_TO_CJK = re.compile(r" ?([^\x00-\x7f]) ?")


def _squash(value: object) -> object:
    if isinstance(value, str):  # spacing, and any space next to Chinese text, does not count
        return _NEXT_TO_CJK.sub(r"\1", " ".join(value.split()))
    if isinstance(value, list):
        return [_squash(v) for v in value]
    if isinstance(value, dict):
        return {k: _squash(v) for k, v in value.items()}
    return value


def _meaning(section: NoticeSection | None) -> str:
    """A section's content with spacing differences removed, for comparing versions."""
    if section is None:
        return ""
    return json.dumps(_squash(section.canonical()), ensure_ascii=False, sort_keys=True)


def _compare(old: NoticeSection, new: NoticeSection) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    old_keys = {s.key for s in old.subsections}
    new_keys = {s.key for s in new.subsections}
    changed = {k for k in old_keys & new_keys if _meaning(old.subsection(k)) != _meaning(new.subsection(k))}
    return frozenset(new_keys - old_keys), frozenset(old_keys - new_keys), frozenset(changed)


def notice_changes(old: PrivacyNotice, new: PrivacyNotice) -> NoticeChanges:
    """How ``new`` differs from ``old`` in purposes, recipients, methods and categories."""
    p_added, p_removed, p_changed = _compare(old.section("purposes"), new.section("purposes"))
    r_added, r_removed, r_changed = _compare(old.section("recipients"), new.section("recipients"))
    r_changed |= {
        r for r in set(old.recipients) & set(new.recipients) if old.recipients[r] != new.recipients[r]
    }
    return NoticeChanges(
        purposes_added=frozenset(map(PurposeId, p_added)),
        purposes_removed=frozenset(map(PurposeId, p_removed)),
        purposes_changed=frozenset(map(PurposeId, p_changed)),
        recipients_added=r_added,
        recipients_removed=r_removed,
        recipients_changed=frozenset(r_changed),
        methods_changed=_meaning(old.section("methods")) != _meaning(new.section("methods")),
        categories_changed=_meaning(old.section("categories")) != _meaning(new.section("categories")),
    )
