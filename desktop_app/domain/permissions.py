"""The permission matrix: which role may do which action. Every service asks here first.

Separation of duties (MLPS 2.0 "三权分立"): IT administrators manage accounts, keys, backups and
configuration but never read client personal data; auditors read the audit log only; nobody can
change client data and also purge audit records (audit purging is not an action at all).
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role


class Action(StrEnum):
    # Client data (filled in by the client-records issue; the rules are fixed here).
    CLIENT_VIEW_OWN = "client.view_own"
    CLIENT_VIEW_BRANCH = "client.view_branch"
    CLIENT_EDIT = "client.edit"
    CLIENT_REVEAL = "client.reveal"
    CLIENT_REASSIGN = "client.reassign"
    CONSENT_PRINT = "consent.print"
    EXPORT_REQUEST = "export.request"
    EXPORT_APPROVE = "export.approve"
    REQUEST_HANDLE = "request.handle"
    CLIENT_DESTROY = "client.destroy"  # on the company's own initiative (PIPL Art. 47)
    NOTICE_PUBLISH = "notice.publish"
    # Staff and keys.
    ACCESS_CONFIRM = "access.confirm"  # seal the client-data key to a member (Bitwarden's "confirm member")
    STAFF_LIST = "staff.list"
    STAFF_MANAGE = "staff.manage"
    KEYS_ROTATE = "keys.rotate"
    BACKUP_RUN = "backup.run"
    CONFIG_EDIT = "config.edit"
    # Audit.
    AUDIT_READ = "audit.read"
    AUDIT_EXPORT = "audit.export"
    AUDIT_VERIFY = "audit.verify"
    # The privacy programme (training, reviews, satisfaction, education, incidents).
    PROGRAMME_VIEW = "programme.view"  # the dashboard, reports, every staff member's training
    PROGRAMME_MANAGE = "programme.manage"  # programme settings, classroom sessions, imports, campaigns
    TRAINING_TAKE = "training.take"
    REVIEW_CONDUCT = "review.conduct"
    SATISFACTION_RECORD = "satisfaction.record"
    EDUCATION_RECORD = "education.record"  # participation per client: client data
    INCIDENT_REPORT = "incident.report"
    INCIDENT_ASSESS = "incident.assess"
    # security operations (issue 15)
    SECOPS_VIEW = "secops.view"  # the Security area: alerts, reviews, backups, checks (each tab decides)
    ALERT_REVIEW = "alert.review"  # see and acknowledge anomaly alerts
    LOG_REVIEW = "audit.log_review"  # record the periodic review of the audit log (sign-off)
    ACCESS_REVIEW = "access.review"  # the quarterly access review: attest, disable, change role
    BACKUP_RESTORE = "backup.restore"  # put a backup back in place of the live data
    INTEGRITY_CHECK = "integrity.check"  # run the database integrity check
    SECOND_FACTOR_ENROL = "self.second_factor"  # enrol one's own TOTP authenticator
    # Every signed-in user.
    OWN_PASSWORD_CHANGE = "self.password_change"


_A, _M, _I, _U = Role.AGENT, Role.MANAGER, Role.IT_ADMIN, Role.AUDITOR

MATRIX: dict[Action, frozenset[Role]] = {
    Action.CLIENT_VIEW_OWN: frozenset({_A, _M}),
    Action.CLIENT_VIEW_BRANCH: frozenset({_M}),
    Action.CLIENT_EDIT: frozenset({_A, _M}),
    Action.CLIENT_REVEAL: frozenset({_A, _M}),
    Action.CLIENT_REASSIGN: frozenset({_M}),
    Action.CONSENT_PRINT: frozenset({_A, _M}),
    Action.EXPORT_REQUEST: frozenset({_A, _M}),
    Action.EXPORT_APPROVE: frozenset({_M}),
    Action.REQUEST_HANDLE: frozenset({_M}),
    Action.CLIENT_DESTROY: frozenset({_M}),
    Action.NOTICE_PUBLISH: frozenset({_M}),
    Action.ACCESS_CONFIRM: frozenset({_M}),
    Action.STAFF_LIST: frozenset({_I, _M}),
    Action.STAFF_MANAGE: frozenset({_I}),
    Action.KEYS_ROTATE: frozenset({_I}),
    Action.BACKUP_RUN: frozenset({_I, _M}),
    Action.CONFIG_EDIT: frozenset({_I}),
    Action.AUDIT_READ: frozenset({_U, _M}),
    Action.AUDIT_EXPORT: frozenset({_U, _M}),
    Action.AUDIT_VERIFY: frozenset({_I, _U, _M}),
    Action.PROGRAMME_VIEW: frozenset({_M, _U}),
    Action.PROGRAMME_MANAGE: frozenset({_M}),
    Action.TRAINING_TAKE: frozenset({_A, _M, _I, _U}),
    Action.REVIEW_CONDUCT: frozenset({_M, _U}),
    Action.SATISFACTION_RECORD: frozenset({_A, _M}),
    Action.EDUCATION_RECORD: frozenset({_A, _M}),
    Action.INCIDENT_REPORT: frozenset({_A, _M, _I, _U}),
    Action.INCIDENT_ASSESS: frozenset({_M}),
    Action.SECOPS_VIEW: frozenset({_M, _I, _U}),
    Action.ALERT_REVIEW: frozenset({_M, _U}),
    Action.LOG_REVIEW: frozenset({_U}),
    Action.ACCESS_REVIEW: frozenset({_M}),
    Action.BACKUP_RESTORE: frozenset({_I}),
    Action.INTEGRITY_CHECK: frozenset({_M, _I, _U}),
    Action.SECOND_FACTOR_ENROL: frozenset({_M, _I}),
    Action.OWN_PASSWORD_CHANGE: frozenset({_A, _M, _I, _U}),
}

_ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.CLIENT_VIEW_OWN: ("查看自己的客户", "view own clients"),
    Action.CLIENT_VIEW_BRANCH: ("查看全店客户", "view all clients of the branch"),
    Action.CLIENT_EDIT: ("编辑客户资料", "edit client records"),
    Action.CLIENT_REVEAL: ("查看完整敏感信息", "reveal a masked field"),
    Action.CLIENT_REASSIGN: ("重新分配客户", "reassign clients"),
    Action.CONSENT_PRINT: ("打印同意书", "print consent forms"),
    Action.EXPORT_REQUEST: ("申请导出", "request an export"),
    Action.EXPORT_APPROVE: ("审批导出", "approve exports"),
    Action.REQUEST_HANDLE: ("处理客户权利请求", "handle client requests"),
    Action.CLIENT_DESTROY: ("主动删除客户个人信息", "delete a client's personal information"),
    Action.NOTICE_PUBLISH: ("发布新版隐私告知书", "publish a privacy notice version"),
    Action.STAFF_LIST: ("查看员工列表", "list staff"),
    Action.STAFF_MANAGE: ("管理员工账户", "manage staff accounts"),
    Action.KEYS_ROTATE: ("轮换数据库密钥", "rotate the database key"),
    Action.ACCESS_CONFIRM: ("确认员工访问客户资料", "confirm a member's access to client data"),
    Action.BACKUP_RUN: ("备份与恢复", "run backups"),
    Action.CONFIG_EDIT: ("修改门店配置", "change branch configuration"),
    Action.AUDIT_READ: ("查看审计日志", "read the audit log"),
    Action.AUDIT_EXPORT: ("导出审计日志", "export the audit log"),
    Action.AUDIT_VERIFY: ("校验审计链", "verify the audit chain"),
    Action.PROGRAMME_VIEW: ("查看隐私保护指标", "view the privacy programme"),
    Action.PROGRAMME_MANAGE: ("管理隐私保护工作", "manage the privacy programme"),
    Action.TRAINING_TAKE: ("参加隐私保护培训", "take privacy training"),
    Action.REVIEW_CONDUCT: ("开展合规自查", "conduct a compliance review"),
    Action.SATISFACTION_RECORD: ("录入客户满意度", "record client satisfaction"),
    Action.EDUCATION_RECORD: ("记录客户参与隐私教育", "record clients' privacy education"),
    Action.INCIDENT_REPORT: ("报告安全事件", "report an incident"),
    Action.INCIDENT_ASSESS: ("评估和处置安全事件", "assess and handle incidents"),
    Action.SECOPS_VIEW: ("查看安全运维", "open security operations"),
    Action.ALERT_REVIEW: ("查看和确认异常告警", "review and acknowledge anomaly alerts"),
    Action.LOG_REVIEW: ("记录审计日志定期审查", "record the periodic audit-log review"),
    Action.ACCESS_REVIEW: ("进行定期权限审查", "run the periodic access review"),
    Action.BACKUP_RESTORE: ("从备份恢复数据", "restore data from a backup"),
    Action.INTEGRITY_CHECK: ("检查数据库完整性", "check the database's integrity"),
    Action.SECOND_FACTOR_ENROL: ("设置双因素验证", "set up two-factor authentication"),
    Action.OWN_PASSWORD_CHANGE: ("修改自己的密码", "change own password"),
}


# Actions that read or change client personal data: besides the role, they need the client-data key
# (services/client_access.py), which only confirmed agents and managers hold.
CLIENT_DATA_ACTIONS: frozenset[Action] = frozenset(
    {
        Action.CLIENT_VIEW_OWN,
        Action.CLIENT_VIEW_BRANCH,
        Action.CLIENT_EDIT,
        Action.CLIENT_REVEAL,
        Action.CLIENT_REASSIGN,
        Action.CONSENT_PRINT,
        Action.EXPORT_REQUEST,
        Action.EXPORT_APPROVE,
        Action.REQUEST_HANDLE,
        Action.CLIENT_DESTROY,
        Action.EDUCATION_RECORD,
    }
)


def can(role: Role, action: Action) -> bool:
    return role in MATRIX[action]


def require(role: Role, action: Action) -> None:
    """Raise PermissionDenied unless ``role`` may perform ``action``."""
    if not can(role, action):
        zh, en = _ACTION_LABELS[action]
        raise PermissionDenied(zh, en)


def action_label(action: Action, language: str = "zh_CN") -> str:
    zh, en = _ACTION_LABELS[action]
    return zh if language.startswith("zh") else en
