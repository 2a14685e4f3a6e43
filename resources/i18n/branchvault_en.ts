<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>Add staff member</source>
        <translation>Add staff member</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>lower-case letters and digits, e.g. zhang.wei</source>
        <translation>lower-case letters and digits, e.g. zhang.wei</translation>
    </message>
    <message>
        <source>A one-time password is created and shown once. It must be changed at first sign-in.</source>
        <translation>A one-time password is created and shown once. It must be changed at first sign-in.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Staff accounts</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>&amp;Add staff member…</source>
        <translation>&amp;Add staff member…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Disable the account %1? Its key slot is removed; it can be re-enabled by resetting the password.</source>
        <translation>Disable the account %1? Its key slot is removed; it can be re-enabled by resetting the password.</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>Give %1 a new one-time password? Their current password stops working.</source>
        <translation>Give %1 a new one-time password? Their current password stops working.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Password changed.</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <source>Access denied</source>
        <translation>Access denied</translation>
    </message>
    <message>
        <source>Audit log exported</source>
        <translation>Audit log exported</translation>
    </message>
    <message>
        <source>Audit chain verified</source>
        <translation>Audit chain verified</translation>
    </message>
    <message>
        <source>Audit log viewed</source>
        <translation>Audit log viewed</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Password re-entered</source>
        <translation>Password re-entered</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>Sign-out</source>
        <translation>Sign-out</translation>
    </message>
    <message>
        <source>Branch set up</source>
        <translation>Branch set up</translation>
    </message>
    <message>
        <source>Recovery code used</source>
        <translation>Recovery code used</translation>
    </message>
    <message>
        <source>Database key rotated</source>
        <translation>Database key rotated</translation>
    </message>
    <message>
        <source>Key slot strengthened</source>
        <translation>Key slot strengthened</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>Staff member added</translation>
    </message>
    <message>
        <source>Staff member disabled</source>
        <translation>Staff member disabled</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Success</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Failure</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Denied</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>any user</source>
        <translation>any user</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>All actions</translation>
    </message>
    <message numerus="yes">
        <source>%n entries match the filter.</source>
        <translation>
            <numerusform>%n entry matches the filter.</numerusform>
            <numerusform>%n entries match the filter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
</context>
<context>
    <name>BranchPage</name>
    <message>
        <source>Set up this branch</source>
        <translation>Set up this branch</translation>
    </message>
    <message>
        <source>BranchVault keeps this branch&apos;s client records in an encrypted database on this PC.</source>
        <translation>BranchVault keeps this branch&apos;s client records in an encrypted database on this PC.</translation>
    </message>
    <message>
        <source>Branch &amp;code:</source>
        <translation>Branch &amp;code:</translation>
    </message>
    <message>
        <source>Branch &amp;name:</source>
        <translation>Branch &amp;name:</translation>
    </message>
    <message>
        <source>Company na&amp;me:</source>
        <translation>Company na&amp;me:</translation>
    </message>
    <message>
        <source>Privacy &amp;contact:</source>
        <translation>Privacy &amp;contact:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>e.g. SZ001</source>
        <translation>e.g. SZ001</translation>
    </message>
    <message>
        <source>phone or e-mail for privacy requests</source>
        <translation>phone or e-mail for privacy requests</translation>
    </message>
