"""The auditor's periodic audit-log review: the Security area's tab and the overdue banner."""
