<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>AppController</name>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <source>Access denied</source>
        <translation>拒绝访问</translation>
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
        <source>Account locked</source>
        <translation>账户锁定</translation>
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
        <source>Company na&amp;me:</source>
        <translation>公司名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Privacy &amp;contact:</source>
        <translation>个人信息保护联系方式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. SZ001</source>
        <translation>例如 SZ001</translation>
    </message>
    <message>
        <source>phone or e-mail for privacy requests</source>
        <translation>用于受理个人信息请求的电话或邮箱</translation>
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
        <source>Intention level:</source>
        <translation>意向等级：</translation>
    </message>
    <message>
        <source>Source channel:</source>
        <translation>客户来源：</translation>
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
        <source>ID number:</source>
        <translation>证件号码：</translation>
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
</context>
<context>
    <name>ClientTableModel</name>
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
        <source>Matching clients: %1</source>
        <translation>符合条件的客户：%1</translation>
    </message>
    <message>
        <source>Clients: %1</source>
        <translation>客户：%1</translation>
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
    <name>IntakeDialog</name>
    <message>
        <source>New client</source>
        <translation>新客户</translation>
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
        <source>&amp;Source channel:</source>
        <translation>客户来源(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Intention level:</source>
        <translation>意向等级(&amp;I)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
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
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>(not rated)</source>
        <translation>（未评级）</translation>
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
        <source>Consent</source>
        <translation>同意书</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
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
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>修改密码(&amp;C)…</translation>
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
    <name>PlaceholderPage</name>
    <message>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Consent forms</source>
        <translation>同意书</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Client records (search, masked fields, reveal with a reason) arrive in a later release of BranchVault. Nothing is stored here yet.</source>
        <translation>客户信息管理（查询、脱敏显示、说明理由后查看完整信息）将在 BranchVault 后续版本中提供。目前这里还没有任何数据。</translation>
    </message>
    <message>
        <source>Printing and recording client consent forms arrives in a later release of BranchVault.</source>
        <translation>打印和登记客户同意书将在 BranchVault 后续版本中提供。</translation>
    </message>
    <message>
        <source>Requesting and approving data exports arrives in a later release of BranchVault.</source>
        <translation>申请和审批数据导出将在 BranchVault 后续版本中提供。</translation>
    </message>
    <message>
        <source>This area arrives in a later release.</source>
        <translation>此功能将在后续版本中提供。</translation>
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
</TS>
