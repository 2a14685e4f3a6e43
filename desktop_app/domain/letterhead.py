"""The branch details a printed document carries: who the personal-information handler is, which
branch, how to reach them, and the headquarters a consent form names as recipient (PIPL Art. 17, 23).

Documents take this small value, never the branch configuration: they cannot read IT's security
settings, the keyring choice or the KDF parameters, and they do not import the store
(tests/unit/test_layers.py). ``BranchConfig.letterhead()`` (store/branch_config.py) builds it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Letterhead:
    branch_id: str
    branch_code: str
    branch_name: str
    company_name: str = ""
    company_contact: str = ""
    hq_name: str = ""
    hq_contact: str = ""
    survey_url: str = ""
    """The company's satisfaction survey (https), printed as a QR code on consent forms; "" = none."""
