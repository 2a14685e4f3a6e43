"""``init`` and the details every privacy notice and consent form names.

Rule: ``branchvault init`` refuses (exit 2) to set up a branch without the company name and privacy
contact and the headquarters name and contact, naming each missing option, unless IT passes
``--notice-details-later``; then the branch is set up and a warning says that no consent form or
notice can be printed until ``branchvault config set`` (audited as ``config.edit``) supplies them.

Reason: PIPL Art. 17 and 23 require the notice to name the processor and the recipient truthfully,
and the app refuses to print a form with a blank in it. A branch set up without them could not take
a single consent, and a script's log line is easily missed: refusing at ``init`` says so while IT is
still at the keyboard; the explicit option keeps an install possible while HQ's details are pending.
"""

from __future__ import annotations

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.privacy_notice import notice_detail_label


def option_name(name: str) -> str:
    """The ``init`` / ``config set`` option for a branch value: ``hq_name`` -> ``--hq-name``."""
    return "--" + name.replace("_", "-")


class NoticeDetailsMissing(InvalidInput):
    """``init`` without what every consent form and privacy notice names (exit 2), or, with
    ``--notice-details-later``, the warning printed once the branch exists."""

    code = "notice_details_missing"

    def __init__(self, missing: list[str], *, later: bool = False) -> None:
        zh_items = "、".join(f"{option_name(n)}（{notice_detail_label(n)[0]}）" for n in missing)
        en_items = ", ".join(f"{option_name(n)} ({notice_detail_label(n)[1]})" for n in missing)
        command = "branchvault config set --as IT_USER " + " ".join(f"{option_name(n)} …" for n in missing)
        if later:
            super().__init__(
                f"注意：门店已建立，但缺少 {zh_items}。在 IT 运行 {command} 补上之前，"
                "无法打印任何同意书或隐私告知书。",
                f"Note: the branch is set up, but {en_items} are missing. Until IT runs {command}, "
                "no consent form or privacy notice can be printed.",
            )
        else:
            super().__init__(
                f"缺少隐私告知书和同意书必须载明的信息：{zh_items}（《个人信息保护法》第十七条、第二十三条）。"
                "请补上这些选项；如确需以后再补，加 --notice-details-later，之后由 IT 用 "
                "branchvault config set 补上。",
                f"Missing what every privacy notice and consent form must name: {en_items} (PIPL Art. 17 "
                "and 23). Give these options; to add them later instead, pass --notice-details-later "
                "and have IT supply them with branchvault config set.",
            )
