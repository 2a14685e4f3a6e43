"""The "权限审查 / Access review" tab of the Security area."""
