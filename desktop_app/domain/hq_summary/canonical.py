"""Canonical JSON of a summary payload and its SHA-256, byte for byte the same on branch and HQ.

Rule: sorted keys, no whitespace, UTF-8 (not ASCII escapes), no NaN; only str, int, bool, None,
list and dict. Floats are refused: their text form differs between languages and versions, and a
hash or signature over them would not be reproducible (counts and rates are integers anyway).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _check_no_floats(obj: Any, path: str = "$") -> None:
    if isinstance(obj, bool) or obj is None or isinstance(obj, (str, int)):
        return
    if isinstance(obj, float):
        raise ValueError(f"float at {path}: summary payloads hold integers only")
    if isinstance(obj, dict):
        for key, value in obj.items():
            if not isinstance(key, str):
                raise ValueError(f"non-string key at {path}")
            _check_no_floats(value, f"{path}.{key}")
        return
    if isinstance(obj, list):
        for index, value in enumerate(obj):
            _check_no_floats(value, f"{path}[{index}]")
        return
    raise ValueError(f"{type(obj).__name__} at {path} is not allowed in a summary payload")


def canonical_json(obj: Any) -> bytes:
    """The canonical UTF-8 bytes of ``obj``; ValueError for floats and other non-JSON types."""
    _check_no_floats(obj)
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()
