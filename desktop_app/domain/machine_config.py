"""The machine-wide branch configuration IT's installer or deployment tool writes (``provision``).

Format (TOML, UTF-8; every table but ``[branch]`` optional; unknown tables or keys are refused)::

    [branch]
    code = "SZ001"                 # required: 1-16 letters, digits, - or _ (stored upper-case)
    name = "深圳南山店"             # required: 1-60 characters
    [company]                      # the processor named in the privacy notice (PIPL Art. 17)
    name = "示例地产经纪有限公司"
    contact = "400-000-0000 privacy@example.cn"
    [headquarters]                 # the recipient named in the privacy notice (PIPL Art. 23)
    name = "示例地产集团总部"
    contact = "021-0000-0000"
    url = "https://hq.example.cn"  # the HQ sync service: an https:// address
    [install]
    data_dir = ""                  # absolute path; "" = the platform's data folder
    keyring = "required"           # or "none" (same as ``init --no-keyring``)
    [security]                     # same names and ranges as ``init --security-setting``

``parse_machine_config`` returns a ``MachineConfig`` or raises one ``MachineConfigError`` naming
every problem with its table, key and line (bilingual). Plain Python: no I/O.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from types import MappingProxyType
from typing import Any

from desktop_app.domain.branch_settings import is_https_address
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.input_text import is_control
from desktop_app.domain.security_policy import PolicyError, SecurityPolicy, apply_settings

BRANCH_CODE_MAX = 16
KEYRING_CHOICES = {"required": True, "none": False}

# (table, key) -> (maximum length, required, label zh, label en)
_TEXT_KEYS: dict[tuple[str, str], tuple[int, bool, str, str]] = {
    ("branch", "code"): (BRANCH_CODE_MAX, True, "门店编码", "branch code"),
    ("branch", "name"): (60, True, "门店名称", "branch name"),
    ("company", "name"): (100, False, "公司名称", "company name"),
    ("company", "contact"): (200, False, "公司联系方式", "company contact"),
    ("headquarters", "name"): (100, False, "总部名称", "headquarters name"),
    ("headquarters", "contact"): (200, False, "总部联系方式", "headquarters contact"),
    ("headquarters", "url"): (300, False, "总部地址", "headquarters URL"),
    ("install", "data_dir"): (400, False, "数据目录", "data directory"),
    ("install", "keyring"): (16, False, "密钥环", "keyring"),
}
TABLES = ("branch", "company", "headquarters", "install", "security")
_CODE = re.compile(rf"[A-Z0-9_-]{{1,{BRANCH_CODE_MAX}}}")
_TOML_LINE = re.compile(r"line (\d+)")
_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


@dataclass(frozen=True)
class MachineConfig:
    """A validated machine-wide branch configuration (strings trimmed, the code upper-case)."""

    branch_code: str
    branch_name: str
    company_name: str = ""
    company_contact: str = ""
    hq_name: str = ""
    hq_contact: str = ""
    hq_url: str = ""
    data_dir: str = ""
    use_keyring: bool = True
    security: Mapping[str, int | float] = field(default_factory=lambda: MappingProxyType({}))

    def descriptive(self) -> dict[str, str]:
        """The values ``provision`` may update on a branch that exists, by BranchConfig field name."""
        return {
            "branch_name": self.branch_name,
            "company_name": self.company_name,
            "company_contact": self.company_contact,
            "hq_name": self.hq_name,
            "hq_contact": self.hq_contact,
            "hq_url": self.hq_url,
        }


@dataclass(frozen=True)
class Problem:
    """One rejected item: where it is (``table.key``, line when known) and why, in both languages."""

    key: str
    line: int | None
    zh: str
    en: str

    def where_zh(self) -> str:
        return f"第 {self.line} 行 {self.key}" if self.line else self.key

    def where_en(self) -> str:
        return f"line {self.line}, {self.key}" if self.line else self.key


class MachineConfigError(InvalidInput):
    """The file is not a valid machine-wide branch configuration (exit code 2)."""

    code = "machine_config_invalid"

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        where = f"（{source}）" if source else ""
        where_en = f" ({source})" if source else ""
        super().__init__(
            f"门店部署配置文件有误{where}：" + "；".join(f"{p.where_zh()}：{p.zh}" for p in problems) + "。",
            f"The branch provisioning file is invalid{where_en}: "
            + "; ".join(f"{p.where_en()}: {p.en}" for p in problems)
            + ".",
        )


def _key_lines(text: str) -> dict[str, int]:
    """``table.key`` (and ``table``) -> the line it is on, for messages. Best effort: simple layouts."""
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = header.group(1)
            found.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            found.setdefault(f"{table}.{key.group(1)}" if table else key.group(1), number)
    return found


class _Checker:
    def __init__(self, text: str) -> None:
        self.lines = _key_lines(text)
        self.problems: list[Problem] = []

    def add(self, key: str, zh: str, en: str) -> None:
        self.problems.append(Problem(key, self.lines.get(key), zh, en))

    def text(self, data: Mapping[str, Any], table: str, key: str) -> str:
        limit, required, label_zh, label_en = _TEXT_KEYS[(table, key)]
        name = f"{table}.{key}"
        value = data.get(table, {}).get(key)
        if value is None:
            if required:
                self.add(name, f"缺少{label_zh}（必填）", f"the {label_en} is missing (required)")
            return ""
        if not isinstance(value, str):
            self.add(name, f"{label_zh}须为带引号的文字", f'the {label_en} must be quoted text ("...")')
            return ""
        value = value.strip()
        if required and not value:
            self.add(name, f"{label_zh}不能为空", f"the {label_en} must not be empty")
        elif len(value) > limit:
            self.add(
                name,
                f"{label_zh}不能超过 {limit} 个字符",
                f"the {label_en} is longer than {limit} characters",
            )
        elif any(is_control(c) for c in value):
            self.add(name, f"{label_zh}含有控制字符", f"the {label_en} contains control characters")
        else:
            return value
        return ""


def _unknown(check: _Checker, data: Mapping[str, Any]) -> None:
    for table, content in data.items():
        if table not in TABLES:
            check.add(
                table,
                "未知的表（可用：" + "、".join(TABLES) + "）",
                "unknown table (known: " + ", ".join(TABLES) + ")",
            )
        elif not isinstance(content, dict):
            check.add(table, f"须为表 [{table}]", f"must be a table [{table}]")
        elif table != "security":
            known = sorted(k for t, k in _TEXT_KEYS if t == table)
            for key in content:
                if (table, key) not in _TEXT_KEYS:
                    check.add(
                        f"{table}.{key}",
                        "未知的设置项（可用：" + "、".join(known) + "）",
                        "unknown key (known: " + ", ".join(known) + ")",
                    )


def _https_url(check: _Checker, value: str) -> str:
    if not value:
        return ""
    ok = is_https_address(value)
    if not ok:
        check.add(
            "headquarters.url",
            "须为 https:// 开头的网址（不含空格或用户名密码），例如 https://hq.example.cn",
            "must be an https:// address (no spaces, no user name or password), e.g. https://hq.example.cn",
        )
        return ""
    return value


def _data_dir(check: _Checker, value: str) -> str:
    # Absolute on the OS reading the file: "D:\\BV" on Linux or "/srv/bv" on Windows would be relative.
    flavour = PureWindowsPath if sys.platform.startswith("win") else PurePosixPath
    if value and not flavour(value).is_absolute():
        check.add(
            "install.data_dir",
            "须为绝对路径（如 /srv/branchvault 或 D:\\BranchVault），或留空使用默认位置",
            "must be an absolute path (e.g. /srv/branchvault or D:\\BranchVault), or empty for the default",
        )
        return ""
    return value


def _security(check: _Checker, data: Mapping[str, Any]) -> dict[str, int | float]:
    table = data.get("security", {})
    if not isinstance(table, dict):
        return {}
    settings: dict[str, int | float] = {}
    for name, value in table.items():
        try:
            apply_settings(SecurityPolicy(), {name: value})
        except PolicyError as exc:
            check.add(f"security.{name}", f"安全设置无效（{exc}）", f"invalid security setting ({exc})")
        else:
            settings[name] = value
    if len(settings) == len(table):
        try:
            apply_settings(SecurityPolicy(), settings)
        except PolicyError as exc:  # a combination out of range
            check.add("security", f"安全设置无效（{exc}）", f"invalid security settings ({exc})")
    return settings


def parse_machine_config(text: str, source: str = "") -> MachineConfig:
    """Validate the file's text; ``source`` (a path) only goes into messages."""
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows tools often write
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise MachineConfigError(
            source, [Problem("TOML", line, f"不是有效的 TOML（{exc}）", f"not valid TOML ({exc})")]
        ) from None
    check = _Checker(text)
    _unknown(check, data)
    tables = {name: value if isinstance(value, dict) else {} for name, value in data.items()}
    code = check.text(tables, "branch", "code")
    code = code.upper() if code.isascii() else code
    if code and not _CODE.fullmatch(code):
        check.add(
            "branch.code",
            f"门店编码须为 1–{BRANCH_CODE_MAX} 位字母、数字、连字符或下划线",
            f"the branch code is 1–{BRANCH_CODE_MAX} letters, digits, hyphens or underscores",
        )
    values = {
        "branch_name": check.text(tables, "branch", "name"),
        "company_name": check.text(tables, "company", "name"),
        "company_contact": check.text(tables, "company", "contact"),
        "hq_name": check.text(tables, "headquarters", "name"),
        "hq_contact": check.text(tables, "headquarters", "contact"),
    }
    hq_url = _https_url(check, check.text(tables, "headquarters", "url"))
    data_dir = _data_dir(check, check.text(tables, "install", "data_dir"))
    keyring = check.text(tables, "install", "keyring") or "required"
    if keyring not in KEYRING_CHOICES:
        check.add("install.keyring", '须为 "required" 或 "none"', 'must be "required" or "none"')
    security = _security(check, tables)
    if check.problems:
        raise MachineConfigError(source, check.problems)
    return MachineConfig(
        branch_code=code,
        hq_url=hq_url,
        data_dir=data_dir,
        use_keyring=KEYRING_CHOICES.get(keyring, True),
        security=MappingProxyType(dict(security)),
        **values,
    )
