"""The branch configuration file (TOML, in the data directory), written by IT at ``init``.

Holds the branch identity, company details used by the privacy notice, the headquarters as the
recipient of client data (``hq_name``, ``hq_contact``: PIPL Art. 23, named in the notice), the HQ address (later),
the keyring choice, calibrated KDF parameters, IT's security settings and the retention rules.

The ``[retention]`` table sets, per client stage, the months without activity (no contact and no
change to the record) after which a client is due for destruction (PIPL Art. 19, 47;
domain/retention_rules.py). Keys are ``<stage>_months`` with an integer of 1–600; a missing key
keeps the default (24 months for leads and visiting clients, 36 for buyers):

    [retention]
    lead_months = 24          # 线索
    visiting_months = 24      # 已到访
    subscription_months = 36  # 认购 (buyers: never before the 10-year AML hold ends)
    contract_months = 36      # 签约
    closed_months = 36        # 成交

An unknown key or an invalid value makes loading the file fail with ``ConfigError``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.kdf_params import KdfParams
from desktop_app.domain.letterhead import Letterhead
from desktop_app.domain.security_policy import PolicyError, SecurityPolicy, apply_settings
from desktop_app.store.data_dir import write_private_file

if TYPE_CHECKING:
    from desktop_app.domain.retention_rules import RetentionRules


@dataclass(frozen=True)
class BranchConfig:
    branch_id: str
    branch_code: str
    branch_name: str
    company_name: str = ""
    company_contact: str = ""
    hq_url: str = ""
    hq_name: str = ""
    """Headquarters as the recipient of client data (PIPL Art. 23), named in the privacy notice."""
    hq_contact: str = ""
    survey_url: str = ""
    """The satisfaction survey's https address, printed as a QR code on consent forms (nothing is fetched)."""
    use_keyring: bool = True
    kdf: KdfParams = field(default_factory=lambda: KdfParams(3, 64 * 1024, 1))
    security: dict[str, Any] = field(default_factory=dict)
    retention: dict[str, Any] = field(default_factory=dict)

    def policy(self) -> SecurityPolicy:
        return apply_settings(SecurityPolicy(), self.security)

    def letterhead(self) -> Letterhead:
        """The branch details printed documents carry (documents never see the whole config)."""
        return Letterhead(
            branch_id=self.branch_id,
            branch_code=self.branch_code,
            branch_name=self.branch_name,
            company_name=self.company_name,
            company_contact=self.company_contact,
            hq_name=self.hq_name,
            hq_contact=self.hq_contact,
            survey_url=self.survey_url,
        )

    def retention_rules(self) -> RetentionRules:
        """The retention period of each stage: the ``[retention]`` table over the defaults."""
        from desktop_app.domain.retention_rules import RetentionRules  # local: keeps start-up light

        return RetentionRules.from_settings(dict(self.retention))

    def with_kdf(self, kdf: KdfParams) -> BranchConfig:
        return replace(self, kdf=kdf)


class ConfigError(BranchVaultError):
    code = "config_invalid"


def _config_error(path: Path, detail: str) -> ConfigError:
    return ConfigError(
        f"门店配置文件无法读取（{path}）：{detail}。请联系 IT。",
        f"The branch configuration file cannot be read ({path}): {detail}. Contact IT.",
    )


def load_config(path: Path) -> BranchConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        branch = data["branch"]
        keys = data.get("keys", {})
        kdf = keys.get("kdf", {})
        config = BranchConfig(
            branch_id=str(branch["id"]),
            branch_code=str(branch["code"]),
            branch_name=str(branch["name"]),
            company_name=str(branch.get("company_name", "")),
            company_contact=str(branch.get("company_contact", "")),
            hq_url=str(branch.get("hq_url", "")),
            hq_name=str(branch.get("hq_name", "")),
            hq_contact=str(branch.get("hq_contact", "")),
            survey_url=str(branch.get("survey_url", "")),
            use_keyring=bool(keys.get("use_keyring", True)),
            kdf=KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
            if kdf
            else KdfParams(3, 64 * 1024, 1),
            security=dict(data.get("security", {})),
            retention=dict(data.get("retention", {})),
        )
        config.policy()  # validates the security table
    except FileNotFoundError as exc:
        raise _config_error(path, "文件不存在 / file missing") from exc
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, PolicyError) as exc:
        raise _config_error(path, str(exc)) from exc
    _check_retention(path, config)
    return config


def _check_retention(path: Path, config: BranchConfig) -> None:
    """Validate the ``[retention]`` table, naming the bad key or value in both languages."""
    from desktop_app.domain.retention_rules import RetentionRuleError

    try:
        config.retention_rules()
    except RetentionRuleError as exc:
        raise ConfigError(
            f"门店配置文件无法读取（{path}）：{exc.zh}。请联系 IT。",
            f"The branch configuration file cannot be read ({path}): {exc.en}. Contact IT.",
        ) from exc


def save_config(path: Path, config: BranchConfig) -> None:
    data: dict[str, Any] = {
        "branch": {
            "id": config.branch_id,
            "code": config.branch_code,
            "name": config.branch_name,
            "company_name": config.company_name,
            "company_contact": config.company_contact,
            "hq_url": config.hq_url,
            "hq_name": config.hq_name,
            "hq_contact": config.hq_contact,
            **({"survey_url": config.survey_url} if config.survey_url else {}),
        },
        "keys": {"use_keyring": config.use_keyring, "kdf": config.kdf.as_dict()},
        "security": dict(config.security),
    }
    if config.retention:
        data["retention"] = dict(config.retention)
    header = "# BranchVault branch configuration. Written by IT (branchvault init / provision).\n"
    write_private_file(path, (header + tomli_w.dumps(data)).encode("utf-8"))