</context>
<context>
    <name>ChainVerifyPanel</name>
    <message>
        <source>&amp;Verify audit chain</source>
        <translation>&amp;Verify audit chain</translation>
    </message>
    <message>
        <source>an entry is missing</source>
        <translation>an entry is missing</translation>
    </message>
    <message>
        <source>the link to the previous entry does not match</source>
        <translation>the link to the previous entry does not match</translation>
    </message>
    <message>
        <source>the entry was altered</source>
        <translation>the entry was altered</translation>
    </message>
    <message numerus="yes">
        <source>The audit chain is intact (%n entries checked).</source>
        <translation>
            <numerusform>The audit chain is intact (%n entry checked).</numerusform>
            <numerusform>The audit chain is intact (%n entries checked).</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit chain is broken at entry %1: %2.</source>
        <translation>The audit chain is broken at entry %1: %2.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>You signed in with a temporary password, or your password has expired. Choose a new password before you continue.</source>
        <translation>You signed in with a temporary password, or your password has expired. Choose a new password before you continue.</translation>
    </message>
    <message>
        <source>Enter your current password, then the new one twice.</source>
        <translation>Enter your current password, then the new one twice.</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>C&amp;urrent password:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>&amp;Repeat new password:</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>&amp;Change password</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ClientDetailDialog</name>
    <message>
        <source>Client details</source>
        <translation>Client details</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Stage:</translation>
    </message>
    <message>
        <source>Intention level:</source>
        <translation>Intention level:</translation>
    </message>
    <message>
        <source>Source channel:</source>
        <translation>Source channel:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>Registered:</source>
        <translation>Registered:</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>Last contact:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes:</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Intention</source>
        <translation>Intention</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Last contact</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Search by name, pinyin, initials or phone digits</source>
        <translation>Search by name, pinyin, initials or phone digits</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>Sort by:</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Intention level</source>
        <translation>Intention level</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;New client</source>
        <translation>&amp;New client</translation>
    </message>
    <message>
        <source>Matching clients: %1</source>
        <translation>Matching clients: %1</translation>
    </message>
    <message>
        <source>Clients: %1</source>
        <translation>Clients: %1</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Creating the branch</source>
        <translation>Creating the branch</translation>
    </message>
    <message>
        <source>The branch is ready.</source>
        <translation>The branch is ready.</translation>
    </message>
    <message>
        <source>Go &amp;back and correct</source>
        <translation>Go &amp;back and correct</translation>
    </message>
    <message>
        <source>This is the branch recovery code. It restores access if every IT administrator password or this PC&apos;s keyring is lost. Write it down or print it and lock it in the branch safe. It is shown only this once.</source>
        <translation>This is the branch recovery code. It restores access if every IT administrator password or this PC&apos;s keyring is lost. Write it down or print it and lock it in the branch safe. It is shown only this once.</translation>
    </message>
    <message>
        <source>I have stored it safely</source>
        <translation>I have stored it safely</translation>
    </message>
    <message>
        <source>Measuring this PC&apos;s speed for the key derivation and creating the encrypted database. This takes a few seconds…</source>
        <translation>Measuring this PC&apos;s speed for the key derivation and creating the encrypted database. This takes a few seconds…</translation>
    </message>
    <message>
        <source>The branch was not created.</source>
        <translation>The branch was not created.</translation>
    </message>
</context>
<context>
    <name>FirstAdminPage</name>
    <message>
        <source>First IT administrator</source>
        <translation>First IT administrator</translation>
    </message>
    <message>
        <source>This account manages staff accounts and keys. It cannot read client records.</source>
        <translation>This account manages staff accounts and keys. It cannot read client records.</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <source>lower-case letters and digits, e.g. it.wang</source>
        <translation>lower-case letters and digits, e.g. it.wang</translation>
    </message>
    <message>
        <source>&amp;Create branch</source>
        <translation>&amp;Create branch</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>BranchVault — First-time setup</source>
        <translation>BranchVault — First-time setup</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New client</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>&amp;Name or surname:</source>
        <translation>&amp;Name or surname:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>&amp;Source channel:</source>
        <translation>&amp;Source channel:</translation>
    </message>
    <message>
        <source>&amp;Intention level:</source>
        <translation>&amp;Intention level:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <source>e.g. 王 or 王先生 at a first visit</source>
        <translation>e.g. 王 or 王先生 at a first visit</translation>
    </message>
    <message>
        <source>mobile, landline or +country code</source>
        <translation>mobile, landline or +country code</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>(not rated)</source>
        <translation>(not rated)</translation>
    </message>
    <message>
        <source>Open the existing client</source>
        <translation>Open the existing client</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Register</translation>
    </message>
</context>
<context>
    <name>KeyringPage</name>
    <message>
        <source>No secure keyring on this PC</source>
        <translation>No secure keyring on this PC</translation>
    </message>
    <message>
        <source>BranchVault normally binds the encrypted database to this PC with a secret kept in the system keyring, so a copied database file cannot be opened elsewhere even with a staff password. This PC has no usable keyring.

You can continue without it. The data is then protected by staff passwords only. Ask IT before you do this.</source>
        <translation>BranchVault normally binds the encrypted database to this PC with a secret kept in the system keyring, so a copied database file cannot be opened elsewhere even with a staff password. This PC has no usable keyring.

You can continue without it. The data is then protected by staff passwords only. Ask IT before you do this.</translation>
    </message>
    <message>
        <source>the only keyring here stores secrets in plain text</source>
        <translation>the only keyring here stores secrets in plain text</translation>
    </message>
    <message>
        <source>no keyring service was found</source>
        <translation>no keyring service was found</translation>
    </message>
    <message>
        <source>the keyring service cannot be used here</source>
        <translation>the keyring service cannot be used here</translation>
    </message>
    <message>
        <source>Keyring check: %1 (%2)</source>
        <translation>Keyring check: %1 (%2)</translation>
    </message>
    <message>
        <source>Continue without a keyring: data is protected by staff passwords only</source>
        <translation>Continue without a keyring: data is protected by staff passwords only</translation>
    </message>
    <message>
        <source>&amp;Create branch</source>
        <translation>&amp;Create branch</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>BranchVault is locked</source>
        <translation>BranchVault is locked</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Sign in as a different user. %1 will be signed out.</source>
        <translation>Sign in as a different user. %1 will be signed out.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Back to %1</translation>
    </message>
    <message>
        <source>Locked to protect client data. %1, enter your password to continue.</source>
        <translation>Locked to protect client data. %1, enter your password to continue.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Sign in as a &amp;different user</source>
        <translation>Sign in as a &amp;different user</translation>
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
        <translation>Demo profile</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>&amp;Change password…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Lock now</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About BranchVault</source>
        <translation>&amp;About BranchVault</translation>
    </message>
    <message>
        <source>BranchVault %1
