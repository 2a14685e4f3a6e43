"""The "安全运维 / Security" area: anomaly alerts, audit-log and access reviews, backups, integrity checks."""
