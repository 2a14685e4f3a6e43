<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessReviewBanner</name>
    <message>
        <source>Open access review</source>
        <translation>打开权限审查</translation>
    </message>
</context>
<context>
    <name>AccessReviewTab</name>
    <message>
        <source>Access review</source>
        <translation>权限审查</translation>
    </message>
    <message>
        <source>Periodic access review</source>
        <translation>定期权限审查</translation>
    </message>
    <message>
        <source>Once per period a manager checks every staff account: keep it (the role is still needed), disable it, or change its role. Disabling rotates the keys and signs everyone out; a member moved into a client role needs a manager&apos;s confirmation before seeing client data. Accounts without a sign-in for a long time are shown in red.</source>
        <translation>店长每期检查每一个员工账户：保留（该角色仍然需要）、停用或调整角色。停用会轮换密钥并使所有人重新登录；调整为可接触客户资料的角色后，须经店长确认才能查看客户资料。长期未登录的账户以红色显示。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start this period&apos;s review</source>
        <translation>开始本期审查(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Finish review</source>
        <translation>完成审查(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>调整角色(&amp;R)</translation>
    </message>
    <message>
        <source>Note (why) — do not enter client names, ID numbers or other personal details</source>
        <translation>说明（原因）— 请勿填写客户姓名、证件号码等个人信息</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
    <message>
        <source>Period %1: next review due by %2.</source>
        <translation>本期 %1：下次审查应于 %2 前完成。</translation>
    </message>
    <message>
        <source>This period&apos;s review is finished.</source>
        <translation>本期审查已完成。</translation>
    </message>
    <message>
        <source>The review is OVERDUE.</source>
        <translation>审查已逾期。</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>never signed in</source>
        <translation>从未登录</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Review started.</source>
        <translation>审查已开始。</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>请先选择一位员工。</translation>
    </message>
    <message>
        <source>Disable %1? Their key slot is removed, their client-data access is withdrawn and the keys are rotated: everyone signed in must sign in again.</source>
        <translation>停用 %1？其密钥槽将被删除，客户资料访问权被撤销，密钥随即轮换：所有已登录的人都须重新登录。</translation>
    </message>
    <message>
        <source>Disable the account?</source>
        <translation>停用该账户？</translation>
    </message>
    <message>
        <source>Change %1&apos;s role to %2? Client-data access is withdrawn and the keys are rotated; a member moved to agent or manager must be confirmed again by a manager.</source>
        <translation>将 %1 的角色调整为 %2？其客户资料访问权将被撤销，密钥随即轮换；调整为销售顾问或店长的员工须由店长重新确认。</translation>
    </message>
    <message>
        <source>Change the role?</source>
        <translation>调整角色？</translation>
    </message>
    <message>
        <source>Decision saved for %1.</source>
        <translation>已保存对 %1 的决定。</translation>
    </message>
    <message>
        <source>Finish the review?</source>
        <translation>完成审查？</translation>
    </message>
    <message>
        <source>A finished review can no longer change. Finish it now?</source>
        <translation>审查完成后不能再修改。现在完成吗？</translation>
    </message>
    <message>
        <source>Review finished: it can no longer change.</source>
        <translation>审查已完成，不能再修改。</translation>
    </message>
    <message>
        <source>Export the access review</source>
        <translation>导出权限审查</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;CSV files (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>已导出：%1</translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge alert %1</source>
        <translation>确认告警 %1</translation>
    </message>
    <message>
        <source>&amp;Note (what you checked and what you found):</source>
        <translation>说明（查了什么、结论是什么）(&amp;N)：</translation>
    </message>
    <message>
        <source>The note is kept in the audit log. Do not write client names, ID numbers or phone numbers.</source>
        <translation>说明将写入审计日志。请勿填写客户姓名、证件号或手机号。</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AddFollowupDialog</name>
    <message>
        <source>Add follow-up</source>
        <translation>添加跟进</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>跟进方式(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Date and time:</source>
        <translation>日期时间(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>跟进记录(&amp;N)：</translation>
    </message>
    <message>
        <source>What happened and what comes next (required)</source>
        <translation>跟进情况及下一步安排（必填）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>Add staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>lower-case letters and digits, e.g. zhang.wei</source>
        <translation>小写字母和数字，例如 zhang.wei</translation>
    </message>
    <message>
        <source>A one-time password is created and shown once. It must be changed at first sign-in.</source>
        <translation>系统将生成一次性密码并只显示一次。该员工首次登录时必须修改密码。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Staff accounts</source>
        <translation>员工账户</translation>
    </message>
    <message>
        <source>&amp;Add staff member…</source>
        <translation>添加员工(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Disable the account %1? Its key slot is removed; it can be re-enabled by resetting the password.</source>
        <translation>确定停用账户 %1 吗？其密钥槽将被删除；之后可通过重置密码重新启用。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Give %1 a new one-time password? Their current password stops working.</source>
        <translation>要为 %1 生成新的一次性密码吗？其当前密码将立即失效。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
</context>
<context>
    <name>AdvanceDialog</name>
    <message>
        <source>Move incident %1 on</source>
        <translation>推进事件 %1</translation>
    </message>
    <message>
        <source>&amp;New state:</source>
        <translation>新状态(&amp;N)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Closing without notifying the clients needs the reason (for example: no breach, or the measures taken effectively avoid harm).</source>
        <translation>未告知客户直接关闭时须说明原因（例如：不构成泄露，或已采取的措施能够有效避免危害）。</translation>
    </message>
    <message>
        <source>&amp;Move on</source>
        <translation>推进(&amp;M)</translation>
    </message>
</context>
<context>
    <name>AlertsTab</name>
    <message>
        <source>Alerts</source>
        <translation>异常告警</translation>
    </message>
    <message>
        <source>Show ac&amp;knowledged alerts</source>
        <translation>显示已确认的告警(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge…</source>
        <translation>确认…(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>When (Beijing time)</source>
        <translation>时间（北京时间）</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Evidence (audit entries)</source>
        <translation>证据（审计记录序号）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>已由 %1 确认</translation>
    </message>
    <message>
        <source>A successful sign-in before the business day starts or after it ends (Beijing time).</source>
        <translation>在营业时间开始前或结束后（北京时间）成功登录。</translation>
    </message>
    <message>
        <source>Many failed sign-ins (all accounts together) within 60 minutes: someone may be guessing passwords.</source>
        <translation>60 分钟内登录失败次数过多（所有账户合计），可能有人在尝试猜测密码。</translation>
    </message>
    <message>
        <source>One staff member revealed many hidden fields (ID or phone numbers) within a short time.</source>
        <translation>同一员工在短时间内查看了大量隐藏字段（证件号或手机号）。</translation>
    </message>
    <message>
        <source>One staff member searched by ID number or phone number many times within 60 minutes.</source>
        <translation>同一员工在 60 分钟内多次按证件号或手机号检索。</translation>
    </message>
    <message>
        <source>A manager unlocked more reveals for another staff member.</source>
        <translation>店长为其他员工放行了更多的敏感字段查看次数。</translation>
    </message>
    <message>
        <source>One staff member started an unusual number of exports in one day.</source>
        <translation>同一员工在一天内发起的导出次数异常多。</translation>
    </message>
    <message>
        <source>The audit log failed its verification: entries may have been changed, removed or rolled back outside the app.</source>
        <translation>审计日志校验未通过：记录可能在应用之外被修改、删除或回滚。</translation>
    </message>
    <message>
        <source>Keys were changed, a recovery code was used, or the settings or the privacy policy were changed.</source>
        <translation>密钥被更换、恢复码被使用，或设置、隐私政策被修改。</translation>
    </message>
    <message>
        <source>The branch runs without the system keyring: the data is protected by staff passwords only.</source>
        <translation>门店未使用系统密钥环：数据仅由员工密码保护。</translation>
    </message>
    <message>
        <source>One staff member opened far more client records in one day than they usually do.</source>
        <translation>同一员工一天内打开的客户资料远多于其平时的数量。</translation>
    </message>
    <message>
        <source>The database integrity check found a problem.</source>
        <translation>数据库完整性检查发现问题。</translation>
    </message>
    <message>
        <source>A scheduled backup failed.</source>
        <translation>定时备份失败。</translation>
    </message>
    <message>
        <source>Rule: %1 (%2)</source>
        <translation>规则：%1（%2）</translation>
    </message>
    <message>
        <source>What it means: %1</source>
        <translation>含义：%1</translation>
    </message>
    <message>
        <source>Open these entries in the Audit area by their sequence numbers.</source>
        <translation>可在“审计”页面按序号查看这些记录。</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2 (Beijing time).</source>
        <translation>已由 %1 于 %2（北京时间）确认。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>确认说明：%1</translation>
    </message>
    <message>
        <source>Not yet acknowledged.</source>
        <translation>尚未确认。</translation>
    </message>
    <message>
        <source>Staff member: %1</source>
        <translation>员工：%1</translation>
    </message>
    <message>
        <source>Audit action: %1</source>
        <translation>审计操作：%1</translation>
    </message>
    <message>
        <source>Time (Beijing): %1</source>
        <translation>时间（北京时间）：%1</translation>
    </message>
    <message>
        <source>For staff member: %1</source>
        <translation>放行对象：%1</translation>
    </message>
    <message>
        <source>Count: %1</source>
        <translation>次数：%1</translation>
    </message>
    <message>
        <source>Threshold: %1</source>
        <translation>阈值：%1</translation>
    </message>
    <message>
        <source>Window (minutes): %1</source>
        <translation>统计时段（分钟）：%1</translation>
    </message>
    <message>
        <source>Day: %1</source>
        <translation>日期：%1</translation>
    </message>
    <message>
        <source>Usual per day: %1</source>
        <translation>平时每日数量：%1</translation>
    </message>
    <message>
        <source>Factor: %1</source>
        <translation>倍数：%1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Integrity check no.: %1</source>
        <translation>完整性检查编号：%1</translation>
    </message>
    <message>
        <source>Failed checks: %1</source>
        <translation>未通过的检查：%1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Raised (Beijing time): %1</source>
        <translation>触发时间（北京时间）：%1</translation>
    </message>
    <message>
        <source>Evidence (audit entries): %1</source>
        <translation>证据（审计记录序号）：%1</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Audit log tampering</source>
        <translation>审计日志被篡改</translation>
    </message>
    <message>
        <source>Branch configuration restored</source>
        <translation>门店配置已恢复</translation>
    </message>
    <message>
        <source>Security warning</source>
        <translation>安全警告</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>ApproveExportDialog</name>
    <message>
        <source>Approve the summary</source>
        <translation>批准汇总</translation>
    </message>
    <message>
        <source>You approve sending exactly the summary you reviewed, with this content SHA-256, to headquarters. It is then signed with the branch key and sent in the background. Enter your password to approve.</source>
        <translation>您批准将刚才审阅的这份汇总（内容 SHA-256 如下）原样发送给总部。批准后将以本门店密钥签名，并在后台发送。请输入您的密码以批准。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Approve and send</source>
        <translation>批准并发送(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AssessDialog</name>
    <message>
        <source>Assess incident %1</source>
        <translation>评估事件 %1</translation>
    </message>
    <message>
        <source>Personal information breach:</source>
        <translation>是否个人信息泄露：</translation>
    </message>
    <message>
        <source>Information affected:</source>
        <translation>涉及的个人信息：</translation>
    </message>
    <message>
        <source>&amp;Cause:</source>
        <translation>原因(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Measures taken:</source>
        <translation>已采取的措施(&amp;M)：</translation>
    </message>
    <message>
        <source>Possible &amp;harm:</source>
        <translation>可能的危害(&amp;H)：</translation>
    </message>
    <message>
        <source>What clients can &amp;do:</source>
        <translation>客户可采取的措施(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Yes: information was or may have been leaked, altered or lost</source>
        <translation>是：个人信息已经或可能泄露、篡改、丢失(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否(&amp;N)</translation>
    </message>
    <message>
        <source>one measure per line</source>
        <translation>每行一项措施</translation>
    </message>
    <message>
        <source>one piece of advice per line</source>
        <translation>每行一条建议</translation>
    </message>
    <message>
        <source>&amp;Save assessment</source>
        <translation>保存评估(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AttendeePicker</name>
    <message>
        <source>Print the privacy tips for a client</source>
        <translation>为客户打印隐私提示单</translation>
    </message>
    <message>
        <source>Find the client. Printing the leaflet records that they received it today.</source>
        <translation>查找客户。打印提示单即登记该客户今天已领取。</translation>
    </message>
    <message>
        <source>&amp;Print leaflet</source>
        <translation>打印提示单(&amp;P)</translation>
    </message>
    <message>
        <source>Record campaign participants</source>
        <translation>登记活动参与客户</translation>
    </message>
    <message>
        <source>Find the clients who took part and tick them.</source>
        <translation>查找参加活动的客户并勾选。</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <source>Name, pinyin or last 4 digits of the phone</source>
        <translation>姓名、拼音或手机号后 4 位</translation>
    </message>
    <message>
        <source>Clients ticked: %1</source>
        <translation>已勾选客户：%1</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <source>Access denied</source>
        <translation>拒绝访问</translation>
    </message>
    <message>
        <source>Staff access to client data confirmed</source>
        <translation>已确认员工查看客户资料的权限</translation>
    </message>
    <message>
        <source>Sign-in events lost</source>
        <translation>登录记录丢失</translation>
    </message>
    <message>
        <source>Branch configuration copied into the database</source>
        <translation>门店配置已写入数据库</translation>
    </message>
    <message>
        <source>Branch configuration changed</source>
        <translation>门店配置已修改</translation>
    </message>
    <message>
        <source>Edited configuration file restored</source>
        <translation>被改动的配置文件已恢复</translation>
    </message>
    <message>
        <source>Client-data key created</source>
        <translation>已创建客户资料密钥</translation>
    </message>
    <message>
        <source>Client-data key rotated</source>
        <translation>客户资料密钥已轮换</translation>
    </message>
    <message>
        <source>Client-data recovery code used</source>
        <translation>已使用客户资料恢复码</translation>
    </message>
    <message>
        <source>Recovery key slot missing</source>
        <translation>恢复密钥槽缺失</translation>
    </message>
    <message>
        <source>Audit log exported</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Audit chain verified</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <source>Audit log viewed</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>Audit log rolled back or rewritten</source>
        <translation>审计日志被回滚或改写</translation>
    </message>
    <message>
        <source>Audit chain witness missing</source>
        <translation>审计链见证缺失</translation>
    </message>
    <message>
        <source>Append-only protection put back</source>
        <translation>已恢复只追加保护</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账户锁定</translation>
    </message>
    <message>
        <source>Sign-in state file damaged or forged</source>
        <translation>登录状态文件损坏或被伪造</translation>
    </message>
    <message>
        <source>Sign-in state file rolled back</source>
        <translation>登录状态文件被回退</translation>
    </message>
    <message>
        <source>Sign-in state file missing</source>
        <translation>登录状态文件丢失</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Password re-entered</source>
        <translation>重新验证密码</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Branch set up</source>
        <translation>初始化门店</translation>
    </message>
    <message>
        <source>Client registered</source>
        <translation>登记客户</translation>
    </message>
    <message>
        <source>Client details viewed</source>
        <translation>查看客户详情</translation>
    </message>
    <message>
        <source>Client changed</source>
        <translation>修改客户</translation>
    </message>
    <message>
        <source>Client reassigned</source>
        <translation>重新分配客户</translation>
    </message>
    <message>
        <source>Client search by phone or ID</source>
        <translation>按电话或证件搜索客户</translation>
    </message>
    <message>
        <source>Field revealed</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <source>Reveal limit lifted by a manager</source>
        <translation>店长解除显示次数限制</translation>
    </message>
    <message>
        <source>Follow-up added</source>
        <translation>添加跟进记录</translation>
    </message>
    <message>
        <source>Follow-ups viewed</source>
        <translation>查看跟进记录</translation>
    </message>
    <message>
        <source>Change history viewed</source>
        <translation>查看修改记录</translation>
    </message>
    <message>
        <source>Clients imported</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>Rejected rows exported</source>
        <translation>导出未导入的行</translation>
    </message>
    <message>
        <source>Whole-file consent confirmed</source>
        <translation>确认整份文件已签同意书</translation>
    </message>
    <message>
        <source>Client data destroyed</source>
        <translation>销毁客户信息</translation>
    </message>
    <message>
        <source>Client kept in storage only</source>
        <translation>客户信息转为仅保存</translation>
    </message>
    <message>
        <source>Destruction certificate printed</source>
        <translation>打印销毁证明</translation>
    </message>
    <message>
        <source>Consent form printed</source>
        <translation>打印同意书</translation>
    </message>
    <message>
        <source>Branch configuration applied</source>
        <translation>已应用门店部署配置</translation>
    </message>
    <message>
        <source>Blank consent form printed</source>
        <translation>已打印空白同意书</translation>
    </message>
    <message>
        <source>Signed consent form recorded</source>
        <translation>录入已签署的同意书</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Consents viewed</source>
        <translation>查看同意记录</translation>
    </message>
    <message>
        <source>Consent form scan viewed</source>
        <translation>查看同意书扫描件</translation>
    </message>
    <message>
        <source>Bundled privacy notice installed</source>
        <translation>程序附带的隐私告知书已安装</translation>
    </message>
    <message>
        <source>Privacy notice published</source>
        <translation>隐私告知书已发布</translation>
    </message>
    <message>
        <source>Request registered</source>
        <translation>登记个人信息请求</translation>
    </message>
    <message>
        <source>Requester identity verified</source>
        <translation>核验请求人身份</translation>
    </message>
    <message>
        <source>Copy of data provided</source>
        <translation>提供信息副本</translation>
    </message>
    <message>
        <source>Correction made</source>
        <translation>完成更正</translation>
    </message>
    <message>
        <source>Deletion request answered</source>
        <translation>处理删除请求</translation>
    </message>
    <message>
        <source>Explanation given</source>
        <translation>作出解释说明</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>拒绝请求</translation>
    </message>
    <message>
        <source>Retention queue viewed</source>
        <translation>查看待销毁队列</translation>
    </message>
    <message>
        <source>Destruction approved</source>
        <translation>批准销毁</translation>
    </message>
    <message>
        <source>Recovery code used</source>
        <translation>使用恢复码</translation>
    </message>
    <message>
        <source>Database key rotated</source>
        <translation>轮换数据库密钥</translation>
    </message>
    <message>
        <source>Key slot strengthened</source>
        <translation>加强密钥槽</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <source>Staff member disabled</source>
        <translation>停用员工</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Audit-log review recorded</source>
        <translation>审计日志定期审查已记录</translation>
    </message>
    <message>
        <source>Client destruction refused</source>
        <translation>客户数据销毁被拒绝</translation>
    </message>
    <message>
        <source>Education campaign added</source>
        <translation>新增个人信息保护宣传活动</translation>
    </message>
    <message>
        <source>Education participation recorded</source>
        <translation>记录宣传活动参与</translation>
    </message>
    <message>
        <source>Education attendees picked from the records</source>
        <translation>从客户记录选取宣传活动参与者</translation>
    </message>
    <message>
        <source>Education attendee list imported</source>
        <translation>导入宣传活动参与者名单</translation>
    </message>
    <message>
        <source>Privacy tips leaflet printed for a client</source>
        <translation>为客户打印个人信息保护提示单</translation>
    </message>
    <message>
        <source>Blank privacy tips leaflet printed</source>
        <translation>打印空白个人信息保护提示单</translation>
    </message>
    <message>
        <source>Per-client rows setting changed</source>
        <translation>逐客户明细报送设置变更</translation>
    </message>
    <message>
        <source>Summary for headquarters prepared</source>
        <translation>准备报送总部的汇总</translation>
    </message>
    <message>
        <source>Summary for headquarters approved</source>
        <translation>批准报送总部的汇总</translation>
    </message>
    <message>
        <source>Summary for headquarters rejected</source>
        <translation>驳回报送总部的汇总</translation>
    </message>
    <message>
        <source>Summary queued for sending</source>
        <translation>汇总已排队待发送</translation>
    </message>
    <message>
        <source>Summary sent to headquarters</source>
        <translation>汇总已发送至总部</translation>
    </message>
    <message>
        <source>Sending to headquarters failed</source>
        <translation>发送至总部失败</translation>
    </message>
    <message>
        <source>Headquarters receipt recorded</source>
        <translation>已记录总部回执</translation>
    </message>
    <message>
        <source>Summary refused by the outbox</source>
        <translation>发件箱拒绝发送汇总</translation>
    </message>
    <message>
        <source>Sending schedule changed</source>
        <translation>报送计划变更</translation>
    </message>
    <message>
        <source>Export record saved</source>
        <translation>报送记录已保存</translation>
    </message>
    <message>
        <source>Enrolment with headquarters</source>
        <translation>向总部注册</translation>
    </message>
    <message>
        <source>Headquarters keys moved into client data</source>
        <translation>总部密钥移入客户数据库</translation>
    </message>
    <message>
        <source>Incident reported</source>
        <translation>报告安全事件</translation>
    </message>
    <message>
        <source>Incident assessed</source>
        <translation>安全事件已评估</translation>
    </message>
    <message>
        <source>Incident status changed</source>
        <translation>安全事件状态变更</translation>
    </message>
    <message>
        <source>Internal or regulator report recorded</source>
        <translation>记录向内部或监管部门的报告</translation>
    </message>
    <message>
        <source>Affected clients set</source>
        <translation>设定受影响客户</translation>
    </message>
    <message>
        <source>Client notification logged</source>
        <translation>记录客户通知</translation>
    </message>
    <message>
        <source>Client-data key not genuine</source>
        <translation>客户数据密钥不可信</translation>
    </message>
    <message>
        <source>Privacy programme settings changed</source>
        <translation>个人信息保护工作设置变更</translation>
    </message>
    <message>
        <source>Programme report produced</source>
        <translation>生成个人信息保护工作报告</translation>
    </message>
    <message>
        <source>Client-side programme figures updated</source>
        <translation>客户数据统计已更新</translation>
    </message>
    <message>
        <source>Compliance review started</source>
        <translation>开始合规审查</translation>
    </message>
    <message>
        <source>Compliance review evaluated</source>
        <translation>合规审查自动评估</translation>
    </message>
    <message>
        <source>Compliance review item answered</source>
        <translation>合规审查项已填写</translation>
    </message>
    <message>
        <source>Compliance review finished</source>
        <translation>合规审查已完成</translation>
    </message>
    <message>
        <source>Rectification opened</source>
        <translation>新增整改项</translation>
    </message>
    <message>
        <source>Rectification closed</source>
        <translation>整改已关闭</translation>
    </message>
    <message>
        <source>Satisfaction response entered</source>
        <translation>录入满意度调查答卷</translation>
    </message>
    <message>
        <source>Satisfaction survey imported</source>
        <translation>导入满意度调查</translation>
    </message>
    <message>
        <source>Training quiz taken</source>
        <translation>完成培训测验</translation>
    </message>
    <message>
        <source>Training session recorded</source>
        <translation>记录线下培训</translation>
    </message>
    <message>
        <source>Training records imported</source>
        <translation>导入培训记录</translation>
    </message>
    <message>
        <source>Security alert raised</source>
        <translation>触发安全告警</translation>
    </message>
    <message>
        <source>Security alert acknowledged</source>
        <translation>安全告警已确认</translation>
    </message>
    <message>
        <source>Security alert record put back</source>
        <translation>安全告警记录已恢复</translation>
    </message>
    <message>
        <source>Periodic alert scan</source>
        <translation>定期告警扫描</translation>
    </message>
    <message>
        <source>Destruction carried out again after a restore</source>
        <translation>恢复备份后重新执行销毁</translation>
    </message>
    <message>
        <source>Access review started</source>
        <translation>开始权限审查</translation>
    </message>
    <message>
        <source>Access review decision</source>
        <translation>权限审查决定</translation>
    </message>
    <message>
        <source>Access review finished</source>
        <translation>权限审查已完成</translation>
    </message>
    <message>
        <source>Access review exported</source>
        <translation>导出权限审查结果</translation>
    </message>
    <message>
        <source>Staff role changed</source>
        <translation>员工角色变更</translation>
    </message>
    <message>
        <source>Backup created</source>
        <translation>创建备份</translation>
    </message>
    <message>
        <source>Backup verified</source>
        <translation>校验备份</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore drill</source>
        <translation>恢复演练</translation>
    </message>
    <message>
        <source>Backup schedule changed</source>
        <translation>备份计划变更</translation>
    </message>
    <message>
        <source>Database integrity check</source>
        <translation>数据库完整性检查</translation>
    </message>
    <message>
        <source>Second-factor code checked</source>
        <translation>第二因素验证码核验</translation>
    </message>
    <message>
        <source>Second factor enrolled</source>
        <translation>登记第二因素</translation>
    </message>
    <message>
        <source>Second factor reset</source>
        <translation>重置第二因素</translation>
    </message>
    <message>
        <source>Second-factor recovery code used</source>
        <translation>使用第二因素恢复码</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Privacy notice version</source>
        <translation>隐私告知书版本</translation>
    </message>
    <message>
        <source>Client request</source>
        <translation>个人信息请求</translation>
    </message>
    <message>
        <source>Destruction record</source>
        <translation>销毁记录</translation>
    </message>
    <message>
        <source>Destruction batch</source>
        <translation>销毁批次</translation>
    </message>
    <message>
        <source>Retention queue</source>
        <translation>待销毁队列</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Key slots</source>
        <translation>密钥槽</translation>
    </message>
    <message>
        <source>Sign-in state file</source>
        <translation>登录状态文件</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>同意书</translation>
    </message>
    <message>
        <source>Audit-log review</source>
        <translation>审计日志审查</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>any user</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message numerus="yes">
        <source>%n entries match the filter.</source>
        <translation>
            <numerusform>共 %n 条符合筛选条件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>AwaitingApprovalBanner</name>
    <message numerus="yes">
        <source>%n summary(ies) for headquarters await a manager&apos;s approval.</source>
        <translation>
            <numerusform>有 %n 份发给总部的汇总等待店长审批。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;Exports</source>
        <translation>打开导出(&amp;E)</translation>
    </message>
</context>
<context>
    <name>BackupFailedBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The scheduled backup failed: %1 It will be tried again; tell IT or the manager.</source>
        <translation>定时备份失败：%1 稍后会自动重试；请告知 IT 或店长。</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Backup schedule saved.</source>
        <translation>定时备份设置已保存。</translation>
    </message>
    <message>
        <source>Back up into which folder?</source>
        <translation>备份到哪个文件夹？</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>备份已写入：%1</translation>
    </message>
    <message>
        <source>Type your password first (as it was when the backup was taken).</source>
        <translation>请先输入您的密码（备份时使用的密码）。</translation>
    </message>
    <message>
        <source>Restore drill passed (%1 s) and recorded: %2</source>
        <translation>恢复演练通过（%1 秒），已记录：%2</translation>
    </message>
    <message>
        <source>Restore drill FAILED (recorded): %1</source>
        <translation>恢复演练失败（已记录）：%1</translation>
    </message>
    <message>
        <source>Verify a backup</source>
        <translation>校验备份</translation>
    </message>
    <message>
        <source>Backups (*.bvbackup)</source>
        <translation>备份文件 (*.bvbackup)</translation>
    </message>
    <message>
        <source>The backup opened and passed every check.</source>
        <translation>备份已打开，所有检查均通过。</translation>
    </message>
    <message>
        <source>The backup failed its checks: %1</source>
        <translation>备份未通过检查：%1</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scheduled backup</source>
        <translation>定时备份</translation>
    </message>
    <message>
        <source>Backups and restore drills</source>
        <translation>备份与恢复演练</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>最近备份</translation>
    </message>
    <message>
        <source>Latest verified backup</source>
        <translation>最近经校验的备份</translation>
    </message>
    <message>
        <source>Last restore drill</source>
        <translation>最近恢复演练</translation>
    </message>
    <message>
        <source>Next scheduled backup</source>
        <translation>下次定时备份</translation>
    </message>
    <message>
        <source>Back up every day</source>
        <translation>每天自动备份</translation>
    </message>
    <message>
        <source>Time (Beijing time)</source>
        <translation>时间（北京时间）</translation>
    </message>
    <message>
        <source>Folder (USB disk or network share)</source>
        <translation>文件夹（U 盘或网络共享）</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留份数</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save schedule</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Verify a backup…</source>
        <translation>校验备份…</translation>
    </message>
    <message>
        <source>Run a restore drill</source>
        <translation>进行恢复演练</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Verifying and drilling open the backup with your key slot in it: type your password as it was when the backup was taken. Restoring is done by IT on the command line (branchvault backup restore).</source>
        <translation>校验和演练使用备份中您的密钥槽打开备份：请输入备份时您使用的密码。恢复数据由 IT 在命令行完成（branchvault backup restore）。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>OVERDUE: no verified backup within %n day(s)</source>
        <translation>
            <numerusform>已逾期：%n 天内没有经校验的备份</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未进行</translation>
    </message>
    <message numerus="yes">
        <source>OVERDUE: no passed drill within %n day(s)</source>
        <translation>
            <numerusform>已逾期：%n 天内没有通过的恢复演练</numerusform>
        </translation>
    </message>
    <message>
        <source>off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>The last backup failed (%1): %2</source>
        <translation>最近一次备份失败（%1）：%2</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>restore drill</source>
        <translation>恢复演练</translation>
    </message>
    <message>
        <source> (scheduled)</source>
        <translation>（定时）</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>BranchPage</name>
    <message>
        <source>Set up this branch</source>
        <translation>设置本门店</translation>
    </message>
    <message>
        <source>BranchVault keeps this branch&apos;s client records in an encrypted database on this PC.</source>
        <translation>BranchVault 将本门店的客户信息保存在这台电脑上的加密数据库中。</translation>
    </message>
    <message>
        <source>Branch &amp;code:</source>
        <translation>门店编码(&amp;C)：</translation>
    </message>
    <message>
        <source>Branch &amp;name:</source>
        <translation>门店名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. SZ001</source>
        <translation>例如 SZ001</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Add an education campaign</source>
        <translation>新增隐私宣传活动</translation>
    </message>
    <message>
        <source>&amp;Date held:</source>
        <translation>举办日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>宣传渠道(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Material:</source>
        <translation>宣传材料(&amp;M)：</translation>
    </message>
    <message>
        <source>e.g. how to recognise fraud calls</source>
        <translation>例如：如何识别诈骗电话</translation>
    </message>
    <message>
        <source>title, link or description (at most %1 characters)</source>
        <translation>标题、链接或说明（最多 %1 个字符）</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>新增(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ChainVerifyPanel</name>
    <message>
        <source>&amp;Verify audit chain</source>
        <translation>校验审计链(&amp;V)</translation>
    </message>
    <message>
        <source>an entry is missing</source>
        <translation>缺少一条记录</translation>
    </message>
    <message>
        <source>the link to the previous entry does not match</source>
        <translation>与上一条记录的链接不一致</translation>
    </message>
    <message>
        <source>the entry was altered</source>
        <translation>记录内容被篡改</translation>
    </message>
    <message numerus="yes">
        <source>The audit chain is intact (%n entries checked).</source>
        <translation>
            <numerusform>审计链完整（已校验 %n 条）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit chain is broken at entry %1: %2.</source>
        <translation>审计链在第 %1 条处断裂：%2。</translation>
    </message>
    <message>
        <source>Time goes backwards at entry %1: %2 minutes before entry %3.</source>
        <translation>时间倒退：第 %1 条比第 %3 条早 %2 分钟。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>You signed in with a temporary password, or your password has expired. Choose a new password before you continue.</source>
        <translation>您使用的是临时密码，或密码已过期。请先设置新密码再继续。</translation>
    </message>
    <message>
        <source>Enter your current password, then the new one twice.</source>
        <translation>请输入当前密码，再输入两次新密码。</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>当前密码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>再次输入新密码(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>修改密码(&amp;C)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ClientAccessWaitingPanel</name>
    <message>
        <source>No client-data key yet</source>
        <translation>本门店还没有客户资料密钥</translation>
    </message>
    <message>
        <source>Client data in this branch is kept under a client-data key that does not exist yet. A branch manager creates it when they sign in with their own password; until then no one can open client records.</source>
        <translation>本门店的客户资料由客户资料密钥加密保存，但该密钥尚未创建。店长用自己的密码登录后即可创建；在此之前，任何人都无法打开客户资料。</translation>
    </message>
    <message>
        <source>Once the key exists, read this code to a branch manager in person (never by phone or chat) so they can confirm you.</source>
        <translation>密钥创建后，请把此确认码当面读给店长（不要通过电话或聊天工具），由店长确认您。</translation>
    </message>
    <message>
        <source>Waiting for a manager to confirm your access to client data</source>
        <translation>等待店长确认您查看客户资料的权限</translation>
    </message>
    <message>
        <source>Only agents and managers a branch manager has confirmed can open client records. You are not confirmed yet, or your access ended when your password was reset.</source>
        <translation>只有经店长确认的经纪人和店长才能打开客户资料。您尚未获得确认，或因密码被重置而失去了原有权限。</translation>
    </message>
    <message>
        <source>Read this code to a branch manager in person (never by phone or chat). They type it in BranchVault under Client data → Confirm staff access. Then sign out and sign in again. If the code they see differs, do not go on: tell IT&apos;s supervisor.</source>
        <translation>请把此确认码当面读给店长（不要通过电话或聊天工具），由店长在本软件的“客户资料 → 确认员工权限”中输入。确认后请退出并重新登录。若店长那边显示的确认码不一致，请不要继续，并告知 IT 主管。</translation>
    </message>
    <message>
        <source>Your confirmation code:</source>
        <translation>您的确认码：</translation>
    </message>
    <message>
        <source>To get your confirmation code, set a new password now, in front of the manager who will confirm you: only a password you chose yourself protects your access.</source>
        <translation>要取得确认码，请现在当着将为您确认的店长的面设置新密码：只有您自己设定的密码才能保护您的访问权限。</translation>
    </message>
    <message>
        <source>Set a &amp;new password to get your code…</source>
        <translation>设置新密码并取得确认码(&amp;N)…</translation>
    </message>
    <message>
        <source>Use the client-data &amp;recovery code…</source>
        <translation>使用客户资料恢复码(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Create the client-data key…</source>
        <translation>创建客户资料密钥(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>ClientDetailDialog</name>
    <message>
        <source>Client details</source>
        <translation>客户详情</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>客户阶段：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>电子邮箱：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>ID type:</source>
        <translation>证件类型：</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>证件号码：</translation>
    </message>
    <message>
        <source>Household income:</source>
        <translation>家庭年收入：</translation>
    </message>
    <message>
        <source>Districts wanted:</source>
        <translation>意向区域：</translation>
    </message>
    <message>
        <source>Assigned agent:</source>
        <translation>负责经纪人：</translation>
    </message>
    <message>
        <source>Registered:</source>
        <translation>登记日期：</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>最近联系：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意书</translation>
    </message>
    <message>
        <source>&amp;Add follow-up…</source>
        <translation>添加跟进(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;assign…</source>
        <translation>重新分配(&amp;A)…</translation>
    </message>
    <message>
        <source>De&amp;lete client data…</source>
        <translation>删除客户信息(&amp;L)…</translation>
    </message>
    <message>
        <source>Print privacy &amp;tips…</source>
        <translation>打印隐私提示单(&amp;T)…</translation>
    </message>
    <message>
        <source>Kept only as the law requires; cannot be viewed</source>
        <translation>依法留存，不可查看</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>暂无修改记录。</translation>
    </message>
    <message>
        <source>%1 %2 changed %3</source>
        <translation>%1 %2 修改了 %3</translation>
    </message>
    <message>
        <source>%1 (correction request #%2)</source>
        <translation>%1（更正请求 #%2）</translation>
    </message>
    <message>
        <source>Reveal again when you are back.</source>
        <translation>完整内容未显示：请回到本页面后重新查看。</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared after %1 seconds.</source>
        <translation>已复制。剪贴板将在 %1 秒后清除。</translation>
    </message>
</context>
<context>
    <name>ClientEditDialog</name>
    <message>
        <source>Edit client</source>
        <translation>修改客户资料</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>the client is now before the subscription stage</source>
        <translation>客户已回到认购之前的阶段</translation>
    </message>
    <message>
        <source>The ID number and income band will be deleted because %1. This cannot be undone. Save?</source>
        <translation>证件号码和家庭收入将被删除，因为%1。删除后无法恢复。确定保存吗？</translation>
    </message>
    <message>
        <source>Delete sensitive data</source>
        <translation>删除敏感个人信息</translation>
    </message>
</context>
<context>
    <name>ClientFilterBar</name>
    <message>
        <source>Any intention</source>
        <translation>全部意向等级</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Any agent</source>
        <translation>全部经纪人</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>最近联系：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Last contact on or after this day</source>
        <translation>最近联系在此日（含）之后</translation>
    </message>
    <message>
        <source>Last contact on or before this day</source>
        <translation>最近联系在此日（含）之前</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Purchase intention</source>
        <translation>购房意向</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>敏感个人信息</translation>
    </message>
    <message>
        <source>Grey text is the masked current value: leave a field blank to keep it, type to replace it.</source>
        <translation>灰色文字为当前值（已遮蔽）：留空即不修改，输入新内容即替换。</translation>
    </message>
    <message>
        <source>A first visit needs only a name (or surname) and a phone number.</source>
        <translation>首次到访只需填写姓名（或姓氏）和电话号码。</translation>
    </message>
    <message>
        <source>From the subscription stage on, and only with the client&apos;s separate consent recorded.</source>
        <translation>认购阶段起，且须已记录客户的单独同意后方可填写。</translation>
    </message>
    <message>
        <source>Separate consent for sensitive data recorded</source>
        <translation>已录入敏感个人信息单独同意</translation>
    </message>
    <message>
        <source>Recorded from the signed consent form on the client&apos;s page (Consent tab), not here.</source>
        <translation>根据客户页面（“同意书”标签页）录入的已签署同意书记录，不能在此修改。</translation>
    </message>
    <message>
        <source>&amp;Name or surname:</source>
        <translation>姓名或姓氏(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>电子邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>S&amp;tage:</source>
        <translation>客户阶段(&amp;T)：</translation>
    </message>
    <message>
        <source>Pro&amp;vince:</source>
        <translation>省份(&amp;V)：</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>城市：</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>区县：</translation>
    </message>
    <message>
        <source>Street address:</source>
        <translation>详细地址：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Districts &amp;wanted:</source>
        <translation>意向区域(&amp;W)：</translation>
    </message>
    <message>
        <source>ID &amp;document:</source>
        <translation>证件类型(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>证件号码(&amp;I)：</translation>
    </message>
    <message>
        <source>Household in&amp;come:</source>
        <translation>家庭年收入(&amp;C)：</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>（不修改）</translation>
    </message>
    <message>
        <source>e.g. 王 or 王先生 at a first visit</source>
        <translation>首次到访可只填姓氏，如 王 或 王先生</translation>
    </message>
    <message>
        <source>mobile, landline or +country code</source>
        <translation>手机、座机或 +国家代码</translation>
    </message>
    <message>
        <source>e.g. 南山区、福田区</source>
        <translation>如 南山区、福田区</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
</context>
<context>
    <name>ClientKeySetUpDialog</name>
    <message>
        <source>Create the client-data key</source>
        <translation>创建客户资料密钥</translation>
    </message>
    <message>
        <source>Client personal data is kept in its own encrypted file, under a client-data key that only branch managers and the agents a manager confirms hold. IT administrators and auditors never hold it.

This branch has no client-data key yet. As its manager, create it now. If this branch already has client records from an earlier version, they are moved into the new file in the same step; this can take a moment.

You then get the client-data recovery code, shown once.</source>
        <translation>客户个人信息保存在单独的加密文件中，使用客户资料密钥加密；只有店长和经店长确认的经纪人持有该密钥，IT 管理员和审计员永远不持有。

本门店还没有客户资料密钥。作为店长，请现在创建。如果本门店已有旧版本留下的客户资料，会在同一步骤中移入新文件，可能需要稍等片刻。

随后会显示客户资料恢复码，只显示这一次。</translation>
    </message>
    <message>
        <source>&amp;Create the client-data key</source>
        <translation>创建客户资料密钥(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>以后再说(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ClientPickerDialog</name>
    <message>
        <source>Affected clients of %1</source>
        <translation>事件 %1 的受影响客户</translation>
    </message>
    <message>
        <source>Find clients:</source>
        <translation>查找客户：</translation>
    </message>
    <message>
        <source>Affected clients:</source>
        <translation>受影响的客户：</translation>
    </message>
    <message>
        <source>Name, pinyin or last 4 digits of the phone</source>
        <translation>姓名、拼音或手机号后4位</translation>
    </message>
    <message>
        <source>&amp;Add →</source>
        <translation>添加(&amp;A) →</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save list</source>
        <translation>保存名单(&amp;S)</translation>
    </message>
    <message>
        <source>%1 client(s) affected</source>
        <translation>受影响客户 %1 位</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>⚠ Sign again</source>
        <translation>⚠ 需重新签署</translation>
    </message>
    <message>
        <source>A newer privacy notice changed the purposes or recipients: print the current consent form on the client&apos;s page and ask the client to sign it again.</source>
        <translation>新版个人信息处理告知书变更了处理目的或接收方：请在客户页面打印当前版本的同意书，并请客户重新签署。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Intention</source>
        <translation>意向</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>经纪人</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意书</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search by name, pinyin, initials or phone digits</source>
        <translation>按姓名、拼音、首字母或电话号码搜索</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Intention level</source>
        <translation>意向等级</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>&amp;New client</source>
        <translation>新客户(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Consent &amp;forms (PDF)…</source>
        <translation>批量生成同意书(&amp;F)…</translation>
    </message>
    <message>
        <source>The consent forms of the selected clients as one PDF to print</source>
        <translation>将所选客户的同意书生成一个 PDF，便于打印</translation>
    </message>
    <message>
        <source>Matching clients: %1</source>
        <translation>符合条件的客户：%1</translation>
    </message>
    <message>
        <source>Clients: %1</source>
        <translation>客户：%1</translation>
    </message>
    <message>
        <source>Choose at most %1 clients for one PDF.</source>
        <translation>一个 PDF 最多包含 %1 位客户的同意书，请少选一些。</translation>
    </message>
    <message>
        <source>The list is still loading. Try again in a moment.</source>
        <translation>列表仍在加载，请稍后再试。</translation>
    </message>
    <message>
        <source>Save the consent forms as PDF</source>
        <translation>将同意书保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CodeOnceDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ConfirmAccessDialog</name>
    <message>
        <source>Confirm staff access to client data</source>
        <translation>确认员工查看客户资料的权限</translation>
    </message>
    <message>
        <source>These agents and managers cannot open client records until you confirm them. Confirm someone only with the code they read to you from their own screen, in person.</source>
        <translation>以下经纪人和店长须经您确认后才能打开客户资料。只有在对方当面读出其本人屏幕上的确认码后，才能确认。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Nobody is waiting for confirmation.</source>
        <translation>没有等待确认的员工。</translation>
    </message>
    <message>
        <source>&amp;Confirm…</source>
        <translation>确认(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Role changed since they last held access (was: %1): check it was meant</source>
        <translation>自上次获得权限后角色已变更（原为：%1）：请核实是否属实</translation>
    </message>
    <message>
        <source>Still on the temporary password: they sign in and set their own first</source>
        <translation>仍在使用临时密码：请其先登录并设置自己的密码</translation>
    </message>
    <message>
        <source>Ready: ask them for their code</source>
        <translation>可以确认：请对方读出确认码</translation>
    </message>
    <message>
        <source>%1 is confirmed: they sign out and in again to open client records.</source>
        <translation>已确认 %1：对方退出并重新登录后即可打开客户资料。</translation>
    </message>
</context>
<context>
    <name>ConfirmMemberDialog</name>
    <message>
        <source>Confirm access to client data</source>
        <translation>确认查看客户资料的权限</translation>
    </message>
    <message>
        <source>Confirm %1 (%2), %3</source>
        <translation>确认 %1（%2），%3</translation>
    </message>
    <message>
        <source>Ask them to sign in on their own and read you the confirmation code on their screen, in person — never by phone or chat. Type the 20 digits exactly as they read them.</source>
        <translation>请对方自己登录，并当面读出其屏幕上的确认码（不要通过电话或聊天工具）。请按对方所读，准确输入这 20 位数字。</translation>
    </message>
    <message>
        <source>Their &amp;confirmation code:</source>
        <translation>对方的确认码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConsentBatchDialog</name>
    <message>
        <source>Consent forms for the selected clients</source>
        <translation>所选客户的同意书</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n consent form(s) as one PDF…</source>
        <translation>
            <numerusform>正在生成 %n 份同意书（合并为一个 PDF）…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n consent form(s) to %1. Print it and have each client sign their form.</source>
        <translation>
            <numerusform>已将 %n 份同意书保存为 %1。打印后请每位客户在自己的同意书上签字。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: no file was saved and no form number was recorded.</source>
        <translation>已取消：没有保存文件，也没有记录任何同意书编号。</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Form number</source>
        <translation>同意书编号</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>各项同意</translation>
    </message>
    <message>
        <source>Notice version</source>
        <translation>告知书版本</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签署日期</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>Recorded forms</source>
        <translation>已录入的同意书</translation>
    </message>
    <message>
        <source>No signed form recorded yet.</source>
        <translation>尚未录入已签署的同意书。</translation>
    </message>
    <message>
        <source>&amp;Print consent form…</source>
        <translation>打印同意书(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Record signed form…</source>
        <translation>录入已签署的同意书(&amp;R)…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Sign again: a newer privacy notice changed the purposes or recipients. Print the current consent form and ask the client to sign it.</source>
        <translation>需重新签署：新版个人信息处理告知书变更了处理目的或接收方。请打印当前版本的同意书，请客户重新签署。</translation>
    </message>
    <message>
        <source>Registered under notice version %1, no consent form signed; current version %2.</source>
        <translation>登记时适用告知书版本 %1，尚未签署同意书；当前版本为 %2。</translation>
    </message>
    <message>
        <source>Latest form signed under notice version %1; current version %2.</source>
        <translation>最近一份同意书按告知书版本 %1 签署；当前版本为 %2。</translation>
    </message>
    <message>
        <source>Current privacy notice version: %1.</source>
        <translation>当前个人信息处理告知书版本：%1。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The signed form is recorded.</source>
        <translation>已录入签署的同意书。</translation>
    </message>
    <message>
        <source>The consent is withdrawn; it took effect at once.</source>
        <translation>同意已撤回，立即生效。</translation>
    </message>
</context>
<context>
    <name>ConsentPrintChoice</name>
    <message>
        <source>Consent form %1</source>
        <translation>同意书 %1</translation>
    </message>
    <message>
        <source>Consent form %1 (privacy notice %2) is ready. Print it for the client to sign, or save it as a PDF. Record the signed form with this number.</source>
        <translation>同意书 %1（告知书版本 %2）已生成。请打印后交客户签署，或另存为 PDF。录入签署的同意书时请使用此编号。</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct data for request %1</source>
        <translation>更正资料（请求 %1）</translation>
    </message>
    <message>
        <source>Enter each field to correct and its new value, as the client asked. The change is kept in the client&apos;s history with this request number.</source>
        <translation>按客户的要求，逐项填写需要更正的字段及新值。更正会连同本请求编号记入客户的修改记录。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>&amp;Add a field</source>
        <translation>添加一项(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Correct and complete</source>
        <translation>更正并办结(&amp;C)</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Creating the branch</source>
        <translation>正在创建门店</translation>
    </message>
    <message>
        <source>The branch is ready.</source>
        <translation>门店已创建完成。</translation>
    </message>
    <message>
        <source>Go &amp;back and correct</source>
        <translation>返回修改(&amp;B)</translation>
    </message>
    <message>
        <source>This is the branch recovery code. It restores access if every IT administrator password or this PC&apos;s keyring is lost. Write it down or print it and lock it in the branch safe. It is shown only this once.</source>
        <translation>这是本门店的恢复码。如果所有 IT 管理员的密码都丢失，或这台电脑的密钥环丢失，可用它恢复访问。请抄写或打印后锁入门店保险柜。恢复码只显示这一次。</translation>
    </message>
    <message>
        <source>I have stored it safely</source>
        <translation>我已妥善保存</translation>
    </message>
    <message>
        <source>Measuring this PC&apos;s speed for the key derivation and creating the encrypted database. This takes a few seconds…</source>
        <translation>正在测定本机的密钥派生速度并创建加密数据库，需要几秒钟……</translation>
    </message>
    <message>
        <source>The branch was not created.</source>
        <translation>门店未能创建。</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Privacy programme targets</source>
        <translation>隐私保护指标</translation>
    </message>
    <message>
        <source>&amp;Quarter:</source>
        <translation>季度(&amp;Q)：</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Print quarterly report…</source>
        <translation>打印季度报告(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save report as PDF…</source>
        <translation>将报告另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>What is due</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Breach baseline</source>
        <translation>泄露事件基准</translation>
    </message>
    <message>
        <source>Baseline &amp;year:</source>
        <translation>基准年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>Breaches that y&amp;ear:</source>
        <translation>该年度泄露事件数(&amp;E)：</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>上一年度</translation>
    </message>
    <message>
        <source>Count from the records</source>
        <translation>按记录统计</translation>
    </message>
    <message>
        <source>The breach target compares this year&apos;s personal-information breaches with the baseline year. Set the count when the branch&apos;s records do not cover that year.</source>
        <translation>泄露事件指标将本年度的个人信息泄露事件数与基准年度比较。如本店记录未覆盖基准年度，请填写该年度的事件数。</translation>
    </message>
    <message>
        <source>Sa&amp;ve baseline</source>
        <translation>保存基准(&amp;V)</translation>
    </message>
    <message>
        <source>Training: everyone has completed this quarter&apos;s training</source>
        <translation>培训：全员已完成本季度培训</translation>
    </message>
    <message>
        <source>Training: %1 staff have not completed it (grace period until %2)</source>
        <translation>培训：%1 名员工尚未完成（宽限期至 %2）</translation>
    </message>
    <message>
        <source>Compliance review: none finished yet; one is due now</source>
        <translation>合规自查：尚未完成任何自查，现在应进行</translation>
    </message>
    <message>
        <source>Compliance review: overdue (was due by %1)</source>
        <translation>合规自查：已逾期（应于 %1 前完成）</translation>
    </message>
    <message>
        <source>Compliance review: due by %1</source>
        <translation>合规自查：应于 %1 前完成</translation>
    </message>
    <message>
        <source>Compliance review: next due by %1</source>
        <translation>合规自查：下次应于 %1 前完成</translation>
    </message>
    <message>
        <source>Satisfaction survey: %1 responses this quarter</source>
        <translation>满意度调查：本季度已有 %1 份答卷</translation>
    </message>
    <message>
        <source>Satisfaction survey: no responses yet this quarter (it ends %1)</source>
        <translation>满意度调查：本季度尚无答卷（季度截至 %1）</translation>
    </message>
    <message>
        <source>Education campaigns: enough this year</source>
        <translation>隐私教育活动：本年度已达到要求</translation>
    </message>
    <message>
        <source>Education campaigns: %1 more needed this year</source>
        <translation>隐私教育活动：本年度还需开展 %1 次</translation>
    </message>
    <message>
        <source>Incidents: %1 open, with missed deadlines</source>
        <translation>安全事件：%1 件未结案，且有时限已过</translation>
    </message>
    <message>
        <source>Incidents: %1 open</source>
        <translation>安全事件：%1 件未结案</translation>
    </message>
    <message>
        <source>Rectifications: %1 overdue</source>
        <translation>整改事项：%1 项逾期</translation>
    </message>
    <message>
        <source>Rectifications: some still open</source>
        <translation>整改事项：仍有未关闭的整改</translation>
    </message>
    <message>
        <source>Rectifications: none overdue</source>
        <translation>整改事项：无逾期</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Figures as of %1.</source>
        <translation>数据截至 %1。</translation>
    </message>
    <message>
        <source>The stored client figures do not match the audit log (they were edited) and are not used; a manager opening this dashboard computes them again.</source>
        <translation>已保存的客户相关数字与审计日志不符（已被改动），未予采用；店长打开本页面时会重新计算。</translation>
    </message>
    <message>
        <source>Client figures (privacy education) are not available yet: they are computed when a manager opens this dashboard.</source>
        <translation>客户相关数字（隐私教育）尚不可用：店长打开本页面时才会计算。</translation>
    </message>
    <message>
        <source>Client figures as of %1, computed by %2.</source>
        <translation>客户相关数字截至 %1，由 %2 计算。</translation>
    </message>
    <message>
        <source>Privacy programme report %1</source>
        <translation>隐私保护计划报告 %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>Breach baseline saved.</source>
        <translation>泄露事件基准已保存。</translation>
    </message>
</context>
<context>
    <name>DestroyClientDialog</name>
    <message>
        <source>The purpose of processing has been achieved</source>
        <translation>处理目的已实现</translation>
    </message>
    <message>
        <source>The purpose of processing cannot be achieved</source>
        <translation>处理目的无法实现</translation>
    </message>
    <message>
        <source>The data is no longer necessary for the purpose</source>
        <translation>为实现处理目的不再必要</translation>
    </message>
    <message>
        <source>The company stopped providing the service</source>
        <translation>本公司停止提供服务</translation>
    </message>
    <message>
        <source>The client withdrew consent</source>
        <translation>客户撤回同意</translation>
    </message>
    <message>
        <source>The processing violated laws, regulations or the agreement</source>
        <translation>违反法律、行政法规或者违反约定处理个人信息</translation>
    </message>
    <message>
        <source>Delete client data</source>
        <translation>删除客户信息</translation>
    </message>
    <message>
        <source>Delete this client&apos;s personal information on the company&apos;s own initiative (PIPL Art. 47): the record, follow-ups and search entries are destroyed and cannot be recovered, and a destruction certificate is made. A buyer still under the anti-money-laundering hold is kept in storage only instead.</source>
        <translation>由本公司主动删除该客户的个人信息（《个人信息保护法》第四十七条）：客户记录、跟进记录和搜索索引将被销毁且无法恢复，并生成销毁证明。仍在反洗钱保存期内的购房客户不会被销毁，而是转为“仅保存”。</translation>
    </message>
    <message>
        <source>&amp;Ground:</source>
        <translation>删除依据(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <source>Why (required; no names, phone or ID numbers)</source>
        <translation>删除原因（必填；不要填写姓名、电话或证件号）</translation>
    </message>
    <message>
        <source>I understand the data cannot be recovered</source>
        <translation>我知道删除后数据无法恢复</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save certificate…</source>
        <translation>保存销毁证明(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>The client&apos;s data was destroyed (destruction record No. %1).</source>
        <translation>该客户的信息已销毁（销毁记录编号 %1）。</translation>
    </message>
    <message>
        <source>This client bought: anti-money-laundering rules require keeping the records until %1. The record is now in storage only and all other processing has stopped; nothing was destroyed.</source>
        <translation>该客户已购房：反洗钱规定要求其记录保存至 %1。该记录已转为“仅保存”，其他处理均已停止，未销毁任何数据。</translation>
    </message>
    <message>
        <source>Certificate saved as %1</source>
        <translation>销毁证明已保存为 %1</translation>
    </message>
</context>
<context>
    <name>EducationTab</name>
    <message>
        <source>Privacy education</source>
        <translation>隐私教育</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>&amp;Add campaign…</source>
        <translation>新增活动(&amp;A)…</translation>
    </message>
    <message>
        <source>Record &amp;participants…</source>
        <translation>登记参与客户(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Import attendee list…</source>
        <translation>导入签到名单(&amp;I)…</translation>
    </message>
    <message>
        <source>Print privacy &amp;tips…</source>
        <translation>打印隐私提示单(&amp;T)…</translation>
    </message>
    <message>
        <source>Print privacy tips for a &amp;client…</source>
        <translation>为客户打印隐私提示单(&amp;C)…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>宣传材料</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与客户</translation>
    </message>
    <message>
        <source>Campaigns in %1: %2 of %3 a year</source>
        <translation>%1 年宣传活动：%2 次（每年至少 %3 次）</translation>
    </message>
    <message>
        <source>Participation needs the client-data key (confirmed agents and managers); the programme dashboard shows the branch&apos;s figure.</source>
        <translation>参与率需客户资料密钥（仅经确认的置业顾问和店长）；全店数据见隐私保护指标看板。</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Clients who took part: %1 of %2 active clients = %3 (target %4%)</source>
        <translation>参与隐私教育的客户：%1 / 活跃客户 %2 = %3（目标 %4%）</translation>
    </message>
    <message>
        <source>Recorded: %1; already recorded before: %2</source>
        <translation>已登记：%1；此前已登记：%2</translation>
    </message>
    <message>
        <source>Attendee list</source>
        <translation>签到名单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.csv)</translation>
    </message>
    <message>
        <source>Rows: %1; matched: %2</source>
        <translation>共 %1 行；匹配 %2 位客户</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>ExportLabels</name>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Queued for sending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Sent, awaiting receipt</source>
        <translation>已发送，待回执</translation>
    </message>
    <message>
        <source>Received by headquarters</source>
        <translation>总部已确认收到</translation>
    </message>
    <message>
        <source>Sending failed, will retry</source>
        <translation>发送失败，将重试</translation>
    </message>
    <message>
        <source>same legal entity</source>
        <translation>同一法人实体</translation>
    </message>
    <message>
        <source>entrustment agreement</source>
        <translation>委托处理协议</translation>
    </message>
    <message>
        <source>separate consent</source>
        <translation>单独同意</translation>
    </message>
    <message>
        <source>Clients held now</source>
        <translation>现有客户</translation>
    </message>
    <message>
        <source>New clients</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进次数</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Other districts (each under k)</source>
        <translation>其他区（各不足 k 位）</translation>
    </message>
    <message>
        <source>New clients by %1</source>
        <translation>新增客户：按%1</translation>
    </message>
    <message>
        <source>Consent by purpose (clients held now)</source>
        <translation>各用途的同意情况（现有客户）</translation>
    </message>
    <message>
        <source>Individuals&apos; requests</source>
        <translation>个人信息权利请求</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>新受理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Clients&apos; data destroyed</source>
        <translation>已销毁的客户信息</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未同意</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>尚未办结</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>化名</translation>
    </message>
    <message>
        <source>Name (masked)</source>
        <translation>姓名（已遮蔽）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Intention</source>
        <translation>意向</translation>
    </message>
    <message>
        <source>Property type</source>
        <translation>物业类型</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Agent code</source>
        <translation>顾问代码</translation>
    </message>
</context>
<context>
    <name>ExportReviewDialog</name>
    <message>
        <source>Review the summary for headquarters</source>
        <translation>审阅发给总部的汇总</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>驳回(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>You prepared this summary: another manager must review and approve it.</source>
        <translation>这份汇总由您准备：须由另一位店长审阅并批准。</translation>
    </message>
    <message>
        <source>Another manager must approve a summary you prepared.</source>
        <translation>您准备的汇总须由另一位店长批准。</translation>
    </message>
    <message>
        <source>Loading the summary…</source>
        <translation>正在读取汇总…</translation>
    </message>
    <message>
        <source>Period %1 · %2</source>
        <translation>期间 %1 · %2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>received by headquarters %1</source>
        <translation>总部确认收到于 %1</translation>
    </message>
</context>
<context>
    <name>ExportTableModel</name>
    <message>
        <source>Rejected: %1</source>
        <translation>已驳回：%1</translation>
    </message>
    <message>
        <source>%1 — next try %2</source>
        <translation>%1 — 下次重试 %2</translation>
    </message>
    <message>
        <source>(scheduled)</source>
        <translation>（定时）</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>内容SHA-256</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>准备人</translation>
    </message>
    <message>
        <source>Approved / rejected by</source>
        <translation>批准/驳回人</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Received by HQ</source>
        <translation>总部确认时间</translation>
    </message>
    <message>
        <source>Last error / note</source>
        <translation>最近错误/备注</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>Summaries for headquarters</source>
        <translation>发给总部的汇总</translation>
    </message>
    <message>
        <source>Headquarters receives counts for a period, with small counts suppressed — never names, phone numbers, ID numbers, addresses or notes. Each summary leaves only after a manager other than its preparer has approved it.</source>
        <translation>总部只收到某一期间的统计数字（小于阈值的数字已隐藏）——绝不包含姓名、电话、身份证号、地址或备注。每份汇总须经准备人以外的店长批准后才会发出。</translation>
    </message>
    <message>
        <source>&amp;Prepare summary…</source>
        <translation>准备汇总(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>审阅(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;What left this branch…</source>
        <translation>已发出的内容(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>立即发送(&amp;S)</translation>
    </message>
    <message>
        <source>Send approved summaries to headquarters now</source>
        <translation>立即将已批准的汇总发送给总部</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Daily preparation…</source>
        <translation>每日自动准备(&amp;D)…</translation>
    </message>
    <message numerus="yes">
        <source>%n summary(ies) await approval by a manager who did not prepare them.</source>
        <translation>
            <numerusform>有 %n 份汇总等待非准备人的店长审批。</numerusform>
        </translation>
    </message>
    <message>
        <source>Daily preparation: every day at %1 (Beijing time), the previous day&apos;s summary.</source>
        <translation>每日自动准备：每天 %1（北京时间）准备前一天的汇总。</translation>
    </message>
    <message>
        <source>Daily preparation: off.</source>
        <translation>每日自动准备：未开启。</translation>
    </message>
    <message>
        <source>Sending to headquarters…</source>
        <translation>正在发送给总部…</translation>
    </message>
    <message>
        <source>Approved summaries are sent in the background while you are signed in.</source>
        <translation>登录期间，已批准的汇总会在后台发送。</translation>
    </message>
    <message>
        <source>Last attempt %1: %2</source>
        <translation>最近一次尝试 %1：%2</translation>
    </message>
    <message>
        <source>This branch is not enrolled with headquarters yet: approved summaries wait in the outbox until IT enrols it.</source>
        <translation>本门店尚未在总部登记：已批准的汇总将留在待发队列中，直到 IT 完成登记。</translation>
    </message>
    <message>
        <source>Last check %1: %2 sent, %3 received by headquarters, %4 failing.</source>
        <translation>最近检查 %1：发送 %2 份，总部确认 %3 份，失败 %4 份。</translation>
    </message>
    <message>
        <source>Next try %1.</source>
        <translation>下次重试 %1。</translation>
    </message>
</context>
<context>
    <name>FirstAdminPage</name>
    <message>
        <source>First IT administrator</source>
        <translation>第一位 IT 管理员</translation>
    </message>
    <message>
        <source>This account manages staff accounts and keys. It cannot read client records.</source>
        <translation>该账户负责管理员工账户和密钥，不能查看客户信息。</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
        <source>lower-case letters and digits, e.g. it.wang</source>
        <translation>小写字母和数字，例如 it.wang</translation>
    </message>
    <message>
        <source>&amp;Create branch</source>
        <translation>创建门店(&amp;C)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>BranchVault — First-time setup</source>
        <translation>BranchVault — 首次设置</translation>
    </message>
</context>
<context>
    <name>FollowupTimeline</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>经办人</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import clients from a spreadsheet</source>
        <translation>从表格导入客户</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx or .xls) or CSV client list. The file is only read, never copied; every row is checked like a new client before anything is saved.</source>
        <translation>请选择 Excel（.xlsx 或 .xls）或 CSV 格式的客户名单。本软件只读取该文件，不会复制；保存前每一行都按新客户登记的规则检查。</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation>核对列对应</translation>
    </message>
    <message>
        <source>Check what each column holds. Columns set to “Ignore” are not imported; your choices are remembered for the next file.</source>
        <translation>请核对每一列的内容。设为“忽略”的列不会导入；您的选择会被记住，下次自动使用。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>&amp;Remember these choices for the whole branch (everyone&apos;s default; a person&apos;s own choices come first)</source>
        <translation>保存为全店默认的列对应(&amp;R)（所有人默认使用；个人自己的选择优先）</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>导入选项</translation>
    </message>
    <message>
        <source>When a client with the same phone or ID number already exists:</source>
        <translation>已有相同电话或证件号码的客户时：</translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation>跳过该行(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Fill the existing client&apos;s empty fields</source>
        <translation>补充现有客户的空白字段(&amp;F)</translation>
    </message>
    <message>
        <source>Assign the imported clients to:</source>
        <translation>导入的客户分配给：</translation>
    </message>
    <message>
        <source>I confirm the whole file has signed sensitive-data consent</source>
        <translation>我确认整份文件的客户均已签署敏感个人信息单独同意书</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>Choose a client list</source>
        <translation>选择客户名单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>Header found in row %1; %2 data row(s) to check.</source>
        <translation>表头在第 %1 行；共 %2 行数据待检查。</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>Incidents</source>
        <translation>安全事件</translation>
    </message>
    <message>
        <source>&amp;Report an incident…</source>
        <translation>报告安全事件(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Assess…</source>
        <translation>评估(&amp;A)…</translation>
    </message>
    <message>
        <source>Affected &amp;clients…</source>
        <translation>受影响客户(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Move on…</source>
        <translation>推进状态(&amp;M)…</translation>
    </message>
    <message>
        <source>Record a re&amp;port…</source>
        <translation>记录报告(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Print all letters…</source>
        <translation>打印全部告知书(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save all letters…</source>
        <translation>保存全部告知书(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Log a notification…</source>
        <translation>登记告知(&amp;L)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>泄露</translation>
    </message>
    <message>
        <source>Affected</source>
        <translation>受影响客户数</translation>
    </message>
    <message>
        <source>Internal report</source>
        <translation>内部报告</translation>
    </message>
    <message>
        <source>Regulator report</source>
        <translation>向监管部门报告</translation>
    </message>
    <message>
        <source>Client notice</source>
        <translation>告知客户</translation>
    </message>
    <message>
        <source>Notification log</source>
        <translation>告知记录</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Reported by: %1</source>
        <translation>报告人：%1</translation>
    </message>
    <message>
        <source>What happened: %1</source>
        <translation>事件经过：%1</translation>
    </message>
    <message>
        <source>Information affected: %1</source>
        <translation>涉及的个人信息：%1</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Measures: %1</source>
        <translation>措施：%1</translation>
    </message>
    <message>
        <source>Possible harm: %1</source>
        <translation>可能的危害：%1</translation>
    </message>
    <message>
        <source>Advice to clients: %1</source>
        <translation>给客户的建议：%1</translation>
    </message>
    <message>
        <source>Timeline:</source>
        <translation>时间线：</translation>
    </message>
    <message>
        <source>Breach letters %1</source>
        <translation>告知书 %1</translation>
    </message>
    <message>
        <source>Save the letters into a folder</source>
        <translation>将告知书保存到文件夹</translation>
    </message>
    <message>
        <source>Letters saved</source>
        <translation>告知书已保存</translation>
    </message>
    <message>
        <source>%1 letter(s) saved in %2</source>
        <translation>已在 %2 保存 %1 份告知书</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New client</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Open the existing client</source>
        <translation>打开已有客户</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
</context>
<context>
    <name>IntegrityRunner</name>
    <message>
        <source>Database integrity check failed</source>
        <translation>数据库完整性检查失败</translation>
    </message>
    <message>
        <source>The app&apos;s integrity check found damage in the branch&apos;s data:
%1

Tell IT now. Keep working only if IT says so: IT restores the latest verified backup.</source>
        <translation>应用的完整性检查发现门店数据已损坏：
%1

请立即告知 IT。IT 同意后才继续工作：IT 将用最近一份已验证的备份恢复。</translation>
    </message>
</context>
<context>
    <name>IntegrityTab</name>
    <message>
        <source>Checking every page of the branch&apos;s data…</source>
        <translation>正在逐页检查门店数据…</translation>
    </message>
    <message>
        <source>Integrity check passed.</source>
        <translation>完整性检查通过。</translation>
    </message>
    <message>
        <source>Integrity check FAILED: %1. Tell IT now.</source>
        <translation>完整性检查失败：%1。请立即告知 IT。</translation>
    </message>
    <message>
        <source>after an unclean shutdown</source>
        <translation>非正常退出后</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>定时</translation>
    </message>
    <message>
        <source>on request</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>Reads every page of branch.db (and clients.db when you hold the client-data key), checks tables, indexes, foreign keys, the audit chain and the key slots. The app also runs it on a schedule and after an unclean shutdown.</source>
        <translation>逐页读取 branch.db（持有客户资料密钥时也读取 clients.db），检查表、索引、外键、审计哈希链和密钥槽。应用还会定时并在非正常退出后自动运行。</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Failed checks</source>
        <translation>未通过的检查</translation>
    </message>
</context>
<context>
    <name>KeyringPage</name>
    <message>
        <source>No secure keyring on this PC</source>
        <translation>这台电脑没有安全的密钥环</translation>
    </message>
    <message>
        <source>BranchVault normally binds the encrypted database to this PC with a secret kept in the system keyring, so a copied database file cannot be opened elsewhere even with a staff password. This PC has no usable keyring.

You can continue without it. The data is then protected by staff passwords only. Ask IT before you do this.</source>
        <translation>BranchVault 通常会用保存在系统密钥环中的设备密钥把加密数据库绑定到这台电脑，这样即使有人复制了数据库文件并知道员工密码，也无法在别的电脑上打开。这台电脑没有可用的密钥环。

您可以在没有密钥环的情况下继续，但数据将只由员工密码保护。请先征得 IT 同意。</translation>
    </message>
    <message>
        <source>the only keyring here stores secrets in plain text</source>
        <translation>本机唯一的密钥环以明文保存密码</translation>
    </message>
    <message>
        <source>no keyring service was found</source>
        <translation>未找到密钥环服务</translation>
    </message>
    <message>
        <source>the keyring service cannot be used here</source>
        <translation>密钥环服务在此无法使用</translation>
    </message>
    <message>
        <source>Keyring check: %1 (%2)</source>
        <translation>密钥环检测结果：%1（%2）</translation>
    </message>
    <message>
        <source>Continue without a keyring: data is protected by staff passwords only</source>
        <translation>不使用密钥环继续：数据仅由员工密码保护</translation>
    </message>
    <message>
        <source>&amp;Create branch</source>
        <translation>创建门店(&amp;C)</translation>
    </message>
</context>
<context>
    <name>LeafletChoice</name>
    <message>
        <source>Privacy tips leaflet</source>
        <translation>隐私提示单</translation>
    </message>
    <message>
        <source>The privacy tips leaflet is ready, and it is recorded that the client received it today. Print it, or save it as a PDF.</source>
        <translation>隐私提示单已生成，并已登记该客户今天领取。请打印，或另存为 PDF。</translation>
    </message>
    <message>
        <source>The privacy tips leaflet is ready. Print it, or save it as a PDF.</source>
        <translation>隐私提示单已生成。请打印，或另存为 PDF。</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
</context>
<context>
    <name>LeftBranchDialog</name>
    <message>
        <source>Nothing has been sent to headquarters from this branch yet.</source>
        <translation>本门店尚未向总部发送任何内容。</translation>
    </message>
    <message>
        <source>no receipt yet</source>
        <translation>尚无回执</translation>
    </message>
    <message>
        <source>Save the record as PDF</source>
        <translation>将记录保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the record as JSON</source>
        <translation>将记录保存为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>What left this branch</source>
        <translation>已发出本门店的内容</translation>
    </message>
    <message>
        <source>Every summary sent to headquarters, exactly as it left, with the SHA-256 of the body sent and headquarters&apos; signed receipt. Save one as JSON or PDF for an auditor.</source>
        <translation>发给总部的每一份汇总，按发出时的原样列出，附所发内容的 SHA-256 和总部签名的回执。可保存为 JSON 或 PDF 交审计人员查阅。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Content SHA-256</source>
        <translation>内容 SHA-256</translation>
    </message>
    <message>
        <source>Body SHA-256</source>
        <translation>报文 SHA-256</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Received by HQ</source>
        <translation>总部确认时间</translation>
    </message>
    <message>
        <source>Body SHA-256:</source>
        <translation>报文 SHA-256：</translation>
    </message>
    <message>
        <source>Received by HQ:</source>
        <translation>总部确认时间：</translation>
    </message>
    <message>
        <source>HQ sequence number:</source>
        <translation>总部序号：</translation>
    </message>
    <message>
        <source>HQ signature:</source>
        <translation>总部签名：</translation>
    </message>
    <message>
        <source>Save as &amp;JSON…</source>
        <translation>保存为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>保存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>LmsImportDialog</name>
    <message>
        <source>Learning platform results</source>
        <translation>学习平台成绩</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 条成绩。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checked (nothing written yet)</source>
        <translation>已检查（尚未写入）</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>%1 of %2 rows; %3 passed (pass mark %4); %5 not imported.</source>
        <translation>%2 行中 %1 行可导入；其中 %3 人通过（及格线 %4 分）；%5 行未导入。</translation>
    </message>
    <message>
        <source>Import learning platform results</source>
        <translation>导入学习平台成绩</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Username or name, score and date columns (xlsx, xls, csv).</source>
        <translation>需要“用户名”或“姓名”、“成绩”和“日期”列（xlsx、xls、csv）。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>BranchVault is locked</source>
        <translation>BranchVault 已锁定</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign in as a different user. %1 will be signed out.</source>
        <translation>以其他用户身份登录。%1 将被退出登录。</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>返回 %1</translation>
    </message>
    <message>
        <source>Locked to protect client data. %1, enter your password to continue.</source>
        <translation>为保护客户信息，程序已锁定。%1，请输入密码继续。</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Sign in as a &amp;different user</source>
        <translation>以其他用户身份登录(&amp;D)</translation>
    </message>
</context>
<context>
    <name>LogReviewOverdueBanner</name>
    <message numerus="yes">
        <source>The audit-log review is overdue by %n day(s).</source>
        <translation>
            <numerusform>审计日志定期审查已逾期 %n 天。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;log review</source>
        <translation>打开日志审查(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LogReviewTab</name>
    <message>
        <source>Log review</source>
        <translation>日志审查</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>审查期间：</translation>
    </message>
    <message>
        <source>Show &amp;summary</source>
        <translation>显示汇总(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;No findings</source>
        <translation>未发现问题(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>审查发现(&amp;F)：</translation>
    </message>
    <message>
        <source>Follow-&amp;up:</source>
        <translation>后续措施(&amp;U)：</translation>
    </message>
    <message>
        <source>No client personal data: do not enter clients&apos; names, phone or ID numbers.</source>
        <translation>请勿填写客户个人信息：不要写客户姓名、手机号或证件号码。</translation>
    </message>
    <message>
        <source>&amp;Verify the chain and sign off</source>
        <translation>校验审计链并签署(&amp;V)</translation>
    </message>
    <message>
        <source>Recorded reviews</source>
        <translation>已记录的审查</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Refusals</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Audit chain</source>
        <translation>审计链</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审查人</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Review recorded; the audit chain was verified first.</source>
        <translation>审查已记录；记录前已校验审计链。</translation>
    </message>
    <message>
        <source>No review recorded yet.</source>
        <translation>尚未记录任何审查。</translation>
    </message>
    <message>
        <source>Last review: %1 to %2.</source>
        <translation>上次审查：%1 至 %2。</translation>
    </message>
    <message>
        <source>Next review due by %1.</source>
        <translation>下次审查截止：%1。</translation>
    </message>
    <message numerus="yes">
        <source>The review is overdue by %n day(s).</source>
        <translation>
            <numerusform>审查已逾期 %n 天。</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded reviews were altered or deleted outside the app (%1): they do not count.</source>
        <translation>有审查记录在本软件之外被改动或删除（%1），不予计入。</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>ALTERED</source>
        <translation>已被改动</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>%1 entries (sequence %2 to %3); %4 refusals; %5 failed sign-ins.</source>
        <translation>共 %1 条记录（序号 %2 至 %3）；拒绝 %4 次；登录失败 %5 次。</translation>
    </message>
    <message>
        <source>Alerts raised: %1, still open: %2, acknowledged in the period: %3.</source>
        <translation>触发告警 %1 条，仍未确认 %2 条，期间内确认 %3 条。</translation>
    </message>
    <message>
        <source>Refusals by member: %1</source>
        <translation>各员工被拒绝次数：%1</translation>
    </message>
    <message>
        <source>Sign-ins outside %1:00–%2:00: %3</source>
        <translation>%1:00–%2:00 以外的登录：%3</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BranchVault — %1</source>
        <translation>BranchVault — %1</translation>
    </message>
    <message>
        <source>Demo profile</source>
        <translation>演示档案</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Requests and retention</source>
        <translation>客户请求与保存期限</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意书</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Privacy programme</source>
        <translation>隐私保护</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全运维</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Exports (%1)</source>
        <translation>导出（%1）</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>修改密码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Two-factor authentication…</source>
        <translation>双因素验证(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Client &amp;data</source>
        <translation>客户资料(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Confirm staff access…</source>
        <translation>确认员工权限(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About BranchVault</source>
        <translation>关于 BranchVault(&amp;A)</translation>
    </message>
    <message>
        <source>BranchVault %1
Encrypted client records for real-estate branch offices.

Branch: %2
Data folder: %3</source>
        <translation>BranchVault %1
房地产门店客户信息加密保管工具。

门店：%2
数据文件夹：%3</translation>
    </message>
    <message>
        <source>About BranchVault</source>
        <translation>关于 BranchVault</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>店长放行</translation>
    </message>
    <message>
        <source>A branch manager can allow more reveals by signing in here. You stay signed in.</source>
        <translation>店长可在此输入账号密码放行继续查看。您的登录状态不变。</translation>
    </message>
    <message>
        <source>Manager &amp;username:</source>
        <translation>店长用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Manager &amp;password:</source>
        <translation>店长密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>放行(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Map one column to the name and one to the phone number.</source>
        <translation>请至少把一列对应为“姓名”，一列对应为“电话号码”。</translation>
    </message>
</context>
<context>
    <name>MyTrainingTab</name>
    <message>
        <source>My training</source>
        <translation>我的培训</translation>
    </message>
    <message>
        <source>My privacy training</source>
        <translation>我的隐私保护培训</translation>
    </message>
    <message>
        <source>Read the modules, then take the quiz. Questions are drawn from every module.</source>
        <translation>请先阅读各单元，再参加测验。题目从每个单元中抽取。</translation>
    </message>
    <message>
        <source>&amp;Start quiz</source>
        <translation>开始测验(&amp;S)</translation>
    </message>
    <message>
        <source>Answer every question, then submit. A wrong answer shows the correct one and why.</source>
        <translation>请回答每一道题后提交。答错的题目会显示正确答案和解释。</translation>
    </message>
    <message>
        <source>S&amp;ubmit answers</source>
        <translation>提交答案(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Leave the quiz</source>
        <translation>退出测验(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Back to my training</source>
        <translation>返回我的培训(&amp;B)</translation>
    </message>
    <message>
        <source>Take the quiz &amp;again</source>
        <translation>再测一次(&amp;A)</translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation>%1：已完成。</translation>
    </message>
    <message>
        <source>Best score %1%.</source>
        <translation>最高得分 %1%。</translation>
    </message>
    <message>
        <source>You attended a classroom session.</source>
        <translation>您已参加课堂培训。</translation>
    </message>
    <message>
        <source>%1: due by %2 (days left: %3).</source>
        <translation>%1：请在 %2 前完成（剩余 %3 天）。</translation>
    </message>
    <message>
        <source>%1: overdue since %2. Take the quiz now.</source>
        <translation>%1：已于 %2 逾期，请立即参加测验。</translation>
    </message>
    <message>
        <source>Client data stays closed to you until you pass.</source>
        <translation>通过测验之前，您无法使用客户数据。</translation>
    </message>
    <message>
        <source>Attempts this quarter: %1.</source>
        <translation>本季度已测验 %1 次。</translation>
    </message>
    <message>
        <source>Submit answers</source>
        <translation>提交答案</translation>
    </message>
    <message>
        <source>%1 question(s) have no answer and will be marked wrong. Submit anyway?</source>
        <translation>有 %1 道题未作答，将按答错计分。仍要提交吗？</translation>
    </message>
    <message>
        <source>Leave the quiz</source>
        <translation>退出测验</translation>
    </message>
    <message>
        <source>Leave the quiz? Your answers will not be recorded.</source>
        <translation>要退出测验吗？您的答案不会被记录。</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <source>Named in the privacy notice</source>
        <translation>隐私告知书载明的信息</translation>
    </message>
    <message>
        <source>Every consent form and privacy notice names these. All four are required.</source>
        <translation>每份同意书和隐私告知书都会载明以下信息，四项均为必填。</translation>
    </message>
    <message>
        <source>The law on personal information (PIPL Art. 17 and 23) requires the notice clients sign to name the company that handles their data and the headquarters that receives it, each with a contact for privacy requests. No consent form can be printed without them; IT can change them later.</source>
        <translation>《个人信息保护法》第十七条、第二十三条要求客户签署的告知书载明处理其个人信息的公司和接收这些信息的总部，以及各自受理个人信息请求的联系方式。缺少这些信息将无法打印同意书；IT 以后可以修改。</translation>
    </message>
    <message>
        <source>Company na&amp;me:</source>
        <translation>公司名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Company privacy &amp;contact:</source>
        <translation>公司个人信息保护联系方式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Headquarters name:</source>
        <translation>总部名称(&amp;H)：</translation>
    </message>
    <message>
        <source>Headquarters privacy c&amp;ontact:</source>
        <translation>总部个人信息保护联系方式(&amp;O)：</translation>
    </message>
    <message>
        <source>the company that runs this branch</source>
        <translation>经营本门店的公司</translation>
    </message>
    <message>
        <source>phone or e-mail for privacy requests</source>
        <translation>用于受理个人信息请求的电话或邮箱</translation>
    </message>
    <message>
        <source>the headquarters that receives client data</source>
        <translation>接收客户信息的总部</translation>
    </message>
    <message>
        <source>phone or e-mail of headquarters&apos; privacy contact</source>
        <translation>总部受理个人信息请求的电话或邮箱</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Published by</source>
        <translation>发布人</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>内容哈希</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bundled with the app</source>
        <translation>程序附带</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>现行版本</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Privacy notices</source>
        <translation>隐私告知书</translation>
    </message>
    <message>
        <source>Each published version of the privacy notice is kept unchanged; the newest is the one in force and is printed on consent forms. The text below is shown with this branch&apos;s details.</source>
        <translation>隐私告知书的每个已发布版本都保持不变；最新的版本为现行版本，并打印在同意书上。下方文本已填入本门店的信息。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Publish new version…</source>
        <translation>发布新版本(&amp;P)…</translation>
    </message>
    <message>
        <source>Print &amp;blank consent form…</source>
        <translation>打印空白同意书(&amp;B)…</translation>
    </message>
    <message>
        <source>For clients who fill in the form by hand before intake: no client data is printed.</source>
        <translation>供客户在登记前手工填写：不打印任何客户信息。</translation>
    </message>
    <message>
        <source>Choose the privacy notice file from the company</source>
        <translation>选择公司提供的隐私告知书文件</translation>
    </message>
    <message>
        <source>Notice files (*.toml)</source>
        <translation>告知书文件 (*.toml)</translation>
    </message>
    <message>
        <source>Publish version %1 (effective from %2) to replace version %3?</source>
        <translation>发布版本 %1（%2 起生效）以取代版本 %3？</translation>
    </message>
    <message>
        <source>A published version can never be changed or withdrawn.</source>
        <translation>已发布的版本永远不能修改或撤回。</translation>
    </message>
    <message>
        <source>Publish privacy notice</source>
        <translation>发布隐私告知书</translation>
    </message>
    <message>
        <source>Purposes changed: %1</source>
        <translation>处理目的有变更：%1</translation>
    </message>
    <message>
        <source>Purposes added: %1</source>
        <translation>新增处理目的：%1</translation>
    </message>
    <message>
        <source>Purposes removed: %1</source>
        <translation>删除处理目的：%1</translation>
    </message>
    <message>
        <source>Recipients changed: %1</source>
        <translation>接收方有变更：%1</translation>
    </message>
    <message>
        <source>The processing methods changed.</source>
        <translation>处理方式有变更。</translation>
    </message>
    <message>
        <source>The categories of personal information changed.</source>
        <translation>个人信息种类有变更。</translation>
    </message>
    <message>
        <source>No purpose, recipient, method or category changes: only the wording.</source>
        <translation>处理目的、接收方、处理方式和个人信息种类均无变更，仅文字调整。</translation>
    </message>
    <message>
        <source>Clients who consented under an older version must consent again to: %1</source>
        <translation>按旧版本给予同意的客户须重新同意：%1</translation>
    </message>
    <message>
        <source>No client needs to consent again.</source>
        <translation>无需客户重新同意。</translation>
    </message>
    <message>
        <source>Version %1 is published and now in force.</source>
        <translation>版本 %1 已发布，现已生效。</translation>
    </message>
</context>
<context>
    <name>NotificationDialog</name>
    <message>
        <source>Log a notification for %1</source>
        <translation>登记事件 %1 的告知</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>客户(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>方式(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>登记(&amp;L)</translation>
    </message>
</context>
<context>
    <name>OpenAlertsBanner</name>
    <message numerus="yes">
        <source>%n anomaly alert(s) await acknowledgement.</source>
        <translation>
            <numerusform>%n 条异常告警待确认。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;Alerts</source>
        <translation>打开异常告警(&amp;A)</translation>
    </message>
</context>
<context>
    <name>OutputFiles</name>
    <message>
        <source>Cannot save here</source>
        <translation>不能保存到这里</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
</context>
<context>
    <name>PasswordFeedback</name>
    <message numerus="yes">
        <source>At least %n characters, mixing upper- and lower-case letters, digits and symbols.</source>
        <translation>
            <numerusform>至少 %n 个字符，混合使用大写字母、小写字母、数字和符号。</numerusform>
        </translation>
    </message>
    <message>
        <source>The password meets the rules.</source>
        <translation>密码符合要求。</translation>
    </message>
    <message>
        <source>Both entries match.</source>
        <translation>两次输入一致。</translation>
    </message>
    <message>
        <source>The two entries do not match.</source>
        <translation>两次输入不一致。</translation>
    </message>
</context>
<context>
    <name>PayloadView</name>
    <message>
        <source>Content SHA-256:</source>
        <translation>内容 SHA-256：</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计数字</translation>
    </message>
    <message>
        <source>Privacy programme</source>
        <translation>隐私保护指标</translation>
    </message>
    <message>
        <source>Client rows</source>
        <translation>逐客户明细</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>抬头信息</translation>
    </message>
    <message>
        <source>Payload (JSON)</source>
        <translation>报文（JSON）</translation>
    </message>
    <message>
        <source>Period (Beijing dates):</source>
        <translation>期间（北京时间日期）：</translation>
    </message>
    <message>
        <source>Branch code:</source>
        <translation>门店代码：</translation>
    </message>
    <message>
        <source>Submission ID:</source>
        <translation>提交编号：</translation>
    </message>
    <message>
        <source>Prepared at:</source>
        <translation>准备时间：</translation>
    </message>
    <message>
        <source>Prepared by:</source>
        <translation>准备人：</translation>
    </message>
    <message>
        <source>Approved by:</source>
        <translation>批准人：</translation>
    </message>
    <message>
        <source>Audit log head:</source>
        <translation>审计日志末条：</translation>
    </message>
    <message>
        <source>Schema and software:</source>
        <translation>格式与软件版本：</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1，于 %2</translation>
    </message>
    <message>
        <source>not yet approved</source>
        <translation>尚未批准</translation>
    </message>
    <message>
        <source>entry %1, hash %2</source>
        <translation>第 %1 条，哈希 %2</translation>
    </message>
    <message>
        <source>Every figure below is sent exactly as shown. Counts below %1 are replaced by “%2” (shaded orange); “%3” (shaded violet) hides a further count so that a small count cannot be worked out from the totals. Suppressed cells in this summary: %4.</source>
        <translation>以下每个数字都将按所示原样发送。小于 %1 的数字以“%2”代替（橙色底）；“%3”（紫色底）另外隐藏一个数字，使较小的数字无法从合计中推算出来。本汇总中被隐藏的格子：%4 个。</translation>
    </message>
    <message>
        <source>Suppressed: fewer than %1</source>
        <translation>已隐藏：少于 %1</translation>
    </message>
    <message>
        <source>Suppressed so that a small count cannot be worked out from the totals</source>
        <translation>已隐藏，以免从合计中推算出较小的数字</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>No per-client rows are sent: this branch sends figures only (the default).</source>
        <translation>不发送逐客户明细：本门店只发送统计数字（默认设置）。</translation>
    </message>
    <message numerus="yes">
        <source>%n masked client row(s) are sent, only for clients whose consent covers providing information to headquarters. Legal basis: %1 (%2).</source>
        <translation>
            <numerusform>发送 %n 行已遮蔽的客户明细，仅限同意向总部提供个人信息的客户。法律依据：%1（%2）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Valid until %1.</source>
        <translation>有效期至 %1。</translation>
    </message>
</context>
<context>
    <name>PdfPrinting</name>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
</context>
<context>
    <name>PendingMembersBanner</name>
    <message numerus="yes">
        <source>%n staff member(s) are waiting for you to confirm their access to client data.</source>
        <translation>
            <numerusform>有 %n 名员工正在等待您确认其查看客户资料的权限。</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm &amp;access…</source>
        <translation>确认权限(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>PrepareSummaryDialog</name>
    <message>
        <source>Prepare a summary for headquarters</source>
        <translation>准备发给总部的汇总</translation>
    </message>
    <message>
        <source>The summary holds counts for the period (small counts suppressed) and, only if this branch has switched them on, masked client rows. It is frozen when prepared; nothing leaves the branch until a manager other than you has reviewed and approved it.</source>
        <translation>汇总包含该期间的统计数字（较小的数字会被隐藏），仅在本门店开启时才附带已遮蔽的客户明细。汇总准备后即固定不变；在您以外的店长审阅并批准之前，不会有任何内容发出本门店。</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>The last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last calendar month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>This month so far</source>
        <translation>本月至今</translation>
    </message>
    <message>
        <source>Other dates</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <source>&amp;From (Beijing date):</source>
        <translation>开始日期（北京时间）(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To (Beijing date, included):</source>
        <translation>结束日期（北京时间，含当天）(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Prepare</source>
        <translation>准备(&amp;P)</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The period cannot end after today.</source>
        <translation>期间不能晚于今天结束。</translation>
    </message>
</context>
<context>
    <name>ProgrammeBlockView</name>
    <message>
        <source>Training coverage</source>
        <translation>培训覆盖率</translation>
    </message>
    <message>
        <source>Quiz passed at the first attempt</source>
        <translation>测验一次通过率</translation>
    </message>
    <message>
        <source>Client satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Compliance review items passed</source>
        <translation>合规自查通过率</translation>
    </message>
    <message>
        <source>Clients reached by privacy education</source>
        <translation>隐私教育覆盖率</translation>
    </message>
    <message>
        <source>Breach reduction (this year / baseline year)</source>
        <translation>泄露事件降幅（本年 / 基准年）</translation>
    </message>
    <message>
        <source>Latest finished review</source>
        <translation>最近完成的自查</translation>
    </message>
    <message>
        <source>Breach baseline year</source>
        <translation>泄露事件基准年</translation>
    </message>
    <message>
        <source>Education campaigns this year</source>
        <translation>本年隐私教育活动</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未结事件</translation>
    </message>
    <message>
        <source>Overdue rectifications</source>
        <translation>逾期整改</translation>
    </message>
    <message>
        <source>Counts sent</source>
        <translation>发送的计数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Count sent</source>
        <translation>发送的计数</translation>
    </message>
    <message>
        <source>No privacy programme figures are sent with this summary (only a summary a manager prepares carries them).</source>
        <translation>本汇总不附带隐私保护指标（只有店长编制的汇总才附带）。</translation>
    </message>
    <message>
        <source>Privacy programme figures for %1 (the quarter so far), counts only: headquarters adds them up across branches. No staff member or client is named.</source>
        <translation>%1 的隐私保护指标（本季度至今），只有计数：总部将各门店的计数相加。不含任何员工或客户的姓名。</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Question %1</source>
        <translation>第 %1 题</translation>
    </message>
    <message>
        <source>Multiple choice: tick every correct answer.</source>
        <translation>多选题：请选出所有正确答案。</translation>
    </message>
    <message>
        <source>Single choice: pick one answer.</source>
        <translation>单选题：请选择一个答案。</translation>
    </message>
</context>
<context>
    <name>QuizResultView</name>
    <message>
        <source>Score: %1 of %2 correct (%3%)</source>
        <translation>得分：%2 题答对 %1 题（%3%）</translation>
    </message>
    <message>
        <source>Passed. This quarter&apos;s privacy training is done.</source>
        <translation>已通过。本季度隐私保护培训已完成。</translation>
    </message>
    <message>
        <source>Not passed. Read the explanations and the modules again, then take the quiz again.</source>
        <translation>未通过。请阅读解释并重新学习各单元，然后再测一次。</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（未作答）</translation>
    </message>
    <message>
        <source>Every answer is correct.</source>
        <translation>全部答对。</translation>
    </message>
    <message>
        <source>Answers to review</source>
        <translation>需要复习的题目</translation>
    </message>
    <message>
        <source>Your answer:</source>
        <translation>您的答案：</translation>
    </message>
    <message>
        <source>Correct answer:</source>
        <translation>正确答案：</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>解释：</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>第 %1 题</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Reassign client</source>
        <translation>重新分配客户</translation>
    </message>
    <message>
        <source>Choose the agent or manager who will look after this client from now on.</source>
        <translation>请选择今后负责该客户的经纪人或店长。</translation>
    </message>
    <message>
        <source>&amp;Assign to:</source>
        <translation>分配给(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Reassign</source>
        <translation>重新分配(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RecordConsentDialog</name>
    <message>
        <source>Record signed consent form</source>
        <translation>录入已签署的同意书</translation>
    </message>
    <message>
        <source>Enter exactly what the client ticked and signed on the paper form. A purpose not ticked is recorded as refused; one given before and not ticked now is withdrawn.</source>
        <translation>请按纸质同意书上客户实际勾选和签署的内容录入。未勾选的项目记为不同意；此前已同意而本次未勾选的项目将被撤回。</translation>
    </message>
    <message>
        <source>&amp;Form number:</source>
        <translation>同意书编号(&amp;F)：</translation>
    </message>
    <message>
        <source>Client ticked:</source>
        <translation>客户勾选：</translation>
    </message>
    <message>
        <source>&amp;Date signed:</source>
        <translation>签署日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Guardian&apos;s &amp;name *:</source>
        <translation>监护人姓名(&amp;N) *：</translation>
    </message>
    <message>
        <source>Guardian&apos;s &amp;name:</source>
        <translation>监护人姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;lation *:</source>
        <translation>与客户关系(&amp;L) *：</translation>
    </message>
    <message>
        <source>Re&amp;lation:</source>
        <translation>与客户关系(&amp;L)：</translation>
    </message>
    <message>
        <source>Scan or photo:</source>
        <translation>扫描件或照片：</translation>
    </message>
    <message>
        <source>Signed by a &amp;guardian (the client is under 14)</source>
        <translation>由监护人签署（客户未满14周岁）(&amp;G)</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>None (optional; JPEG, PNG or PDF, up to %1 MB)</source>
        <translation>无（可选；JPEG、PNG 或 PDF，最大 %1 MB）</translation>
    </message>
    <message>
        <source>%1 (%2 KB)</source>
        <translation>%1（大小 %2 KB）</translation>
    </message>
    <message>
        <source>Scan of the signed form</source>
        <translation>已签署同意书的扫描件</translation>
    </message>
    <message>
        <source>Scans (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>扫描件 (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
</context>
<context>
    <name>RecordReportDialog</name>
    <message>
        <source>Record a report for %1</source>
        <translation>记录事件 %1 的报告</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>报告(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Made at:</source>
        <translation>报告时间(&amp;M)：</translation>
    </message>
    <message>
        <source>Internal report (to headquarters)</source>
        <translation>内部报告（报总部）</translation>
    </message>
    <message>
        <source>Report to the regulator</source>
        <translation>向监管部门报告</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePanel</name>
    <message>
        <source>This is the client-data recovery code. It gives a branch manager back access to client data when no other manager can confirm them. It is shown only this once: write it down or save it as a PDF and print it, then lock it in the branch safe. Never give it to IT.</source>
        <translation>这是客户资料恢复码。当没有其他店长可以确认时，店长可凭它恢复查看客户资料的权限。它只显示这一次：请抄写下来，或另存为 PDF 后打印，然后锁入门店保险柜。切勿交给 IT。</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>I have written down the code or locked it away</source>
        <translation>我已抄写下恢复码或已将其锁好保管</translation>
    </message>
    <message>
        <source>Saved: %1. Print it, lock the paper away and delete the file.</source>
        <translation>已保存：%1。请打印出来锁好，然后删除该文件。</translation>
    </message>
</context>
<context>
    <name>RegisterRequestDialog</name>
    <message>
        <source>Register a client request</source>
        <translation>登记客户请求</translation>
    </message>
    <message>
        <source>&amp;Find the client:</source>
        <translation>查找客户(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>请求类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Received o&amp;n:</source>
        <translation>收到日期(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>请求说明(&amp;D)：</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>身份核验：</translation>
    </message>
    <message>
        <source>Name, pinyin or last 4 digits of the phone</source>
        <translation>姓名、拼音或电话后四位</translation>
    </message>
    <message>
        <source>optional: what the client asked for (at most %1 characters)</source>
        <translation>选填：客户提出了什么请求（最多 %1 个字符）</translation>
    </message>
    <message>
        <source>The requester&apos;s &amp;identity is verified</source>
        <translation>已核验请求人身份(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RejectExportDialog</name>
    <message>
        <source>Reject the summary</source>
        <translation>驳回汇总</translation>
    </message>
    <message>
        <source>A rejected summary is never sent. The reason is kept with it and in the audit log; the preparer can prepare a new one.</source>
        <translation>被驳回的汇总永远不会发送。驳回原因会与汇总一起保存，并记入审计日志；准备人可以重新准备一份。</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ReportIncidentDialog</name>
    <message>
        <source>Report an incident</source>
        <translation>报告安全事件</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Occurred at:</source>
        <translation>发生时间(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Discovered at:</source>
        <translation>发现时间(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>事件经过(&amp;W)：</translation>
    </message>
    <message>
        <source>e.g. the work phone was left in a taxi; it has a screen lock and is encrypted</source>
        <translation>例如：工作手机遗落在出租车上，手机有锁屏密码并已加密</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>(data destroyed)</source>
        <translation>（资料已销毁）</translation>
    </message>
    <message>
        <source>(storage only)</source>
        <translation>（仅作保存）</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1（已逾期）</translation>
    </message>
    <message>
        <source>%1 (provisional)</source>
        <translation>%1（暂定）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Request No.</source>
        <translation>请求编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Identity verified</source>
        <translation>身份已核验</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>RequestTextDialog</name>
    <message>
        <source>Refuse request %1</source>
        <translation>拒绝请求 %1</translation>
    </message>
    <message>
        <source>Write the reason for refusing. It is shown on the request, told to the client and kept in the audit log, so do not enter phone or ID numbers.</source>
        <translation>请写明拒绝理由。理由会显示在请求上、告知客户并记入审计日志，请勿填写电话号码或证件号码。</translation>
    </message>
    <message>
        <source>&amp;Refuse request</source>
        <translation>拒绝请求(&amp;R)</translation>
    </message>
    <message>
        <source>Answer request %1</source>
        <translation>答复请求 %1</translation>
    </message>
    <message>
        <source>Write the explanation given to the client (at most %1 characters; no phone or ID numbers).</source>
        <translation>请填写向客户作出的解释说明（最多 %1 个字符；请勿填写电话号码或证件号码）。</translation>
    </message>
    <message>
        <source>&amp;Complete request</source>
        <translation>办结请求(&amp;C)</translation>
    </message>
</context>
<context>
    <name>RequestsArea</name>
    <message>
        <source>Client requests</source>
        <translation>个人信息请求</translation>
    </message>
    <message>
        <source>Due for destruction</source>
        <translation>待销毁（保存期满）</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Client requests</source>
        <translation>客户请求</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>处理中的请求</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部请求</translation>
    </message>
    <message>
        <source>&amp;Register request…</source>
        <translation>登记请求(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Verify identity</source>
        <translation>核验身份(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Complete…</source>
        <translation>办结(&amp;C)…</translation>
    </message>
    <message>
        <source>Re&amp;fuse…</source>
        <translation>拒绝(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Save certificate…</source>
        <translation>保存销毁证明(&amp;S)…</translation>
    </message>
    <message>
        <source>Selected request:</source>
        <translation>所选请求：</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>请求说明：%1</translation>
    </message>
    <message>
        <source>Reason for refusing: %1</source>
        <translation>拒绝理由：%1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>处理结果：%1</translation>
    </message>
    <message>
        <source>Confirm that the requester&apos;s identity was checked for request %1. The reply is due 30 days from today.</source>
        <translation>确认已核验请求 %1 的请求人身份？答复期限为自今天起 30 日内。</translation>
    </message>
    <message>
        <source>Verify identity</source>
        <translation>核验身份</translation>
    </message>
    <message>
        <source>Answer request %1: the client&apos;s data is destroyed now and cannot be recovered; a buyer under the anti-money-laundering hold is kept in storage only until the hold ends. Continue?</source>
        <translation>办理请求 %1：客户资料将立即销毁且无法恢复；处于反洗钱保存期内的购房客户资料将仅作保存，直至保存期届满。是否继续？</translation>
    </message>
    <message>
        <source>Delete client data</source>
        <translation>删除客户资料</translation>
    </message>
    <message>
        <source>Save the certificate of destruction</source>
        <translation>保存销毁证明</translation>
    </message>
    <message>
        <source>Certificate saved: %1</source>
        <translation>销毁证明已保存：%1</translation>
    </message>
    <message>
        <source>Save the client&apos;s copy (PDF and JSON)</source>
        <translation>保存客户的个人信息副本（PDF 和 JSON）</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Copy saved</source>
        <translation>副本已保存</translation>
    </message>
    <message>
        <source>The client&apos;s copy was saved as %1 and %2. It is not masked: hand it to the client and then delete it from this computer.</source>
        <translation>客户副本已保存为 %1 和 %2。副本未经遮蔽：交给客户后请从本电脑删除。</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import cancelled: no client was imported.</source>
        <translation>导入已取消：未导入任何客户。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <source>Merged into existing clients: %1</source>
        <translation>已合并到现有客户：%1</translation>
    </message>
    <message>
        <source>Duplicates skipped: %1 (repeated in the file: %2)</source>
        <translation>已跳过的重复：%1（文件内重复：%2）</translation>
    </message>
    <message>
        <source>Duplicates of clients you may not see (ask the manager): %1</source>
        <translation>与您无权查看的客户重复（请联系店长）：%1</translation>
    </message>
    <message>
        <source>Rejected rows: %1</source>
        <translation>未导入（有错误）的行：%1</translation>
    </message>
    <message>
        <source>Sensitive fields not imported: %1</source>
        <translation>未保存的敏感字段：%1</translation>
    </message>
    <message>
        <source>Rejected rows (fix them in the file and import them again):</source>
        <translation>未导入的行（请在文件中修改后重新导入）：</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Export rejects…</source>
        <translation>导出未导入的行(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <source>The export holds clients&apos; personal data: save it only where it is protected, and delete it when done.</source>
        <translation>导出文件含客户个人信息：请只保存在受保护的位置，用完后删除。</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>导出未导入的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV files (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Choose a file name ending in .xlsx or .csv.</source>
        <translation>请选择以 .xlsx 或 .csv 结尾的文件名。</translation>
    </message>
    <message>
        <source>Choose another file: the source file must not be overwritten.</source>
        <translation>请另选文件：不能覆盖源文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected row(s) exported.</source>
        <translation>
            <numerusform>已导出 %n 行未导入的记录。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionQueueModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最后活动</translation>
    </message>
    <message>
        <source>Due since</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Storage only: legal hold ended</source>
        <translation>仅保存：法定保存期已届满</translation>
    </message>
    <message>
        <source>Retention period ended</source>
        <translation>保存期限届满</translation>
    </message>
</context>
<context>
    <name>RetentionQueuePage</name>
    <message>
        <source>Due for destruction</source>
        <translation>待销毁</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save certificate…</source>
        <translation>保存销毁证明(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Stop after this client</source>
        <translation>处理完当前客户后停止(&amp;S)</translation>
    </message>
    <message>
        <source>No client records are due for destruction. A record becomes due when its stage&apos;s retention period has passed without contact or change, or, for a record kept in storage only, when its legal hold ends.</source>
        <translation>目前没有到期待销毁的客户记录。客户在其阶段的保存期限内没有联系或修改即到期；仅作保存的记录在法定保存期届满时到期。</translation>
    </message>
    <message>
        <source>%1: %2 months without contact</source>
        <translation>%1 %2 个月未联系</translation>
    </message>
    <message>
        <source>Rules in force: %1. Buyers are kept at least 10 years after the purchase (anti-money-laundering rules).</source>
        <translation>现行规则：%1。买方资料在成交后至少保存 10 年（反洗钱规定）。</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) due for destruction.</source>
        <translation>
            <numerusform>%n 位客户到期待销毁。</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the %1 due longest are shown; approve them to see the rest.</source>
        <translation>仅显示到期最久的 %1 位；批准后可看到其余客户。</translation>
    </message>
    <message numerus="yes">
        <source>Approve destruction of %n client(s)…</source>
        <translation>
            <numerusform>批准销毁 %n 位客户…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Destroy the personal information of %n client(s) now? Their records, follow-ups and search entries are erased for good: this cannot be undone. One certificate of destruction is produced for the batch.</source>
        <translation>
            <numerusform>现在销毁 %n 位客户的个人信息吗？其客户记录、跟进记录和搜索索引将被彻底删除，无法撤销。本批次将生成一份销毁证明。</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve destruction</source>
        <translation>批准销毁</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) destroyed (batch %1).</source>
        <translation>
            <numerusform>已销毁 %n 位客户（批次 %1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the certificate of destruction</source>
        <translation>保存销毁证明</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Certificate saved: %1</source>
        <translation>销毁证明已保存：%1</translation>
    </message>
</context>
<context>
    <name>RevealPasswordDialog</name>
    <message>
        <source>Confirm your password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>You last entered your password more than %1 minutes ago. Enter it again before revealing personal data.</source>
        <translation>您上次输入密码已超过 %1 分钟。查看完整个人信息前请再次输入密码。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
</context>
<context>
    <name>RevealReasonDialog</name>
    <message>
        <source>Reason for revealing</source>
        <translation>查看原因</translation>
    </message>
    <message>
        <source>Why do you need to see the full %1?</source>
        <translation>为什么需要查看完整的%1？</translation>
    </message>
    <message>
        <source>Say why (required for Other)</source>
        <translation>请说明原因（选择“其他”时必填）</translation>
    </message>
    <message>
        <source>The reason is kept in the audit log. Do not type phone or ID numbers.</source>
        <translation>查看原因将记入审计日志。请勿填写电话号码或证件号码。</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>查看(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RevealRow</name>
    <message>
        <source>Reveal</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Show the full value for a short time (asks why; audited)</source>
        <translation>短暂显示完整内容（需说明原因，并记入审计日志）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy; the clipboard is cleared again shortly</source>
        <translation>复制；剪贴板稍后会自动清除</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Compliance review</source>
        <translation>合规自查</translation>
    </message>
    <message>
        <source>Compliance self-review</source>
        <translation>合规自查</translation>
    </message>
    <message>
        <source>Every six months a manager or an auditor goes through the checklist. Items marked “app” are evaluated by BranchVault from its own records; answer the others after checking on site. Each failure needs a rectification with an owner and a due date.</source>
        <translation>店长或审计员每六个月按清单自查一次。标有“程序”的检查项由 BranchVault 根据自身记录评估；其余检查项请现场核查后作答。每个不符合项都需要指定整改负责人和期限。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start review</source>
        <translation>开始自查(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Evaluate again</source>
        <translation>重新评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Verify audit chain and evaluate</source>
        <translation>校验审计链并评估(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Finish review</source>
        <translation>完成自查(&amp;F)</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Do not enter client names, ID numbers or other personal details here</source>
        <translation>请勿填写客户姓名、证件号码等个人信息</translation>
    </message>
    <message>
        <source>What was done (closing note)</source>
        <translation>整改完成情况（关闭说明）</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>期限：</translation>
    </message>
    <message>
        <source>Save &amp;answer</source>
        <translation>保存回答(&amp;A)</translation>
    </message>
    <message>
        <source>Rectifications (overdue in red)</source>
        <translation>整改项（逾期以红色显示）</translation>
    </message>
    <message>
        <source>&amp;Close rectification</source>
        <translation>关闭整改项(&amp;C)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Period / item</source>
        <translation>期间 / 检查项</translation>
    </message>
    <message>
        <source>What</source>
        <translation>整改内容</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Next review due by %1</source>
        <translation>下次自查应于 %1 前完成</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>No review yet: start one.</source>
        <translation>还没有自查记录：请开始一次自查。</translation>
    </message>
    <message>
        <source>Review %1 (%2), score %3, unanswered %4</source>
        <translation>自查 %1（%2），得分 %3，未作答 %4</translation>
    </message>
    <message>
        <source>app</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>planned (review not finished)</source>
        <translation>计划中（自查未完成）</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Legal basis: %1</source>
        <translation>法律依据：%1</translation>
    </message>
    <message>
        <source>Evidence asked for: %1</source>
        <translation>所需证据：%1</translation>
    </message>
    <message>
        <source>Evaluated by the app (read-only): %1</source>
        <translation>程序评估（只读）：%1</translation>
    </message>
    <message>
        <source>Review started.</source>
        <translation>已开始自查。</translation>
    </message>
    <message>
        <source>The app&apos;s items were evaluated again.</source>
        <translation>已重新评估程序检查项。</translation>
    </message>
    <message>
        <source>Choose pass, fail or not applicable.</source>
        <translation>请选择符合、不符合或不适用。</translation>
    </message>
    <message>
        <source>Answer saved.</source>
        <translation>已保存回答。</translation>
    </message>
    <message>
        <source>Review finished: it can no longer change.</source>
        <translation>自查已完成，不能再修改。</translation>
    </message>
    <message>
        <source>Choose a rectification first.</source>
        <translation>请先选择一个整改项。</translation>
    </message>
    <message>
        <source>Rectification closed.</source>
        <translation>整改项已关闭。</translation>
    </message>
    <message>
        <source>Save the review report</source>
        <translation>保存自查报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>报告已保存：%1</translation>
    </message>
</context>
<context>
    <name>SatisfactionTab</name>
    <message>
        <source>Client satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Paper survey forms</source>
        <translation>纸质问卷录入</translation>
    </message>
    <message>
        <source>For each paper form a client handed back, choose the day it was filled in and click the rating the client ticked for how we handled their personal information. Responses are anonymous: nothing about the client is recorded.</source>
        <translation>客户交回的每一份纸质问卷：选择填写日期，再点击客户对“我们处理其个人信息的方式”勾选的评价。问卷为匿名：不记录客户的任何信息。</translation>
    </message>
    <message>
        <source>&amp;Day filled in:</source>
        <translation>填写日期(&amp;D)：</translation>
    </message>
    <message>
        <source>5 Very satisfied</source>
        <translation>5 非常满意</translation>
    </message>
    <message>
        <source>4 Satisfied</source>
        <translation>4 满意</translation>
    </message>
    <message>
        <source>3 Neutral</source>
        <translation>3 一般</translation>
    </message>
    <message>
        <source>2 Dissatisfied</source>
        <translation>2 不满意</translation>
    </message>
    <message>
        <source>1 Very dissatisfied</source>
        <translation>1 非常不满意</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Recorded a rating of %1 for %2. Forms entered here this session: %3.</source>
        <translation>已记录 %2 的评价 %1 分。本次登录已在此录入 %3 份问卷。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1: no responses yet.</source>
        <translation>%1：尚无答卷。</translation>
    </message>
    <message>
        <source>%1: %2 responses, %3 satisfied or very satisfied (%4%).</source>
        <translation>%1：共 %2 份答卷，满意及非常满意 %3 份（%4%）。</translation>
    </message>
    <message>
        <source>By rating:</source>
        <translation>各评分份数：</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Daily preparation</source>
        <translation>每日自动准备</translation>
    </message>
    <message>
        <source>Every day at this time (Beijing time) the app prepares the previous day&apos;s summary in the background, while an agent or manager is signed in. It is never approved automatically: a manager reviews and approves it like any other.</source>
        <translation>每天到了这个时间（北京时间），只要有置业顾问或店长登录，程序就会在后台准备前一天的汇总。汇总绝不会自动批准：店长要像审批其他汇总一样审阅并批准。</translation>
    </message>
    <message>
        <source>&amp;Prepare yesterday&apos;s summary every day at</source>
        <translation>每天在此时间准备前一天的汇总(&amp;P)</translation>
    </message>
</context>
<context>
    <name>SecondFactorDialog</name>
    <message>
        <source>Two-factor authentication</source>
        <translation>双因素验证</translation>
    </message>
    <message>
        <source>This branch requires you to sign in with a code from an authenticator app as well as your password. Set it up now to continue.</source>
        <translation>本门店要求您登录时除密码外还要输入身份验证器应用中的动态码。请现在设置，然后继续。</translation>
    </message>
    <message>
        <source>Sign in with your password and a code from an authenticator app. Setting up a new authenticator replaces the old one and its recovery codes.</source>
        <translation>登录时输入密码和身份验证器应用中的动态码。重新设置身份验证器会替换旧的身份验证器及其恢复码。</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>&amp;Code shown by the app:</source>
        <translation>应用显示的动态码(&amp;C)：</translation>
    </message>
    <message>
        <source>Your recovery codes. Each one signs you in once instead of a code, if your phone is lost. They are shown only now: write them down and keep them safe.</source>
        <translation>您的恢复码。手机丢失时，每个恢复码可代替动态码登录一次。恢复码只显示这一次：请抄写下来并妥善保管。</translation>
    </message>
    <message>
        <source>I have &amp;written them down</source>
        <translation>我已抄写好(&amp;W)</translation>
    </message>
    <message>
        <source>Set up on %1; %2 recovery codes left. Scan this to replace it:</source>
        <translation>已于 %1 设置，剩余 %2 个恢复码。扫描下面的二维码以替换：</translation>
    </message>
    <message>
        <source>Scan this QR code with your authenticator app, or type the secret:</source>
        <translation>用身份验证器应用扫描此二维码，或手动输入密钥：</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on.</source>
        <translation>双因素验证已启用。</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Record a classroom session</source>
        <translation>记录课堂培训</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Trainer:</source>
        <translation>讲师：</translation>
    </message>
    <message>
        <source>Attendees:</source>
        <translation>参加人员：</translation>
    </message>
    <message>
        <source>Do not enter client names, ID numbers or other personal details here.</source>
        <translation>请勿填写客户姓名、证件号码等个人信息。</translation>
    </message>
</context>
<context>
    <name>SessionStatusBar</name>
    <message>
        <source>Signed in as %1</source>
        <translation>当前登录：%1</translation>
    </message>
    <message>
        <source>Branch %1</source>
        <translation>门店 %1</translation>
    </message>
    <message>
        <source>Keyring: in use</source>
        <translation>密钥环：已启用</translation>
    </message>
    <message>
        <source>The database is bound to this PC by a secret in the system keyring.</source>
        <translation>数据库已通过系统密钥环中的设备密钥绑定到这台电脑。</translation>
    </message>
    <message>
        <source>Keyring: not used</source>
        <translation>密钥环：未使用</translation>
    </message>
    <message>
        <source>No system keyring: data is protected by staff passwords only</source>
        <translation>未使用系统密钥环：数据仅由员工密码保护</translation>
    </message>
    <message>
        <source>Demo profile</source>
        <translation>演示档案</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>BranchVault — Sign in</source>
        <translation>BranchVault — 登录</translation>
    </message>
    <message>
        <source>Sign in to BranchVault</source>
        <translation>登录 BranchVault</translation>
    </message>
    <message>
        <source>Demo profile — sample data only</source>
        <translation>演示档案 — 仅含示例数据</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Use a &amp;recovery code</source>
        <translation>使用恢复码(&amp;R)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Recovery &amp;code:</source>
        <translation>恢复码(&amp;C)：</translation>
    </message>
    <message>
        <source>Authenticator &amp;code:</source>
        <translation>动态码(&amp;C)：</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 位数字</translation>
    </message>
</context>
<context>
    <name>SignInMessages</name>
    <message numerus="yes">
        <source>Too many failed sign-in attempts. This account is locked; try again in %n minute(s).</source>
        <translation>
            <numerusform>登录失败次数过多，账户已锁定，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Caps Lock seems to be on.</source>
        <translation>大写锁定键（Caps Lock）似乎已打开。</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Must change at next sign-in</source>
        <translation>下次登录时须修改</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>SurveyImportPanel</name>
    <message>
        <source>Import an online survey&apos;s export</source>
        <translation>导入在线问卷的导出文件</translation>
    </message>
    <message>
        <source>An export from 问卷星, 腾讯问卷 or similar (.xlsx, .xls or .csv), one row per response. Only the question you pick and the submission date are read: names, phones, IP addresses and comments are never read or kept. The question you pick is remembered for next time.</source>
        <translation>问卷星、腾讯问卷等工具导出的文件（.xlsx、.xls 或 .csv），每行一份答卷。只读取您选定的问题和提交时间两列：姓名、电话、IP 地址和意见等均不读取、不保存。选定的问题会被记住，下次自动选中。</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Survey export</source>
        <translation>问卷导出文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>— choose the question about personal information —</source>
        <translation>— 请选择关于个人信息处理的问题 —</translation>
    </message>
    <message>
        <source>To import: %1   skipped: %2   refused: %3</source>
        <translation>可导入：%1   跳过：%2   被拒：%3</translation>
    </message>
    <message>
        <source>Some rows are refused: fix them in the file and choose it again.</source>
        <translation>有行被拒：请在文件中改正后重新选择该文件。</translation>
    </message>
    <message>
        <source>Preview only: nothing is saved until you click Import.</source>
        <translation>仅为预览：点击“导入”之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>Imported %1 responses.</source>
        <translation>已导入 %1 份答卷。</translation>
    </message>
    <message>
        <source>Rows were refused: nothing was imported.</source>
        <translation>有行被拒：未导入任何答卷。</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3</source>
        <translation>第 %1 行（%2）：%3</translation>
    </message>
</context>
<context>
    <name>TabbedArea</name>
    <message>
        <source>Nothing here for your role yet.</source>
        <translation>您的角色在此暂无可用内容。</translation>
    </message>
</context>
<context>
    <name>TargetCard</name>
    <message>
        <source>Training coverage</source>
        <translation>培训覆盖率</translation>
    </message>
    <message>
        <source>Quiz first-attempt pass rate</source>
        <translation>测验一次通过率</translation>
    </message>
    <message>
        <source>Client satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Compliance review</source>
        <translation>合规自查通过率</translation>
    </message>
    <message>
        <source>Privacy education</source>
        <translation>隐私教育覆盖率</translation>
    </message>
    <message>
        <source>Breach reduction</source>
        <translation>泄露事件降幅</translation>
    </message>
    <message>
        <source>No review finished yet</source>
        <translation>尚未完成任何自查</translation>
    </message>
    <message>
        <source>Client figures are not available</source>
        <translation>客户相关数字暂不可用</translation>
    </message>
    <message>
        <source>The baseline year&apos;s breaches are unknown: set them below</source>
        <translation>基准年度泄露事件数未知：请在下方设置</translation>
    </message>
    <message>
        <source>%1 of %2 active staff completed this quarter&apos;s training</source>
        <translation>%2 名在职员工中 %1 名已完成本季度培训</translation>
    </message>
    <message>
        <source>%1 of %2 staff who took the quiz passed at the first attempt</source>
        <translation>%2 名参加测验的员工中 %1 名首次即通过</translation>
    </message>
    <message>
        <source>%1 of %2 responses satisfied or very satisfied</source>
        <translation>%2 份答卷中 %1 份满意或非常满意</translation>
    </message>
    <message>
        <source>%1 of %2 applicable items passed in the latest review</source>
        <translation>最近一次自查的 %2 个适用检查项中 %1 个通过</translation>
    </message>
    <message>
        <source>%1 of %2 clients active this year took part in education</source>
        <translation>本年度 %2 位活跃客户中 %1 位参加了隐私教育</translation>
    </message>
    <message>
        <source>%1 breaches this year; %2 in the baseline year</source>
        <translation>本年度泄露事件 %1 起；基准年度 %2 起</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>目标：%1</translation>
    </message>
</context>
<context>
    <name>TempPasswordDialog</name>
    <message>
        <source>One-time password</source>
        <translation>一次性密码</translation>
    </message>
    <message>
        <source>The one-time password for %1 is below. It is shown only this once: give it to the person directly. They must choose their own password when they first sign in.</source>
        <translation>%1 的一次性密码如下。它只显示这一次，请当面交给本人。本人首次登录时必须设置自己的密码。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard is cleared in %n second(s).</source>
        <translation>
            <numerusform>已复制。剪贴板将在 %n 秒后清空。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingDueBanner</name>
    <message>
        <source>Take the training</source>
        <translation>去完成培训</translation>
    </message>
    <message numerus="yes">
        <source>Privacy training due this quarter (%n day(s) left)</source>
        <translation>
            <numerusform>本季度隐私保护培训待完成（剩余%n天）</numerusform>
        </translation>
    </message>
    <message>
        <source>Privacy training is overdue: client data stays closed until you pass this quarter&apos;s quiz.</source>
        <translation>本季度隐私保护培训已逾期：通过本季度测验前，客户资料暂不可用。</translation>
    </message>
    <message>
        <source>Privacy training is overdue this quarter: please take the quiz.</source>
        <translation>本季度隐私保护培训已逾期，请尽快完成测验。</translation>
    </message>
</context>
<context>
    <name>TrainingGatePanel</name>
    <message>
        <source>This quarter&apos;s privacy training quiz is not done yet</source>
        <translation>本季度隐私保护培训测验尚未完成</translation>
    </message>
    <message>
        <source>The grace period for this quarter&apos;s privacy training has ended. Client data stays closed until you pass the quiz (or your manager records that you attended a classroom session). Training, the privacy programme area and signing out stay open.</source>
        <translation>本季度隐私保护培训的宽限期已过。通过测验（或店长记录您参加了课堂培训）之前，客户资料暂不可用。培训、隐私保护区域和退出登录不受影响。</translation>
    </message>
    <message>
        <source>Take the quiz</source>
        <translation>去做测验</translation>
    </message>
</context>
<context>
    <name>TrainingRecordsTab</name>
    <message>
        <source>Completed: %1 of %2 active staff. First attempt passed: %3 of %4 who took the quiz.</source>
        <translation>已完成：%2 位在职员工中 %1 位。首次测验通过：%4 位参加测验者中 %3 位。</translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>剩余 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>client data closed</source>
        <translation>客户资料已暂停</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Training records</source>
        <translation>培训记录</translation>
    </message>
    <message>
        <source>Quarter:</source>
        <translation>季度：</translation>
    </message>
    <message>
        <source>Record a classroom session…</source>
        <translation>记录课堂培训…</translation>
    </message>
    <message>
        <source>Import learning platform results…</source>
        <translation>导入学习平台成绩…</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>测验次数</translation>
    </message>
    <message>
        <source>First score</source>
        <translation>首次成绩</translation>
    </message>
    <message>
        <source>Best score</source>
        <translation>最高成绩</translation>
    </message>
    <message>
        <source>Classroom sessions</source>
        <translation>课堂培训</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待办</translation>
    </message>
</context>
<context>
    <name>UseRecoveryCodeDialog</name>
    <message>
        <source>Use the client-data recovery code</source>
        <translation>使用客户资料恢复码</translation>
    </message>
    <message>
        <source>If no other branch manager can confirm you, the client-data recovery code from the branch safe restores your access to client data. The code is then replaced by a new one, shown once: lock the new code away instead of the old one.</source>
        <translation>如果没有其他店长可以确认您，可用门店保险柜中的客户资料恢复码恢复您查看客户资料的权限。随后旧恢复码作废并换成新码（只显示一次）：请用新码替换保险柜中的旧码。</translation>
    </message>
    <message>
        <source>Client-data &amp;recovery code:</source>
        <translation>客户资料恢复码(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Restore my access</source>
        <translation>恢复我的权限(&amp;R)</translation>
    </message>
</context>
<context>
    <name>WithdrawConsentDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Withdraw the client&apos;s consent to “%1”? It takes effect at once.</source>
        <translation>撤回客户对“%1”的同意？撤回立即生效。</translation>
    </message>
    <message>
        <source>&amp;Note (optional, e.g. how the client asked):</source>
        <translation>备注（可选，如客户提出撤回的方式）(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>撤回(&amp;W)</translation>
    </message>
</context>
<context>
    <name>runner</name>
    <message>
        <source>Scheduled backup in progress… %1%</source>
        <translation>正在定时备份… %1%</translation>
    </message>
</context>
</TS>