Encrypted client records for real-estate branch offices.

Branch: %2
Data folder: %3</source>
        <translation>BranchVault %1
Encrypted client records for real-estate branch offices.

Branch: %2
Data folder: %3</translation>
    </message>
    <message>
        <source>About BranchVault</source>
        <translation>About BranchVault</translation>
    </message>
</context>
<context>
    <name>PasswordFeedback</name>
    <message numerus="yes">
        <source>At least %n characters, mixing upper- and lower-case letters, digits and symbols.</source>
        <translation>
            <numerusform>At least %n character, mixing upper- and lower-case letters, digits and symbols.</numerusform>
            <numerusform>At least %n characters, mixing upper- and lower-case letters, digits and symbols.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password meets the rules.</source>
        <translation>The password meets the rules.</translation>
    </message>
    <message>
        <source>Both entries match.</source>
        <translation>Both entries match.</translation>
    </message>
    <message>
        <source>The two entries do not match.</source>
        <translation>The two entries do not match.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Consent forms</source>
        <translation>Consent forms</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Client records (search, masked fields, reveal with a reason) arrive in a later release of BranchVault. Nothing is stored here yet.</source>
        <translation>Client records (search, masked fields, reveal with a reason) arrive in a later release of BranchVault. Nothing is stored here yet.</translation>
    </message>
    <message>
        <source>Printing and recording client consent forms arrives in a later release of BranchVault.</source>
        <translation>Printing and recording client consent forms arrives in a later release of BranchVault.</translation>
    </message>
    <message>
        <source>Requesting and approving data exports arrives in a later release of BranchVault.</source>
        <translation>Requesting and approving data exports arrives in a later release of BranchVault.</translation>
    </message>
    <message>
        <source>This area arrives in a later release.</source>
        <translation>This area arrives in a later release.</translation>
    </message>
</context>
<context>
    <name>SessionStatusBar</name>
    <message>
        <source>Signed in as %1</source>
        <translation>Signed in as %1</translation>
    </message>
    <message>
        <source>Branch %1</source>
        <translation>Branch %1</translation>
    </message>
    <message>
        <source>Keyring: in use</source>
        <translation>Keyring: in use</translation>
    </message>
    <message>
        <source>The database is bound to this PC by a secret in the system keyring.</source>
        <translation>The database is bound to this PC by a secret in the system keyring.</translation>
    </message>
    <message>
        <source>Keyring: not used</source>
        <translation>Keyring: not used</translation>
    </message>
    <message>
        <source>No system keyring: data is protected by staff passwords only</source>
        <translation>No system keyring: data is protected by staff passwords only</translation>
    </message>
    <message>
        <source>Demo profile</source>
        <translation>Demo profile</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>BranchVault — Sign in</source>
        <translation>BranchVault — Sign in</translation>
    </message>
    <message>
        <source>Sign in to BranchVault</source>
        <translation>Sign in to BranchVault</translation>
    </message>
    <message>
        <source>Demo profile — sample data only</source>
        <translation>Demo profile — sample data only</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
</context>
<context>
    <name>SignInMessages</name>
    <message numerus="yes">
        <source>Too many failed sign-in attempts. This account is locked; try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many failed sign-in attempts. This account is locked; try again in %n minute.</numerusform>
            <numerusform>Too many failed sign-in attempts. This account is locked; try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Caps Lock seems to be on.</source>
        <translation>Caps Lock seems to be on.</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Enter your username and password.</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Must change at next sign-in</source>
        <translation>Must change at next sign-in</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>TempPasswordDialog</name>
    <message>
        <source>One-time password</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <source>The one-time password for %1 is below. It is shown only this once: give it to the person directly. They must choose their own password when they first sign in.</source>
        <translation>The one-time password for %1 is below. It is shown only this once: give it to the person directly. They must choose their own password when they first sign in.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard is cleared in %n second(s).</source>
        <translation>
            <numerusform>Copied. The clipboard is cleared in %n second.</numerusform>
            <numerusform>Copied. The clipboard is cleared in %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
