<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccessReviewBanner</name>
    <message>
        <source>Open access review</source>
        <translation>Open access review</translation>
    </message>
</context>
<context>
    <name>AccessReviewTab</name>
    <message>
        <source>Access review</source>
        <translation>Access review</translation>
    </message>
    <message>
        <source>Periodic access review</source>
        <translation>Periodic access review</translation>
    </message>
    <message>
        <source>Once per period a manager checks every staff account: keep it (the role is still needed), disable it, or change its role. Disabling rotates the keys and signs everyone out; a member moved into a client role needs a manager&apos;s confirmation before seeing client data. Accounts without a sign-in for a long time are shown in red.</source>
        <translation>Once per period a manager checks every staff account: keep it (the role is still needed), disable it, or change its role. Disabling rotates the keys and signs everyone out; a member moved into a client role needs a manager&apos;s confirmation before seeing client data. Accounts without a sign-in for a long time are shown in red.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Start this period&apos;s review</source>
        <translation>&amp;Start this period&apos;s review</translation>
    </message>
    <message>
        <source>&amp;Finish review</source>
        <translation>&amp;Finish review</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Keep</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>Change &amp;role</translation>
    </message>
    <message>
        <source>Note (why) — do not enter client names, ID numbers or other personal details</source>
        <translation>Note (why) — do not enter client names, ID numbers or other personal details</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>Period %1: next review due by %2.</source>
        <translation>Period %1: next review due by %2.</translation>
    </message>
    <message>
        <source>This period&apos;s review is finished.</source>
        <translation>This period&apos;s review is finished.</translation>
    </message>
    <message>
        <source>The review is OVERDUE.</source>
        <translation>The review is OVERDUE.</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>never signed in</source>
        <translation>never signed in</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>Review started.</source>
        <translation>Review started.</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>Choose a member first.</translation>
    </message>
    <message>
        <source>Disable %1? Their key slot is removed, their client-data access is withdrawn and the keys are rotated: everyone signed in must sign in again.</source>
        <translation>Disable %1? Their key slot is removed, their client-data access is withdrawn and the keys are rotated: everyone signed in must sign in again.</translation>
    </message>
    <message>
        <source>Disable the account?</source>
        <translation>Disable the account?</translation>
    </message>
    <message>
        <source>Change %1&apos;s role to %2? Client-data access is withdrawn and the keys are rotated; a member moved to agent or manager must be confirmed again by a manager.</source>
        <translation>Change %1&apos;s role to %2? Client-data access is withdrawn and the keys are rotated; a member moved to agent or manager must be confirmed again by a manager.</translation>
    </message>
    <message>
        <source>Change the role?</source>
        <translation>Change the role?</translation>
    </message>
    <message>
        <source>Decision saved for %1.</source>
        <translation>Decision saved for %1.</translation>
    </message>
    <message>
        <source>Finish the review?</source>
        <translation>Finish the review?</translation>
    </message>
    <message>
        <source>A finished review can no longer change. Finish it now?</source>
        <translation>A finished review can no longer change. Finish it now?</translation>
    </message>
    <message>
        <source>Review finished: it can no longer change.</source>
        <translation>Review finished: it can no longer change.</translation>
    </message>
    <message>
        <source>Export the access review</source>
        <translation>Export the access review</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;CSV files (*.csv)</source>
        <translation>Excel workbooks (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge alert %1</source>
        <translation>Acknowledge alert %1</translation>
    </message>
    <message>
        <source>&amp;Note (what you checked and what you found):</source>
        <translation>&amp;Note (what you checked and what you found):</translation>
    </message>
    <message>
        <source>The note is kept in the audit log. Do not write client names, ID numbers or phone numbers.</source>
        <translation>The note is kept in the audit log. Do not write client names, ID numbers or phone numbers.</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
</context>
<context>
    <name>AddFollowupDialog</name>
    <message>
        <source>Add follow-up</source>
        <translation>Add follow-up</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Date and time:</source>
        <translation>&amp;Date and time:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>What happened and what comes next (required)</source>
        <translation>What happened and what comes next (required)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
</context>
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
    <name>AdvanceDialog</name>
    <message>
        <source>Move incident %1 on</source>
        <translation>Move incident %1 on</translation>
    </message>
    <message>
        <source>&amp;New state:</source>
        <translation>&amp;New state:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <source>Closing without notifying the clients needs the reason (for example: no breach, or the measures taken effectively avoid harm).</source>
        <translation>Closing without notifying the clients needs the reason (for example: no breach, or the measures taken effectively avoid harm).</translation>
    </message>
    <message>
        <source>&amp;Move on</source>
        <translation>&amp;Move on</translation>
    </message>
</context>
<context>
    <name>AlertsTab</name>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Show ac&amp;knowledged alerts</source>
        <translation>Show ac&amp;knowledged alerts</translation>
    </message>
    <message>
        <source>&amp;Acknowledge…</source>
        <translation>&amp;Acknowledge…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>When (Beijing time)</source>
        <translation>When (Beijing time)</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>Evidence (audit entries)</source>
        <translation>Evidence (audit entries)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>Acknowledged by %1</translation>
    </message>
    <message>
        <source>A successful sign-in before the business day starts or after it ends (Beijing time).</source>
        <translation>A successful sign-in before the business day starts or after it ends (Beijing time).</translation>
    </message>
    <message>
        <source>Many failed sign-ins (all accounts together) within 60 minutes: someone may be guessing passwords.</source>
        <translation>Many failed sign-ins (all accounts together) within 60 minutes: someone may be guessing passwords.</translation>
    </message>
    <message>
        <source>One staff member revealed many hidden fields (ID or phone numbers) within a short time.</source>
        <translation>One staff member revealed many hidden fields (ID or phone numbers) within a short time.</translation>
    </message>
    <message>
        <source>One staff member searched by ID number or phone number many times within 60 minutes.</source>
        <translation>One staff member searched by ID number or phone number many times within 60 minutes.</translation>
    </message>
    <message>
        <source>A manager unlocked more reveals for another staff member.</source>
        <translation>A manager unlocked more reveals for another staff member.</translation>
    </message>
    <message>
        <source>One staff member started an unusual number of exports in one day.</source>
        <translation>One staff member started an unusual number of exports in one day.</translation>
    </message>
    <message>
        <source>The audit log failed its verification: entries may have been changed, removed or rolled back outside the app.</source>
        <translation>The audit log failed its verification: entries may have been changed, removed or rolled back outside the app.</translation>
    </message>
    <message>
        <source>Keys were changed, a recovery code was used, or the settings or the privacy policy were changed.</source>
        <translation>Keys were changed, a recovery code was used, or the settings or the privacy policy were changed.</translation>
    </message>
    <message>
        <source>The branch runs without the system keyring: the data is protected by staff passwords only.</source>
        <translation>The branch runs without the system keyring: the data is protected by staff passwords only.</translation>
    </message>
    <message>
        <source>One staff member opened far more client records in one day than they usually do.</source>
        <translation>One staff member opened far more client records in one day than they usually do.</translation>
    </message>
    <message>
        <source>The database integrity check found a problem.</source>
        <translation>The database integrity check found a problem.</translation>
    </message>
    <message>
        <source>A scheduled backup failed.</source>
        <translation>A scheduled backup failed.</translation>
    </message>
    <message>
        <source>Rule: %1 (%2)</source>
        <translation>Rule: %1 (%2)</translation>
    </message>
    <message>
        <source>What it means: %1</source>
        <translation>What it means: %1</translation>
    </message>
    <message>
        <source>Open these entries in the Audit area by their sequence numbers.</source>
        <translation>Open these entries in the Audit area by their sequence numbers.</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2 (Beijing time).</source>
        <translation>Acknowledged by %1 at %2 (Beijing time).</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>Not yet acknowledged.</source>
        <translation>Not yet acknowledged.</translation>
    </message>
    <message>
        <source>Staff member: %1</source>
        <translation>Staff member: %1</translation>
    </message>
    <message>
        <source>Audit action: %1</source>
        <translation>Audit action: %1</translation>
    </message>
    <message>
        <source>Time (Beijing): %1</source>
        <translation>Time (Beijing): %1</translation>
    </message>
    <message>
        <source>For staff member: %1</source>
        <translation>For staff member: %1</translation>
    </message>
    <message>
        <source>Count: %1</source>
        <translation>Count: %1</translation>
    </message>
    <message>
        <source>Threshold: %1</source>
        <translation>Threshold: %1</translation>
    </message>
    <message>
        <source>Window (minutes): %1</source>
        <translation>Window (minutes): %1</translation>
    </message>
    <message>
        <source>Day: %1</source>
        <translation>Day: %1</translation>
    </message>
    <message>
        <source>Usual per day: %1</source>
        <translation>Usual per day: %1</translation>
    </message>
    <message>
        <source>Factor: %1</source>
        <translation>Factor: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Folder: %1</translation>
    </message>
    <message>
        <source>Integrity check no.: %1</source>
        <translation>Integrity check no.: %1</translation>
    </message>
    <message>
        <source>Failed checks: %1</source>
        <translation>Failed checks: %1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>Message: %1</translation>
    </message>
    <message>
        <source>Raised (Beijing time): %1</source>
        <translation>Raised (Beijing time): %1</translation>
    </message>
    <message>
        <source>Evidence (audit entries): %1</source>
        <translation>Evidence (audit entries): %1</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Audit log tampering</source>
        <translation>Audit log tampering</translation>
    </message>
    <message>
        <source>Branch configuration restored</source>
        <translation>Branch configuration restored</translation>
    </message>
    <message>
        <source>Security warning</source>
        <translation>Security warning</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>ApproveExportDialog</name>
    <message>
        <source>Approve the summary</source>
        <translation>Approve the summary</translation>
    </message>
    <message>
        <source>You approve sending exactly the summary you reviewed, with this content SHA-256, to headquarters. It is then signed with the branch key and sent in the background. Enter your password to approve.</source>
        <translation>You approve sending exactly the summary you reviewed, with this content SHA-256, to headquarters. It is then signed with the branch key and sent in the background. Enter your password to approve.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Approve and send</source>
        <translation>&amp;Approve and send</translation>
    </message>
</context>
<context>
    <name>AssessDialog</name>
    <message>
        <source>Assess incident %1</source>
        <translation>Assess incident %1</translation>
    </message>
    <message>
        <source>Personal information breach:</source>
        <translation>Personal information breach:</translation>
    </message>
    <message>
        <source>Information affected:</source>
        <translation>Information affected:</translation>
    </message>
    <message>
        <source>&amp;Cause:</source>
        <translation>&amp;Cause:</translation>
    </message>
    <message>
        <source>&amp;Measures taken:</source>
        <translation>&amp;Measures taken:</translation>
    </message>
    <message>
        <source>Possible &amp;harm:</source>
        <translation>Possible &amp;harm:</translation>
    </message>
    <message>
        <source>What clients can &amp;do:</source>
        <translation>What clients can &amp;do:</translation>
    </message>
    <message>
        <source>&amp;Yes: information was or may have been leaked, altered or lost</source>
        <translation>&amp;Yes: information was or may have been leaked, altered or lost</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>one measure per line</source>
        <translation>one measure per line</translation>
    </message>
    <message>
        <source>one piece of advice per line</source>
        <translation>one piece of advice per line</translation>
    </message>
    <message>
        <source>&amp;Save assessment</source>
        <translation>&amp;Save assessment</translation>
    </message>
</context>
<context>
    <name>AttendeePicker</name>
    <message>
        <source>Print the privacy tips for a client</source>
        <translation>Print the privacy tips for a client</translation>
    </message>
    <message>
        <source>Find the client. Printing the leaflet records that they received it today.</source>
        <translation>Find the client. Printing the leaflet records that they received it today.</translation>
    </message>
    <message>
        <source>&amp;Print leaflet</source>
        <translation>&amp;Print leaflet</translation>
    </message>
    <message>
        <source>Record campaign participants</source>
        <translation>Record campaign participants</translation>
    </message>
    <message>
        <source>Find the clients who took part and tick them.</source>
        <translation>Find the clients who took part and tick them.</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>Name, pinyin or last 4 digits of the phone</source>
        <translation>Name, pinyin or last 4 digits of the phone</translation>
    </message>
    <message>
        <source>Clients ticked: %1</source>
        <translation>Clients ticked: %1</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <source>Access denied</source>
        <translation>Access denied</translation>
    </message>
    <message>
        <source>Staff access to client data confirmed</source>
        <translation>Staff access to client data confirmed</translation>
    </message>
    <message>
        <source>Sign-in events lost</source>
        <translation>Sign-in events lost</translation>
    </message>
    <message>
        <source>Branch configuration copied into the database</source>
        <translation>Branch configuration copied into the database</translation>
    </message>
    <message>
        <source>Branch configuration changed</source>
        <translation>Branch configuration changed</translation>
    </message>
    <message>
        <source>Edited configuration file restored</source>
        <translation>Edited configuration file restored</translation>
    </message>
    <message>
        <source>Client-data key created</source>
        <translation>Client-data key created</translation>
    </message>
    <message>
        <source>Client-data key rotated</source>
        <translation>Client-data key rotated</translation>
    </message>
    <message>
        <source>Client-data recovery code used</source>
        <translation>Client-data recovery code used</translation>
    </message>
    <message>
        <source>Recovery key slot missing</source>
        <translation>Recovery key slot missing</translation>
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
        <source>Audit log rolled back or rewritten</source>
        <translation>Audit log rolled back or rewritten</translation>
    </message>
    <message>
        <source>Audit chain witness missing</source>
        <translation>Audit chain witness missing</translation>
    </message>
    <message>
        <source>Append-only protection put back</source>
        <translation>Append-only protection put back</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>Sign-in state file damaged or forged</source>
        <translation>Sign-in state file damaged or forged</translation>
    </message>
    <message>
        <source>Sign-in state file rolled back</source>
        <translation>Sign-in state file rolled back</translation>
    </message>
    <message>
        <source>Sign-in state file missing</source>
        <translation>Sign-in state file missing</translation>
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
        <source>Client registered</source>
        <translation>Client registered</translation>
    </message>
    <message>
        <source>Client details viewed</source>
        <translation>Client details viewed</translation>
    </message>
    <message>
        <source>Client changed</source>
        <translation>Client changed</translation>
    </message>
    <message>
        <source>Client reassigned</source>
        <translation>Client reassigned</translation>
    </message>
    <message>
        <source>Client search by phone or ID</source>
        <translation>Client search by phone or ID</translation>
    </message>
    <message>
        <source>Field revealed</source>
        <translation>Field revealed</translation>
    </message>
    <message>
        <source>Reveal limit lifted by a manager</source>
        <translation>Reveal limit lifted by a manager</translation>
    </message>
    <message>
        <source>Follow-up added</source>
        <translation>Follow-up added</translation>
    </message>
    <message>
        <source>Follow-ups viewed</source>
        <translation>Follow-ups viewed</translation>
    </message>
    <message>
        <source>Change history viewed</source>
        <translation>Change history viewed</translation>
    </message>
    <message>
        <source>Clients imported</source>
        <translation>Clients imported</translation>
    </message>
    <message>
        <source>Rejected rows exported</source>
        <translation>Rejected rows exported</translation>
    </message>
    <message>
        <source>Whole-file consent confirmed</source>
        <translation>Whole-file consent confirmed</translation>
    </message>
    <message>
        <source>Client data destroyed</source>
        <translation>Client data destroyed</translation>
    </message>
    <message>
        <source>Client kept in storage only</source>
        <translation>Client kept in storage only</translation>
    </message>
    <message>
        <source>Destruction certificate printed</source>
        <translation>Destruction certificate printed</translation>
    </message>
    <message>
        <source>Consent form printed</source>
        <translation>Consent form printed</translation>
    </message>
    <message>
        <source>Branch configuration applied</source>
        <translation>Branch configuration applied</translation>
    </message>
    <message>
        <source>Blank consent form printed</source>
        <translation>Blank consent form printed</translation>
    </message>
    <message>
        <source>Signed consent form recorded</source>
        <translation>Signed consent form recorded</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Consent withdrawn</translation>
    </message>
    <message>
        <source>Consents viewed</source>
        <translation>Consents viewed</translation>
    </message>
    <message>
        <source>Consent form scan viewed</source>
        <translation>Consent form scan viewed</translation>
    </message>
    <message>
        <source>Bundled privacy notice installed</source>
        <translation>Bundled privacy notice installed</translation>
    </message>
    <message>
        <source>Privacy notice published</source>
        <translation>Privacy notice published</translation>
    </message>
    <message>
        <source>Request registered</source>
        <translation>Request registered</translation>
    </message>
    <message>
        <source>Requester identity verified</source>
        <translation>Requester identity verified</translation>
    </message>
    <message>
        <source>Copy of data provided</source>
        <translation>Copy of data provided</translation>
    </message>
    <message>
        <source>Correction made</source>
        <translation>Correction made</translation>
    </message>
    <message>
        <source>Deletion request answered</source>
        <translation>Deletion request answered</translation>
    </message>
    <message>
        <source>Explanation given</source>
        <translation>Explanation given</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Request refused</translation>
    </message>
    <message>
        <source>Retention queue viewed</source>
        <translation>Retention queue viewed</translation>
    </message>
    <message>
        <source>Destruction approved</source>
        <translation>Destruction approved</translation>
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
        <source>Audit-log review recorded</source>
        <translation>Audit-log review recorded</translation>
    </message>
    <message>
        <source>Client destruction refused</source>
        <translation>Client destruction refused</translation>
    </message>
    <message>
        <source>Education campaign added</source>
        <translation>Education campaign added</translation>
    </message>
    <message>
        <source>Education participation recorded</source>
        <translation>Education participation recorded</translation>
    </message>
    <message>
        <source>Education attendees picked from the records</source>
        <translation>Education attendees picked from the records</translation>
    </message>
    <message>
        <source>Education attendee list imported</source>
        <translation>Education attendee list imported</translation>
    </message>
    <message>
        <source>Privacy tips leaflet printed for a client</source>
        <translation>Privacy tips leaflet printed for a client</translation>
    </message>
    <message>
        <source>Blank privacy tips leaflet printed</source>
        <translation>Blank privacy tips leaflet printed</translation>
    </message>
    <message>
        <source>Per-client rows setting changed</source>
        <translation>Per-client rows setting changed</translation>
    </message>
    <message>
        <source>Summary for headquarters prepared</source>
        <translation>Summary for headquarters prepared</translation>
    </message>
    <message>
        <source>Summary for headquarters approved</source>
        <translation>Summary for headquarters approved</translation>
    </message>
    <message>
        <source>Summary for headquarters rejected</source>
        <translation>Summary for headquarters rejected</translation>
    </message>
    <message>
        <source>Summary queued for sending</source>
        <translation>Summary queued for sending</translation>
    </message>
    <message>
        <source>Summary sent to headquarters</source>
        <translation>Summary sent to headquarters</translation>
    </message>
    <message>
        <source>Sending to headquarters failed</source>
        <translation>Sending to headquarters failed</translation>
    </message>
    <message>
        <source>Headquarters receipt recorded</source>
        <translation>Headquarters receipt recorded</translation>
    </message>
    <message>
        <source>Summary refused by the outbox</source>
        <translation>Summary refused by the outbox</translation>
    </message>
    <message>
        <source>Sending schedule changed</source>
        <translation>Sending schedule changed</translation>
    </message>
    <message>
        <source>Export record saved</source>
        <translation>Export record saved</translation>
    </message>
    <message>
        <source>Enrolment with headquarters</source>
        <translation>Enrolment with headquarters</translation>
    </message>
    <message>
        <source>Headquarters keys moved into client data</source>
        <translation>Headquarters keys moved into client data</translation>
    </message>
    <message>
        <source>Incident reported</source>
        <translation>Incident reported</translation>
    </message>
    <message>
        <source>Incident assessed</source>
        <translation>Incident assessed</translation>
    </message>
    <message>
        <source>Incident status changed</source>
        <translation>Incident status changed</translation>
    </message>
    <message>
        <source>Internal or regulator report recorded</source>
        <translation>Internal or regulator report recorded</translation>
    </message>
    <message>
        <source>Affected clients set</source>
        <translation>Affected clients set</translation>
    </message>
    <message>
        <source>Client notification logged</source>
        <translation>Client notification logged</translation>
    </message>
    <message>
        <source>Client-data key not genuine</source>
        <translation>Client-data key not genuine</translation>
    </message>
    <message>
        <source>Privacy programme settings changed</source>
        <translation>Privacy programme settings changed</translation>
    </message>
    <message>
        <source>Programme report produced</source>
        <translation>Programme report produced</translation>
    </message>
    <message>
        <source>Client-side programme figures updated</source>
        <translation>Client-side programme figures updated</translation>
    </message>
    <message>
        <source>Compliance review started</source>
        <translation>Compliance review started</translation>
    </message>
    <message>
        <source>Compliance review evaluated</source>
        <translation>Compliance review evaluated</translation>
    </message>
    <message>
        <source>Compliance review item answered</source>
        <translation>Compliance review item answered</translation>
    </message>
    <message>
        <source>Compliance review finished</source>
        <translation>Compliance review finished</translation>
    </message>
    <message>
        <source>Rectification opened</source>
        <translation>Rectification opened</translation>
    </message>
    <message>
        <source>Rectification closed</source>
        <translation>Rectification closed</translation>
    </message>
    <message>
        <source>Satisfaction response entered</source>
        <translation>Satisfaction response entered</translation>
    </message>
    <message>
        <source>Satisfaction survey imported</source>
        <translation>Satisfaction survey imported</translation>
    </message>
    <message>
        <source>Training quiz taken</source>
        <translation>Training quiz taken</translation>
    </message>
    <message>
        <source>Training session recorded</source>
        <translation>Training session recorded</translation>
    </message>
    <message>
        <source>Training records imported</source>
        <translation>Training records imported</translation>
    </message>
    <message>
        <source>Security alert raised</source>
        <translation>Security alert raised</translation>
    </message>
    <message>
        <source>Security alert acknowledged</source>
        <translation>Security alert acknowledged</translation>
    </message>
    <message>
        <source>Security alert record put back</source>
        <translation>Security alert record put back</translation>
    </message>
    <message>
        <source>Periodic alert scan</source>
        <translation>Periodic alert scan</translation>
    </message>
    <message>
        <source>Destruction carried out again after a restore</source>
        <translation>Destruction carried out again after a restore</translation>
    </message>
    <message>
        <source>Access review started</source>
        <translation>Access review started</translation>
    </message>
    <message>
        <source>Access review decision</source>
        <translation>Access review decision</translation>
    </message>
    <message>
        <source>Access review finished</source>
        <translation>Access review finished</translation>
    </message>
    <message>
        <source>Access review exported</source>
        <translation>Access review exported</translation>
    </message>
    <message>
        <source>Staff role changed</source>
        <translation>Staff role changed</translation>
    </message>
    <message>
        <source>Backup created</source>
        <translation>Backup created</translation>
    </message>
    <message>
        <source>Backup verified</source>
        <translation>Backup verified</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>Restored from a backup</translation>
    </message>
    <message>
        <source>Restore drill</source>
        <translation>Restore drill</translation>
    </message>
    <message>
        <source>Backup schedule changed</source>
        <translation>Backup schedule changed</translation>
    </message>
    <message>
        <source>Database integrity check</source>
        <translation>Database integrity check</translation>
    </message>
    <message>
        <source>Second-factor code checked</source>
        <translation>Second-factor code checked</translation>
    </message>
    <message>
        <source>Second factor enrolled</source>
        <translation>Second factor enrolled</translation>
    </message>
    <message>
        <source>Second factor reset</source>
        <translation>Second factor reset</translation>
    </message>
    <message>
        <source>Second-factor recovery code used</source>
        <translation>Second-factor recovery code used</translation>
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
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Privacy notice version</source>
        <translation>Privacy notice version</translation>
    </message>
    <message>
        <source>Client request</source>
        <translation>Client request</translation>
    </message>
    <message>
        <source>Destruction record</source>
        <translation>Destruction record</translation>
    </message>
    <message>
        <source>Destruction batch</source>
        <translation>Destruction batch</translation>
    </message>
    <message>
        <source>Retention queue</source>
        <translation>Retention queue</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Key slots</source>
        <translation>Key slots</translation>
    </message>
    <message>
        <source>Sign-in state file</source>
        <translation>Sign-in state file</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>Consent form</translation>
    </message>
    <message>
        <source>Audit-log review</source>
        <translation>Audit-log review</translation>
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
    <name>AwaitingApprovalBanner</name>
    <message numerus="yes">
        <source>%n summary(ies) for headquarters await a manager&apos;s approval.</source>
        <translation>
            <numerusform>%n summary for headquarters awaits a manager&apos;s approval.</numerusform>
            <numerusform>%n summaries for headquarters await a manager&apos;s approval.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;Exports</source>
        <translation>Open &amp;Exports</translation>
    </message>
</context>
<context>
    <name>BackupFailedBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>The scheduled backup failed: %1 It will be tried again; tell IT or the manager.</source>
        <translation>The scheduled backup failed: %1 It will be tried again; tell IT or the manager.</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backup folder</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>Backup schedule saved.</source>
        <translation>Backup schedule saved.</translation>
    </message>
    <message>
        <source>Back up into which folder?</source>
        <translation>Back up into which folder?</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>Backup written: %1</translation>
    </message>
    <message>
        <source>Type your password first (as it was when the backup was taken).</source>
        <translation>Type your password first (as it was when the backup was taken).</translation>
    </message>
    <message>
        <source>Restore drill passed (%1 s) and recorded: %2</source>
        <translation>Restore drill passed (%1 s) and recorded: %2</translation>
    </message>
    <message>
        <source>Restore drill FAILED (recorded): %1</source>
        <translation>Restore drill FAILED (recorded): %1</translation>
    </message>
    <message>
        <source>Verify a backup</source>
        <translation>Verify a backup</translation>
    </message>
    <message>
        <source>Backups (*.bvbackup)</source>
        <translation>Backups (*.bvbackup)</translation>
    </message>
    <message>
        <source>The backup opened and passed every check.</source>
        <translation>The backup opened and passed every check.</translation>
    </message>
    <message>
        <source>The backup failed its checks: %1</source>
        <translation>The backup failed its checks: %1</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Scheduled backup</source>
        <translation>Scheduled backup</translation>
    </message>
    <message>
        <source>Backups and restore drills</source>
        <translation>Backups and restore drills</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>Last backup</translation>
    </message>
    <message>
        <source>Latest verified backup</source>
        <translation>Latest verified backup</translation>
    </message>
    <message>
        <source>Last restore drill</source>
        <translation>Last restore drill</translation>
    </message>
    <message>
        <source>Next scheduled backup</source>
        <translation>Next scheduled backup</translation>
    </message>
    <message>
        <source>Back up every day</source>
        <translation>Back up every day</translation>
    </message>
    <message>
        <source>Time (Beijing time)</source>
        <translation>Time (Beijing time)</translation>
    </message>
    <message>
        <source>Folder (USB disk or network share)</source>
        <translation>Folder (USB disk or network share)</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>Backups kept</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Save schedule</source>
        <translation>Save schedule</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Verify a backup…</source>
        <translation>Verify a backup…</translation>
    </message>
    <message>
        <source>Run a restore drill</source>
        <translation>Run a restore drill</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Your password</translation>
    </message>
    <message>
        <source>Verifying and drilling open the backup with your key slot in it: type your password as it was when the backup was taken. Restoring is done by IT on the command line (branchvault backup restore).</source>
        <translation>Verifying and drilling open the backup with your key slot in it: type your password as it was when the backup was taken. Restoring is done by IT on the command line (branchvault backup restore).</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message numerus="yes">
        <source>OVERDUE: no verified backup within %n day(s)</source>
        <translation>
            <numerusform>OVERDUE: no verified backup within %n day</numerusform>
            <numerusform>OVERDUE: no verified backup within %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message numerus="yes">
        <source>OVERDUE: no passed drill within %n day(s)</source>
        <translation>
            <numerusform>OVERDUE: no passed drill within %n day</numerusform>
            <numerusform>OVERDUE: no passed drill within %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>The last backup failed (%1): %2</source>
        <translation>The last backup failed (%1): %2</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>backup</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>verify</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>restore</translation>
    </message>
    <message>
        <source>restore drill</source>
        <translation>restore drill</translation>
    </message>
    <message>
        <source> (scheduled)</source>
        <translation> (scheduled)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
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
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>e.g. SZ001</source>
        <translation>e.g. SZ001</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Add an education campaign</source>
        <translation>Add an education campaign</translation>
    </message>
    <message>
        <source>&amp;Date held:</source>
        <translation>&amp;Date held:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Channel:</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <source>&amp;Material:</source>
        <translation>&amp;Material:</translation>
    </message>
    <message>
        <source>e.g. how to recognise fraud calls</source>
        <translation>e.g. how to recognise fraud calls</translation>
    </message>
    <message>
        <source>title, link or description (at most %1 characters)</source>
        <translation>title, link or description (at most %1 characters)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
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
    <message>
        <source>Time goes backwards at entry %1: %2 minutes before entry %3.</source>
        <translation>Time goes backwards at entry %1: %2 minutes before entry %3.</translation>
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
    <name>ClientAccessWaitingPanel</name>
    <message>
        <source>No client-data key yet</source>
        <translation>No client-data key yet</translation>
    </message>
    <message>
        <source>Client data in this branch is kept under a client-data key that does not exist yet. A branch manager creates it when they sign in with their own password; until then no one can open client records.</source>
        <translation>Client data in this branch is kept under a client-data key that does not exist yet. A branch manager creates it when they sign in with their own password; until then no one can open client records.</translation>
    </message>
    <message>
        <source>Once the key exists, read this code to a branch manager in person (never by phone or chat) so they can confirm you.</source>
        <translation>Once the key exists, read this code to a branch manager in person (never by phone or chat) so they can confirm you.</translation>
    </message>
    <message>
        <source>Waiting for a manager to confirm your access to client data</source>
        <translation>Waiting for a manager to confirm your access to client data</translation>
    </message>
    <message>
        <source>Only agents and managers a branch manager has confirmed can open client records. You are not confirmed yet, or your access ended when your password was reset.</source>
        <translation>Only agents and managers a branch manager has confirmed can open client records. You are not confirmed yet, or your access ended when your password was reset.</translation>
    </message>
    <message>
        <source>Read this code to a branch manager in person (never by phone or chat). They type it in BranchVault under Client data → Confirm staff access. Then sign out and sign in again. If the code they see differs, do not go on: tell IT&apos;s supervisor.</source>
        <translation>Read this code to a branch manager in person (never by phone or chat). They type it in BranchVault under Client data → Confirm staff access. Then sign out and sign in again. If the code they see differs, do not go on: tell IT&apos;s supervisor.</translation>
    </message>
    <message>
        <source>Your confirmation code:</source>
        <translation>Your confirmation code:</translation>
    </message>
    <message>
        <source>To get your confirmation code, set a new password now, in front of the manager who will confirm you: only a password you chose yourself protects your access.</source>
        <translation>To get your confirmation code, set a new password now, in front of the manager who will confirm you: only a password you chose yourself protects your access.</translation>
    </message>
    <message>
        <source>Set a &amp;new password to get your code…</source>
        <translation>Set a &amp;new password to get your code…</translation>
    </message>
    <message>
        <source>Use the client-data &amp;recovery code…</source>
        <translation>Use the client-data &amp;recovery code…</translation>
    </message>
    <message>
        <source>&amp;Create the client-data key…</source>
        <translation>&amp;Create the client-data key…</translation>
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
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>ID type:</source>
        <translation>ID type:</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>Household income:</source>
        <translation>Household income:</translation>
    </message>
    <message>
        <source>Districts wanted:</source>
        <translation>Districts wanted:</translation>
    </message>
    <message>
        <source>Assigned agent:</source>
        <translation>Assigned agent:</translation>
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
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>Change history</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>&amp;Add follow-up…</source>
        <translation>&amp;Add follow-up…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Re&amp;assign…</source>
        <translation>Re&amp;assign…</translation>
    </message>
    <message>
        <source>De&amp;lete client data…</source>
        <translation>De&amp;lete client data…</translation>
    </message>
    <message>
        <source>Print privacy &amp;tips…</source>
        <translation>Print privacy &amp;tips…</translation>
    </message>
    <message>
        <source>Kept only as the law requires; cannot be viewed</source>
        <translation>Kept only as the law requires; cannot be viewed</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>No changes recorded.</translation>
    </message>
    <message>
        <source>%1 %2 changed %3</source>
        <translation>%1 %2 changed %3</translation>
    </message>
    <message>
        <source>%1 (correction request #%2)</source>
        <translation>%1 (correction request #%2)</translation>
    </message>
    <message>
        <source>Reveal again when you are back.</source>
        <translation>Reveal again when you are back.</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared after %1 seconds.</source>
        <translation>Copied. The clipboard is cleared after %1 seconds.</translation>
    </message>
</context>
<context>
    <name>ClientEditDialog</name>
    <message>
        <source>Edit client</source>
        <translation>Edit client</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>the client is now before the subscription stage</source>
        <translation>the client is now before the subscription stage</translation>
    </message>
    <message>
        <source>The ID number and income band will be deleted because %1. This cannot be undone. Save?</source>
        <translation>The ID number and income band will be deleted because %1. This cannot be undone. Save?</translation>
    </message>
    <message>
        <source>Delete sensitive data</source>
        <translation>Delete sensitive data</translation>
    </message>
</context>
<context>
    <name>ClientFilterBar</name>
    <message>
        <source>Any intention</source>
        <translation>Any intention</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>Any stage</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Any source</translation>
    </message>
    <message>
        <source>Any agent</source>
        <translation>Any agent</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>Last contact:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Last contact on or after this day</source>
        <translation>Last contact on or after this day</translation>
    </message>
    <message>
        <source>Last contact on or before this day</source>
        <translation>Last contact on or before this day</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>C&amp;lear filters</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Purchase intention</source>
        <translation>Purchase intention</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Sensitive data</translation>
    </message>
    <message>
        <source>Grey text is the masked current value: leave a field blank to keep it, type to replace it.</source>
        <translation>Grey text is the masked current value: leave a field blank to keep it, type to replace it.</translation>
    </message>
    <message>
        <source>A first visit needs only a name (or surname) and a phone number.</source>
        <translation>A first visit needs only a name (or surname) and a phone number.</translation>
    </message>
    <message>
        <source>From the subscription stage on, and only with the client&apos;s separate consent recorded.</source>
        <translation>From the subscription stage on, and only with the client&apos;s separate consent recorded.</translation>
    </message>
    <message>
        <source>Separate consent for sensitive data recorded</source>
        <translation>Separate consent for sensitive data recorded</translation>
    </message>
    <message>
        <source>Recorded from the signed consent form on the client&apos;s page (Consent tab), not here.</source>
        <translation>Recorded from the signed consent form on the client&apos;s page (Consent tab), not here.</translation>
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
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>S&amp;tage:</source>
        <translation>S&amp;tage:</translation>
    </message>
    <message>
        <source>Pro&amp;vince:</source>
        <translation>Pro&amp;vince:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>City:</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>Street address:</source>
        <translation>Street address:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <source>Districts &amp;wanted:</source>
        <translation>Districts &amp;wanted:</translation>
    </message>
    <message>
        <source>ID &amp;document:</source>
        <translation>ID &amp;document:</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>Household in&amp;come:</source>
        <translation>Household in&amp;come:</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(unchanged)</translation>
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
        <source>e.g. 南山区、福田区</source>
        <translation>e.g. 南山区、福田区</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
</context>
<context>
    <name>ClientKeySetUpDialog</name>
    <message>
        <source>Create the client-data key</source>
        <translation>Create the client-data key</translation>
    </message>
    <message>
        <source>Client personal data is kept in its own encrypted file, under a client-data key that only branch managers and the agents a manager confirms hold. IT administrators and auditors never hold it.

This branch has no client-data key yet. As its manager, create it now. If this branch already has client records from an earlier version, they are moved into the new file in the same step; this can take a moment.

You then get the client-data recovery code, shown once.</source>
        <translation>Client personal data is kept in its own encrypted file, under a client-data key that only branch managers and the agents a manager confirms hold. IT administrators and auditors never hold it.

This branch has no client-data key yet. As its manager, create it now. If this branch already has client records from an earlier version, they are moved into the new file in the same step; this can take a moment.

You then get the client-data recovery code, shown once.</translation>
    </message>
    <message>
        <source>&amp;Create the client-data key</source>
        <translation>&amp;Create the client-data key</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Later</translation>
    </message>
</context>
<context>
    <name>ClientPickerDialog</name>
    <message>
        <source>Affected clients of %1</source>
        <translation>Affected clients of %1</translation>
    </message>
    <message>
        <source>Find clients:</source>
        <translation>Find clients:</translation>
    </message>
    <message>
        <source>Affected clients:</source>
        <translation>Affected clients:</translation>
    </message>
    <message>
        <source>Name, pinyin or last 4 digits of the phone</source>
        <translation>Name, pinyin or last 4 digits of the phone</translation>
    </message>
    <message>
        <source>&amp;Add →</source>
        <translation>&amp;Add →</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>&amp;Save list</source>
        <translation>&amp;Save list</translation>
    </message>
    <message>
        <source>%1 client(s) affected</source>
        <translation>%1 client(s) affected</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>⚠ Sign again</source>
        <translation>⚠ Sign again</translation>
    </message>
    <message>
        <source>A newer privacy notice changed the purposes or recipients: print the current consent form on the client&apos;s page and ask the client to sign it again.</source>
        <translation>A newer privacy notice changed the purposes or recipients: print the current consent form on the client&apos;s page and ask the client to sign it again.</translation>
    </message>
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
    <message>
        <source>Consent</source>
        <translation>Consent</translation>
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
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>Consent &amp;forms (PDF)…</source>
        <translation>Consent &amp;forms (PDF)…</translation>
    </message>
    <message>
        <source>The consent forms of the selected clients as one PDF to print</source>
        <translation>The consent forms of the selected clients as one PDF to print</translation>
    </message>
    <message>
        <source>Matching clients: %1</source>
        <translation>Matching clients: %1</translation>
    </message>
    <message>
        <source>Clients: %1</source>
        <translation>Clients: %1</translation>
    </message>
    <message>
        <source>Choose at most %1 clients for one PDF.</source>
        <translation>Choose at most %1 clients for one PDF.</translation>
    </message>
    <message>
        <source>The list is still loading. Try again in a moment.</source>
        <translation>The list is still loading. Try again in a moment.</translation>
    </message>
    <message>
        <source>Save the consent forms as PDF</source>
        <translation>Save the consent forms as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CodeOnceDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Done</translation>
    </message>
</context>
<context>
    <name>ConfirmAccessDialog</name>
    <message>
        <source>Confirm staff access to client data</source>
        <translation>Confirm staff access to client data</translation>
    </message>
    <message>
        <source>These agents and managers cannot open client records until you confirm them. Confirm someone only with the code they read to you from their own screen, in person.</source>
        <translation>These agents and managers cannot open client records until you confirm them. Confirm someone only with the code they read to you from their own screen, in person.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
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
        <source>Nobody is waiting for confirmation.</source>
        <translation>Nobody is waiting for confirmation.</translation>
    </message>
    <message>
        <source>&amp;Confirm…</source>
        <translation>&amp;Confirm…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Role changed since they last held access (was: %1): check it was meant</source>
        <translation>Role changed since they last held access (was: %1): check it was meant</translation>
    </message>
    <message>
        <source>Still on the temporary password: they sign in and set their own first</source>
        <translation>Still on the temporary password: they sign in and set their own first</translation>
    </message>
    <message>
        <source>Ready: ask them for their code</source>
        <translation>Ready: ask them for their code</translation>
    </message>
    <message>
        <source>%1 is confirmed: they sign out and in again to open client records.</source>
        <translation>%1 is confirmed: they sign out and in again to open client records.</translation>
    </message>
</context>
<context>
    <name>ConfirmMemberDialog</name>
    <message>
        <source>Confirm access to client data</source>
        <translation>Confirm access to client data</translation>
    </message>
    <message>
        <source>Confirm %1 (%2), %3</source>
        <translation>Confirm %1 (%2), %3</translation>
    </message>
    <message>
        <source>Ask them to sign in on their own and read you the confirmation code on their screen, in person — never by phone or chat. Type the 20 digits exactly as they read them.</source>
        <translation>Ask them to sign in on their own and read you the confirmation code on their screen, in person — never by phone or chat. Type the 20 digits exactly as they read them.</translation>
    </message>
    <message>
        <source>Their &amp;confirmation code:</source>
        <translation>Their &amp;confirmation code:</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirm</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConsentBatchDialog</name>
    <message>
        <source>Consent forms for the selected clients</source>
        <translation>Consent forms for the selected clients</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n consent form(s) as one PDF…</source>
        <translation>
            <numerusform>Preparing %n consent form as one PDF…</numerusform>
            <numerusform>Preparing %n consent forms as one PDF…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n consent form(s) to %1. Print it and have each client sign their form.</source>
        <translation>
            <numerusform>Saved %n consent form to %1. Print it and have each client sign their form.</numerusform>
            <numerusform>Saved %n consent forms to %1. Print it and have each client sign their form.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: no file was saved and no form number was recorded.</source>
        <translation>Cancelled: no file was saved and no form number was recorded.</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Form number</source>
        <translation>Form number</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Notice version</source>
        <translation>Notice version</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>Witness</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Recorded forms</source>
        <translation>Recorded forms</translation>
    </message>
    <message>
        <source>No signed form recorded yet.</source>
        <translation>No signed form recorded yet.</translation>
    </message>
    <message>
        <source>&amp;Print consent form…</source>
        <translation>&amp;Print consent form…</translation>
    </message>
    <message>
        <source>&amp;Record signed form…</source>
        <translation>&amp;Record signed form…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>Sign again: a newer privacy notice changed the purposes or recipients. Print the current consent form and ask the client to sign it.</source>
        <translation>Sign again: a newer privacy notice changed the purposes or recipients. Print the current consent form and ask the client to sign it.</translation>
    </message>
    <message>
        <source>Registered under notice version %1, no consent form signed; current version %2.</source>
        <translation>Registered under notice version %1, no consent form signed; current version %2.</translation>
    </message>
    <message>
        <source>Latest form signed under notice version %1; current version %2.</source>
        <translation>Latest form signed under notice version %1; current version %2.</translation>
    </message>
    <message>
        <source>Current privacy notice version: %1.</source>
        <translation>Current privacy notice version: %1.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>The signed form is recorded.</source>
        <translation>The signed form is recorded.</translation>
    </message>
    <message>
        <source>The consent is withdrawn; it took effect at once.</source>
        <translation>The consent is withdrawn; it took effect at once.</translation>
    </message>
</context>
<context>
    <name>ConsentPrintChoice</name>
    <message>
        <source>Consent form %1</source>
        <translation>Consent form %1</translation>
    </message>
    <message>
        <source>Consent form %1 (privacy notice %2) is ready. Print it for the client to sign, or save it as a PDF. Record the signed form with this number.</source>
        <translation>Consent form %1 (privacy notice %2) is ready. Print it for the client to sign, or save it as a PDF. Record the signed form with this number.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Saved as %1</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct data for request %1</source>
        <translation>Correct data for request %1</translation>
    </message>
    <message>
        <source>Enter each field to correct and its new value, as the client asked. The change is kept in the client&apos;s history with this request number.</source>
        <translation>Enter each field to correct and its new value, as the client asked. The change is kept in the client&apos;s history with this request number.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>&amp;Add a field</source>
        <translation>&amp;Add a field</translation>
    </message>
    <message>
        <source>&amp;Correct and complete</source>
        <translation>&amp;Correct and complete</translation>
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
    <name>DashboardTab</name>
    <message>
        <source>Targets</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>Privacy programme targets</source>
        <translation>Privacy programme targets</translation>
    </message>
    <message>
        <source>&amp;Quarter:</source>
        <translation>&amp;Quarter:</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>&amp;Print quarterly report…</source>
        <translation>&amp;Print quarterly report…</translation>
    </message>
    <message>
        <source>&amp;Save report as PDF…</source>
        <translation>&amp;Save report as PDF…</translation>
    </message>
    <message>
        <source>What is due</source>
        <translation>What is due</translation>
    </message>
    <message>
        <source>Breach baseline</source>
        <translation>Breach baseline</translation>
    </message>
    <message>
        <source>Baseline &amp;year:</source>
        <translation>Baseline &amp;year:</translation>
    </message>
    <message>
        <source>Breaches that y&amp;ear:</source>
        <translation>Breaches that y&amp;ear:</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>Count from the records</source>
        <translation>Count from the records</translation>
    </message>
    <message>
        <source>The breach target compares this year&apos;s personal-information breaches with the baseline year. Set the count when the branch&apos;s records do not cover that year.</source>
        <translation>The breach target compares this year&apos;s personal-information breaches with the baseline year. Set the count when the branch&apos;s records do not cover that year.</translation>
    </message>
    <message>
        <source>Sa&amp;ve baseline</source>
        <translation>Sa&amp;ve baseline</translation>
    </message>
    <message>
        <source>Training: everyone has completed this quarter&apos;s training</source>
        <translation>Training: everyone has completed this quarter&apos;s training</translation>
    </message>
    <message>
        <source>Training: %1 staff have not completed it (grace period until %2)</source>
        <translation>Training: %1 staff have not completed it (grace period until %2)</translation>
    </message>
    <message>
        <source>Compliance review: none finished yet; one is due now</source>
        <translation>Compliance review: none finished yet; one is due now</translation>
    </message>
    <message>
        <source>Compliance review: overdue (was due by %1)</source>
        <translation>Compliance review: overdue (was due by %1)</translation>
    </message>
    <message>
        <source>Compliance review: due by %1</source>
        <translation>Compliance review: due by %1</translation>
    </message>
    <message>
        <source>Compliance review: next due by %1</source>
        <translation>Compliance review: next due by %1</translation>
    </message>
    <message>
        <source>Satisfaction survey: %1 responses this quarter</source>
        <translation>Satisfaction survey: %1 responses this quarter</translation>
    </message>
    <message>
        <source>Satisfaction survey: no responses yet this quarter (it ends %1)</source>
        <translation>Satisfaction survey: no responses yet this quarter (it ends %1)</translation>
    </message>
    <message>
        <source>Education campaigns: enough this year</source>
        <translation>Education campaigns: enough this year</translation>
    </message>
    <message>
        <source>Education campaigns: %1 more needed this year</source>
        <translation>Education campaigns: %1 more needed this year</translation>
    </message>
    <message>
        <source>Incidents: %1 open, with missed deadlines</source>
        <translation>Incidents: %1 open, with missed deadlines</translation>
    </message>
    <message>
        <source>Incidents: %1 open</source>
        <translation>Incidents: %1 open</translation>
    </message>
    <message>
        <source>Rectifications: %1 overdue</source>
        <translation>Rectifications: %1 overdue</translation>
    </message>
    <message>
        <source>Rectifications: some still open</source>
        <translation>Rectifications: some still open</translation>
    </message>
    <message>
        <source>Rectifications: none overdue</source>
        <translation>Rectifications: none overdue</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Figures as of %1.</source>
        <translation>Figures as of %1.</translation>
    </message>
    <message>
        <source>The stored client figures do not match the audit log (they were edited) and are not used; a manager opening this dashboard computes them again.</source>
        <translation>The stored client figures do not match the audit log (they were edited) and are not used; a manager opening this dashboard computes them again.</translation>
    </message>
    <message>
        <source>Client figures (privacy education) are not available yet: they are computed when a manager opens this dashboard.</source>
        <translation>Client figures (privacy education) are not available yet: they are computed when a manager opens this dashboard.</translation>
    </message>
    <message>
        <source>Client figures as of %1, computed by %2.</source>
        <translation>Client figures as of %1, computed by %2.</translation>
    </message>
    <message>
        <source>Privacy programme report %1</source>
        <translation>Privacy programme report %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <source>Breach baseline saved.</source>
        <translation>Breach baseline saved.</translation>
    </message>
</context>
<context>
    <name>DestroyClientDialog</name>
    <message>
        <source>The purpose of processing has been achieved</source>
        <translation>The purpose of processing has been achieved</translation>
    </message>
    <message>
        <source>The purpose of processing cannot be achieved</source>
        <translation>The purpose of processing cannot be achieved</translation>
    </message>
    <message>
        <source>The data is no longer necessary for the purpose</source>
        <translation>The data is no longer necessary for the purpose</translation>
    </message>
    <message>
        <source>The company stopped providing the service</source>
        <translation>The company stopped providing the service</translation>
    </message>
    <message>
        <source>The client withdrew consent</source>
        <translation>The client withdrew consent</translation>
    </message>
    <message>
        <source>The processing violated laws, regulations or the agreement</source>
        <translation>The processing violated laws, regulations or the agreement</translation>
    </message>
    <message>
        <source>Delete client data</source>
        <translation>Delete client data</translation>
    </message>
    <message>
        <source>Delete this client&apos;s personal information on the company&apos;s own initiative (PIPL Art. 47): the record, follow-ups and search entries are destroyed and cannot be recovered, and a destruction certificate is made. A buyer still under the anti-money-laundering hold is kept in storage only instead.</source>
        <translation>Delete this client&apos;s personal information on the company&apos;s own initiative (PIPL Art. 47): the record, follow-ups and search entries are destroyed and cannot be recovered, and a destruction certificate is made. A buyer still under the anti-money-laundering hold is kept in storage only instead.</translation>
    </message>
    <message>
        <source>&amp;Ground:</source>
        <translation>&amp;Ground:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Why (required; no names, phone or ID numbers)</source>
        <translation>Why (required; no names, phone or ID numbers)</translation>
    </message>
    <message>
        <source>I understand the data cannot be recovered</source>
        <translation>I understand the data cannot be recovered</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Save certificate…</source>
        <translation>&amp;Save certificate…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>The client&apos;s data was destroyed (destruction record No. %1).</source>
        <translation>The client&apos;s data was destroyed (destruction record No. %1).</translation>
    </message>
    <message>
        <source>This client bought: anti-money-laundering rules require keeping the records until %1. The record is now in storage only and all other processing has stopped; nothing was destroyed.</source>
        <translation>This client bought: anti-money-laundering rules require keeping the records until %1. The record is now in storage only and all other processing has stopped; nothing was destroyed.</translation>
    </message>
    <message>
        <source>Certificate saved as %1</source>
        <translation>Certificate saved as %1</translation>
    </message>
</context>
<context>
    <name>EducationTab</name>
    <message>
        <source>Privacy education</source>
        <translation>Privacy education</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>&amp;Add campaign…</source>
        <translation>&amp;Add campaign…</translation>
    </message>
    <message>
        <source>Record &amp;participants…</source>
        <translation>Record &amp;participants…</translation>
    </message>
    <message>
        <source>&amp;Import attendee list…</source>
        <translation>&amp;Import attendee list…</translation>
    </message>
    <message>
        <source>Print privacy &amp;tips…</source>
        <translation>Print privacy &amp;tips…</translation>
    </message>
    <message>
        <source>Print privacy tips for a &amp;client…</source>
        <translation>Print privacy tips for a &amp;client…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Campaigns in %1: %2 of %3 a year</source>
        <translation>Campaigns in %1: %2 of %3 a year</translation>
    </message>
    <message>
        <source>Participation needs the client-data key (confirmed agents and managers); the programme dashboard shows the branch&apos;s figure.</source>
        <translation>Participation needs the client-data key (confirmed agents and managers); the programme dashboard shows the branch&apos;s figure.</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>Clients who took part: %1 of %2 active clients = %3 (target %4%)</source>
        <translation>Clients who took part: %1 of %2 active clients = %3 (target %4%)</translation>
    </message>
    <message>
        <source>Recorded: %1; already recorded before: %2</source>
        <translation>Recorded: %1; already recorded before: %2</translation>
    </message>
    <message>
        <source>Attendee list</source>
        <translation>Attendee list</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</translation>
    </message>
    <message>
        <source>Rows: %1; matched: %2</source>
        <translation>Rows: %1; matched: %2</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Row %1: %2</translation>
    </message>
</context>
<context>
    <name>ExportLabels</name>
    <message>
        <source>Awaiting approval</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Queued for sending</source>
        <translation>Queued for sending</translation>
    </message>
    <message>
        <source>Sent, awaiting receipt</source>
        <translation>Sent, awaiting receipt</translation>
    </message>
    <message>
        <source>Received by headquarters</source>
        <translation>Received by headquarters</translation>
    </message>
    <message>
        <source>Sending failed, will retry</source>
        <translation>Sending failed, will retry</translation>
    </message>
    <message>
        <source>same legal entity</source>
        <translation>same legal entity</translation>
    </message>
    <message>
        <source>entrustment agreement</source>
        <translation>entrustment agreement</translation>
    </message>
    <message>
        <source>separate consent</source>
        <translation>separate consent</translation>
    </message>
    <message>
        <source>Clients held now</source>
        <translation>Clients held now</translation>
    </message>
    <message>
        <source>New clients</source>
        <translation>New clients</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Consent given</translation>
    </message>
    <message>
        <source>Other districts (each under k)</source>
        <translation>Other districts (each under k)</translation>
    </message>
    <message>
        <source>New clients by %1</source>
        <translation>New clients by %1</translation>
    </message>
    <message>
        <source>Consent by purpose (clients held now)</source>
        <translation>Consent by purpose (clients held now)</translation>
    </message>
    <message>
        <source>Individuals&apos; requests</source>
        <translation>Individuals&apos; requests</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Clients&apos; data destroyed</source>
        <translation>Clients&apos; data destroyed</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Still open</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>Pseudonym</translation>
    </message>
    <message>
        <source>Name (masked)</source>
        <translation>Name (masked)</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Intention</source>
        <translation>Intention</translation>
    </message>
    <message>
        <source>Property type</source>
        <translation>Property type</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Agent code</source>
        <translation>Agent code</translation>
    </message>
</context>
<context>
    <name>ExportReviewDialog</name>
    <message>
        <source>Review the summary for headquarters</source>
        <translation>Review the summary for headquarters</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Approve…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>Re&amp;ject…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>You prepared this summary: another manager must review and approve it.</source>
        <translation>You prepared this summary: another manager must review and approve it.</translation>
    </message>
    <message>
        <source>Another manager must approve a summary you prepared.</source>
        <translation>Another manager must approve a summary you prepared.</translation>
    </message>
    <message>
        <source>Loading the summary…</source>
        <translation>Loading the summary…</translation>
    </message>
    <message>
        <source>Period %1 · %2</source>
        <translation>Period %1 · %2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>received by headquarters %1</source>
        <translation>received by headquarters %1</translation>
    </message>
</context>
<context>
    <name>ExportTableModel</name>
    <message>
        <source>Rejected: %1</source>
        <translation>Rejected: %1</translation>
    </message>
    <message>
        <source>%1 — next try %2</source>
        <translation>%1 — next try %2</translation>
    </message>
    <message>
        <source>(scheduled)</source>
        <translation>(scheduled)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Prepared by</translation>
    </message>
    <message>
        <source>Approved / rejected by</source>
        <translation>Approved / rejected by</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received by HQ</source>
        <translation>Received by HQ</translation>
    </message>
    <message>
        <source>Last error / note</source>
        <translation>Last error / note</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>Summaries for headquarters</source>
        <translation>Summaries for headquarters</translation>
    </message>
    <message>
        <source>Headquarters receives counts for a period, with small counts suppressed — never names, phone numbers, ID numbers, addresses or notes. Each summary leaves only after a manager other than its preparer has approved it.</source>
        <translation>Headquarters receives counts for a period, with small counts suppressed — never names, phone numbers, ID numbers, addresses or notes. Each summary leaves only after a manager other than its preparer has approved it.</translation>
    </message>
    <message>
        <source>&amp;Prepare summary…</source>
        <translation>&amp;Prepare summary…</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Review…</translation>
    </message>
    <message>
        <source>&amp;What left this branch…</source>
        <translation>&amp;What left this branch…</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>&amp;Send now</translation>
    </message>
    <message>
        <source>Send approved summaries to headquarters now</source>
        <translation>Send approved summaries to headquarters now</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>&amp;Daily preparation…</source>
        <translation>&amp;Daily preparation…</translation>
    </message>
    <message numerus="yes">
        <source>%n summary(ies) await approval by a manager who did not prepare them.</source>
        <translation>
            <numerusform>%n summary awaits approval by a manager who did not prepare it.</numerusform>
            <numerusform>%n summaries await approval by a manager who did not prepare them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Daily preparation: every day at %1 (Beijing time), the previous day&apos;s summary.</source>
        <translation>Daily preparation: every day at %1 (Beijing time), the previous day&apos;s summary.</translation>
    </message>
    <message>
        <source>Daily preparation: off.</source>
        <translation>Daily preparation: off.</translation>
    </message>
    <message>
        <source>Sending to headquarters…</source>
        <translation>Sending to headquarters…</translation>
    </message>
    <message>
        <source>Approved summaries are sent in the background while you are signed in.</source>
        <translation>Approved summaries are sent in the background while you are signed in.</translation>
    </message>
    <message>
        <source>Last attempt %1: %2</source>
        <translation>Last attempt %1: %2</translation>
    </message>
    <message>
        <source>This branch is not enrolled with headquarters yet: approved summaries wait in the outbox until IT enrols it.</source>
        <translation>This branch is not enrolled with headquarters yet: approved summaries wait in the outbox until IT enrols it.</translation>
    </message>
    <message>
        <source>Last check %1: %2 sent, %3 received by headquarters, %4 failing.</source>
        <translation>Last check %1: %2 sent, %3 received by headquarters, %4 failing.</translation>
    </message>
    <message>
        <source>Next try %1.</source>
        <translation>Next try %1.</translation>
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
    <name>FollowupTimeline</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import clients from a spreadsheet</source>
        <translation>Import clients from a spreadsheet</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Choose the file</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx or .xls) or CSV client list. The file is only read, never copied; every row is checked like a new client before anything is saved.</source>
        <translation>Choose an Excel (.xlsx or .xls) or CSV client list. The file is only read, never copied; every row is checked like a new client before anything is saved.</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation>Match the columns</translation>
    </message>
    <message>
        <source>Check what each column holds. Columns set to “Ignore” are not imported; your choices are remembered for the next file.</source>
        <translation>Check what each column holds. Columns set to “Ignore” are not imported; your choices are remembered for the next file.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>Imported as</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>&amp;Remember these choices for the whole branch (everyone&apos;s default; a person&apos;s own choices come first)</source>
        <translation>&amp;Remember these choices for the whole branch (everyone&apos;s default; a person&apos;s own choices come first)</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>When a client with the same phone or ID number already exists:</source>
        <translation>When a client with the same phone or ID number already exists:</translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation>&amp;Skip the row</translation>
    </message>
    <message>
        <source>&amp;Fill the existing client&apos;s empty fields</source>
        <translation>&amp;Fill the existing client&apos;s empty fields</translation>
    </message>
    <message>
        <source>Assign the imported clients to:</source>
        <translation>Assign the imported clients to:</translation>
    </message>
    <message>
        <source>I confirm the whole file has signed sensitive-data consent</source>
        <translation>I confirm the whole file has signed sensitive-data consent</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Choose a client list</source>
        <translation>Choose a client list</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>Header found in row %1; %2 data row(s) to check.</source>
        <translation>Header found in row %1; %2 data row(s) to check.</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>&amp;Report an incident…</source>
        <translation>&amp;Report an incident…</translation>
    </message>
    <message>
        <source>&amp;Assess…</source>
        <translation>&amp;Assess…</translation>
    </message>
    <message>
        <source>Affected &amp;clients…</source>
        <translation>Affected &amp;clients…</translation>
    </message>
    <message>
        <source>&amp;Move on…</source>
        <translation>&amp;Move on…</translation>
    </message>
    <message>
        <source>Record a re&amp;port…</source>
        <translation>Record a re&amp;port…</translation>
    </message>
    <message>
        <source>&amp;Print all letters…</source>
        <translation>&amp;Print all letters…</translation>
    </message>
    <message>
        <source>&amp;Save all letters…</source>
        <translation>&amp;Save all letters…</translation>
    </message>
    <message>
        <source>&amp;Log a notification…</source>
        <translation>&amp;Log a notification…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>Breach</translation>
    </message>
    <message>
        <source>Affected</source>
        <translation>Affected</translation>
    </message>
    <message>
        <source>Internal report</source>
        <translation>Internal report</translation>
    </message>
    <message>
        <source>Regulator report</source>
        <translation>Regulator report</translation>
    </message>
    <message>
        <source>Client notice</source>
        <translation>Client notice</translation>
    </message>
    <message>
        <source>Notification log</source>
        <translation>Notification log</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Reported by: %1</source>
        <translation>Reported by: %1</translation>
    </message>
    <message>
        <source>What happened: %1</source>
        <translation>What happened: %1</translation>
    </message>
    <message>
        <source>Information affected: %1</source>
        <translation>Information affected: %1</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>Cause: %1</translation>
    </message>
    <message>
        <source>Measures: %1</source>
        <translation>Measures: %1</translation>
    </message>
    <message>
        <source>Possible harm: %1</source>
        <translation>Possible harm: %1</translation>
    </message>
    <message>
        <source>Advice to clients: %1</source>
        <translation>Advice to clients: %1</translation>
    </message>
    <message>
        <source>Timeline:</source>
        <translation>Timeline:</translation>
    </message>
    <message>
        <source>Breach letters %1</source>
        <translation>Breach letters %1</translation>
    </message>
    <message>
        <source>Save the letters into a folder</source>
        <translation>Save the letters into a folder</translation>
    </message>
    <message>
        <source>Letters saved</source>
        <translation>Letters saved</translation>
    </message>
    <message>
        <source>%1 letter(s) saved in %2</source>
        <translation>%1 letter(s) saved in %2</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New client</source>
        <translation>New client</translation>
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
    <name>IntegrityRunner</name>
    <message>
        <source>Database integrity check failed</source>
        <translation>Database integrity check failed</translation>
    </message>
    <message>
        <source>The app&apos;s integrity check found damage in the branch&apos;s data:
%1

Tell IT now. Keep working only if IT says so: IT restores the latest verified backup.</source>
        <translation>The app&apos;s integrity check found damage in the branch&apos;s data:
%1

Tell IT now. Keep working only if IT says so: IT restores the latest verified backup.</translation>
    </message>
</context>
<context>
    <name>IntegrityTab</name>
    <message>
        <source>Checking every page of the branch&apos;s data…</source>
        <translation>Checking every page of the branch&apos;s data…</translation>
    </message>
    <message>
        <source>Integrity check passed.</source>
        <translation>Integrity check passed.</translation>
    </message>
    <message>
        <source>Integrity check FAILED: %1. Tell IT now.</source>
        <translation>Integrity check FAILED: %1. Tell IT now.</translation>
    </message>
    <message>
        <source>after an unclean shutdown</source>
        <translation>after an unclean shutdown</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>scheduled</translation>
    </message>
    <message>
        <source>on request</source>
        <translation>on request</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>Integrity check</source>
        <translation>Integrity check</translation>
    </message>
    <message>
        <source>Reads every page of branch.db (and clients.db when you hold the client-data key), checks tables, indexes, foreign keys, the audit chain and the key slots. The app also runs it on a schedule and after an unclean shutdown.</source>
        <translation>Reads every page of branch.db (and clients.db when you hold the client-data key), checks tables, indexes, foreign keys, the audit chain and the key slots. The app also runs it on a schedule and after an unclean shutdown.</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Check now</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>How</source>
        <translation>How</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Failed checks</source>
        <translation>Failed checks</translation>
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
    <name>LeafletChoice</name>
    <message>
        <source>Privacy tips leaflet</source>
        <translation>Privacy tips leaflet</translation>
    </message>
    <message>
        <source>The privacy tips leaflet is ready, and it is recorded that the client received it today. Print it, or save it as a PDF.</source>
        <translation>The privacy tips leaflet is ready, and it is recorded that the client received it today. Print it, or save it as a PDF.</translation>
    </message>
    <message>
        <source>The privacy tips leaflet is ready. Print it, or save it as a PDF.</source>
        <translation>The privacy tips leaflet is ready. Print it, or save it as a PDF.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Saved as %1</translation>
    </message>
</context>
<context>
    <name>LeftBranchDialog</name>
    <message>
        <source>Nothing has been sent to headquarters from this branch yet.</source>
        <translation>Nothing has been sent to headquarters from this branch yet.</translation>
    </message>
    <message>
        <source>no receipt yet</source>
        <translation>no receipt yet</translation>
    </message>
    <message>
        <source>Save the record as PDF</source>
        <translation>Save the record as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Save the record as JSON</source>
        <translation>Save the record as JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>What left this branch</source>
        <translation>What left this branch</translation>
    </message>
    <message>
        <source>Every summary sent to headquarters, exactly as it left, with the SHA-256 of the body sent and headquarters&apos; signed receipt. Save one as JSON or PDF for an auditor.</source>
        <translation>Every summary sent to headquarters, exactly as it left, with the SHA-256 of the body sent and headquarters&apos; signed receipt. Save one as JSON or PDF for an auditor.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Content SHA-256</source>
        <translation>Content SHA-256</translation>
    </message>
    <message>
        <source>Body SHA-256</source>
        <translation>Body SHA-256</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received by HQ</source>
        <translation>Received by HQ</translation>
    </message>
    <message>
        <source>Body SHA-256:</source>
        <translation>Body SHA-256:</translation>
    </message>
    <message>
        <source>Received by HQ:</source>
        <translation>Received by HQ:</translation>
    </message>
    <message>
        <source>HQ sequence number:</source>
        <translation>HQ sequence number:</translation>
    </message>
    <message>
        <source>HQ signature:</source>
        <translation>HQ signature:</translation>
    </message>
    <message>
        <source>Save as &amp;JSON…</source>
        <translation>Save as &amp;JSON…</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Save as &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>LmsImportDialog</name>
    <message>
        <source>Learning platform results</source>
        <translation>Learning platform results</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) imported.</source>
        <translation>
            <numerusform>%n result imported.</numerusform>
            <numerusform>%n results imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checked (nothing written yet)</source>
        <translation>Checked (nothing written yet)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>%1 of %2 rows; %3 passed (pass mark %4); %5 not imported.</source>
        <translation>%1 of %2 rows; %3 passed (pass mark %4); %5 not imported.</translation>
    </message>
    <message>
        <source>Import learning platform results</source>
        <translation>Import learning platform results</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Username or name, score and date columns (xlsx, xls, csv).</source>
        <translation>Username or name, score and date columns (xlsx, xls, csv).</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
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
    <name>LogReviewOverdueBanner</name>
    <message numerus="yes">
        <source>The audit-log review is overdue by %n day(s).</source>
        <translation>
            <numerusform>The audit-log review is overdue by %n day.</numerusform>
            <numerusform>The audit-log review is overdue by %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;log review</source>
        <translation>Open &amp;log review</translation>
    </message>
</context>
<context>
    <name>LogReviewTab</name>
    <message>
        <source>Log review</source>
        <translation>Log review</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Show &amp;summary</source>
        <translation>Show &amp;summary</translation>
    </message>
    <message>
        <source>&amp;No findings</source>
        <translation>&amp;No findings</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>&amp;Findings:</translation>
    </message>
    <message>
        <source>Follow-&amp;up:</source>
        <translation>Follow-&amp;up:</translation>
    </message>
    <message>
        <source>No client personal data: do not enter clients&apos; names, phone or ID numbers.</source>
        <translation>No client personal data: do not enter clients&apos; names, phone or ID numbers.</translation>
    </message>
    <message>
        <source>&amp;Verify the chain and sign off</source>
        <translation>&amp;Verify the chain and sign off</translation>
    </message>
    <message>
        <source>Recorded reviews</source>
        <translation>Recorded reviews</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>Refusals</source>
        <translation>Refusals</translation>
    </message>
    <message>
        <source>Audit chain</source>
        <translation>Audit chain</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>Review recorded; the audit chain was verified first.</source>
        <translation>Review recorded; the audit chain was verified first.</translation>
    </message>
    <message>
        <source>No review recorded yet.</source>
        <translation>No review recorded yet.</translation>
    </message>
    <message>
        <source>Last review: %1 to %2.</source>
        <translation>Last review: %1 to %2.</translation>
    </message>
    <message>
        <source>Next review due by %1.</source>
        <translation>Next review due by %1.</translation>
    </message>
    <message numerus="yes">
        <source>The review is overdue by %n day(s).</source>
        <translation>
            <numerusform>The review is overdue by %n day.</numerusform>
            <numerusform>The review is overdue by %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded reviews were altered or deleted outside the app (%1): they do not count.</source>
        <translation>Recorded reviews were altered or deleted outside the app (%1): they do not count.</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>No findings</translation>
    </message>
    <message>
        <source>ALTERED</source>
        <translation>ALTERED</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>Intact</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>%1 entries (sequence %2 to %3); %4 refusals; %5 failed sign-ins.</source>
        <translation>%1 entries (sequence %2 to %3); %4 refusals; %5 failed sign-ins.</translation>
    </message>
    <message>
        <source>Alerts raised: %1, still open: %2, acknowledged in the period: %3.</source>
        <translation>Alerts raised: %1, still open: %2, acknowledged in the period: %3.</translation>
    </message>
    <message>
        <source>Refusals by member: %1</source>
        <translation>Refusals by member: %1</translation>
    </message>
    <message>
        <source>Sign-ins outside %1:00–%2:00: %3</source>
        <translation>Sign-ins outside %1:00–%2:00: %3</translation>
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
        <source>Requests and retention</source>
        <translation>Requests and retention</translation>
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
        <source>Privacy programme</source>
        <translation>Privacy programme</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Security</translation>
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
        <source>Exports (%1)</source>
        <translation>Exports (%1)</translation>
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
        <source>&amp;Two-factor authentication…</source>
        <translation>&amp;Two-factor authentication…</translation>
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
        <source>Client &amp;data</source>
        <translation>Client &amp;data</translation>
    </message>
    <message>
        <source>&amp;Confirm staff access…</source>
        <translation>&amp;Confirm staff access…</translation>
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
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <source>A branch manager can allow more reveals by signing in here. You stay signed in.</source>
        <translation>A branch manager can allow more reveals by signing in here. You stay signed in.</translation>
    </message>
    <message>
        <source>Manager &amp;username:</source>
        <translation>Manager &amp;username:</translation>
    </message>
    <message>
        <source>Manager &amp;password:</source>
        <translation>Manager &amp;password:</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>&amp;Allow</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Map one column to the name and one to the phone number.</source>
        <translation>Map one column to the name and one to the phone number.</translation>
    </message>
</context>
<context>
    <name>MyTrainingTab</name>
    <message>
        <source>My training</source>
        <translation>My training</translation>
    </message>
    <message>
        <source>My privacy training</source>
        <translation>My privacy training</translation>
    </message>
    <message>
        <source>Read the modules, then take the quiz. Questions are drawn from every module.</source>
        <translation>Read the modules, then take the quiz. Questions are drawn from every module.</translation>
    </message>
    <message>
        <source>&amp;Start quiz</source>
        <translation>&amp;Start quiz</translation>
    </message>
    <message>
        <source>Answer every question, then submit. A wrong answer shows the correct one and why.</source>
        <translation>Answer every question, then submit. A wrong answer shows the correct one and why.</translation>
    </message>
    <message>
        <source>S&amp;ubmit answers</source>
        <translation>S&amp;ubmit answers</translation>
    </message>
    <message>
        <source>&amp;Leave the quiz</source>
        <translation>&amp;Leave the quiz</translation>
    </message>
    <message>
        <source>&amp;Back to my training</source>
        <translation>&amp;Back to my training</translation>
    </message>
    <message>
        <source>Take the quiz &amp;again</source>
        <translation>Take the quiz &amp;again</translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation>%1: done.</translation>
    </message>
    <message>
        <source>Best score %1%.</source>
        <translation>Best score %1%.</translation>
    </message>
    <message>
        <source>You attended a classroom session.</source>
        <translation>You attended a classroom session.</translation>
    </message>
    <message>
        <source>%1: due by %2 (days left: %3).</source>
        <translation>%1: due by %2 (days left: %3).</translation>
    </message>
    <message>
        <source>%1: overdue since %2. Take the quiz now.</source>
        <translation>%1: overdue since %2. Take the quiz now.</translation>
    </message>
    <message>
        <source>Client data stays closed to you until you pass.</source>
        <translation>Client data stays closed to you until you pass.</translation>
    </message>
    <message>
        <source>Attempts this quarter: %1.</source>
        <translation>Attempts this quarter: %1.</translation>
    </message>
    <message>
        <source>Submit answers</source>
        <translation>Submit answers</translation>
    </message>
    <message>
        <source>%1 question(s) have no answer and will be marked wrong. Submit anyway?</source>
        <translation>%1 question(s) have no answer and will be marked wrong. Submit anyway?</translation>
    </message>
    <message>
        <source>Leave the quiz</source>
        <translation>Leave the quiz</translation>
    </message>
    <message>
        <source>Leave the quiz? Your answers will not be recorded.</source>
        <translation>Leave the quiz? Your answers will not be recorded.</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <source>Named in the privacy notice</source>
        <translation>Named in the privacy notice</translation>
    </message>
    <message>
        <source>Every consent form and privacy notice names these. All four are required.</source>
        <translation>Every consent form and privacy notice names these. All four are required.</translation>
    </message>
    <message>
        <source>The law on personal information (PIPL Art. 17 and 23) requires the notice clients sign to name the company that handles their data and the headquarters that receives it, each with a contact for privacy requests. No consent form can be printed without them; IT can change them later.</source>
        <translation>The law on personal information (PIPL Art. 17 and 23) requires the notice clients sign to name the company that handles their data and the headquarters that receives it, each with a contact for privacy requests. No consent form can be printed without them; IT can change them later.</translation>
    </message>
    <message>
        <source>Company na&amp;me:</source>
        <translation>Company na&amp;me:</translation>
    </message>
    <message>
        <source>Company privacy &amp;contact:</source>
        <translation>Company privacy &amp;contact:</translation>
    </message>
    <message>
        <source>&amp;Headquarters name:</source>
        <translation>&amp;Headquarters name:</translation>
    </message>
    <message>
        <source>Headquarters privacy c&amp;ontact:</source>
        <translation>Headquarters privacy c&amp;ontact:</translation>
    </message>
    <message>
        <source>the company that runs this branch</source>
        <translation>the company that runs this branch</translation>
    </message>
    <message>
        <source>phone or e-mail for privacy requests</source>
        <translation>phone or e-mail for privacy requests</translation>
    </message>
    <message>
        <source>the headquarters that receives client data</source>
        <translation>the headquarters that receives client data</translation>
    </message>
    <message>
        <source>phone or e-mail of headquarters&apos; privacy contact</source>
        <translation>phone or e-mail of headquarters&apos; privacy contact</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Published by</source>
        <translation>Published by</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>Content hash</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bundled with the app</source>
        <translation>Bundled with the app</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Current</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Privacy notices</source>
        <translation>Privacy notices</translation>
    </message>
    <message>
        <source>Each published version of the privacy notice is kept unchanged; the newest is the one in force and is printed on consent forms. The text below is shown with this branch&apos;s details.</source>
        <translation>Each published version of the privacy notice is kept unchanged; the newest is the one in force and is printed on consent forms. The text below is shown with this branch&apos;s details.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Publish new version…</source>
        <translation>&amp;Publish new version…</translation>
    </message>
    <message>
        <source>Print &amp;blank consent form…</source>
        <translation>Print &amp;blank consent form…</translation>
    </message>
    <message>
        <source>For clients who fill in the form by hand before intake: no client data is printed.</source>
        <translation>For clients who fill in the form by hand before intake: no client data is printed.</translation>
    </message>
    <message>
        <source>Choose the privacy notice file from the company</source>
        <translation>Choose the privacy notice file from the company</translation>
    </message>
    <message>
        <source>Notice files (*.toml)</source>
        <translation>Notice files (*.toml)</translation>
    </message>
    <message>
        <source>Publish version %1 (effective from %2) to replace version %3?</source>
        <translation>Publish version %1 (effective from %2) to replace version %3?</translation>
    </message>
    <message>
        <source>A published version can never be changed or withdrawn.</source>
        <translation>A published version can never be changed or withdrawn.</translation>
    </message>
    <message>
        <source>Publish privacy notice</source>
        <translation>Publish privacy notice</translation>
    </message>
    <message>
        <source>Purposes changed: %1</source>
        <translation>Purposes changed: %1</translation>
    </message>
    <message>
        <source>Purposes added: %1</source>
        <translation>Purposes added: %1</translation>
    </message>
    <message>
        <source>Purposes removed: %1</source>
        <translation>Purposes removed: %1</translation>
    </message>
    <message>
        <source>Recipients changed: %1</source>
        <translation>Recipients changed: %1</translation>
    </message>
    <message>
        <source>The processing methods changed.</source>
        <translation>The processing methods changed.</translation>
    </message>
    <message>
        <source>The categories of personal information changed.</source>
        <translation>The categories of personal information changed.</translation>
    </message>
    <message>
        <source>No purpose, recipient, method or category changes: only the wording.</source>
        <translation>No purpose, recipient, method or category changes: only the wording.</translation>
    </message>
    <message>
        <source>Clients who consented under an older version must consent again to: %1</source>
        <translation>Clients who consented under an older version must consent again to: %1</translation>
    </message>
    <message>
        <source>No client needs to consent again.</source>
        <translation>No client needs to consent again.</translation>
    </message>
    <message>
        <source>Version %1 is published and now in force.</source>
        <translation>Version %1 is published and now in force.</translation>
    </message>
</context>
<context>
    <name>NotificationDialog</name>
    <message>
        <source>Log a notification for %1</source>
        <translation>Log a notification for %1</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Client:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Log</translation>
    </message>
</context>
<context>
    <name>OpenAlertsBanner</name>
    <message numerus="yes">
        <source>%n anomaly alert(s) await acknowledgement.</source>
        <translation>
            <numerusform>%n anomaly alert awaits acknowledgement.</numerusform>
            <numerusform>%n anomaly alerts await acknowledgement.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;Alerts</source>
        <translation>Open &amp;Alerts</translation>
    </message>
</context>
<context>
    <name>OutputFiles</name>
    <message>
        <source>Cannot save here</source>
        <translation>Cannot save here</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 already exists. Replace it?</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Replace the file?</translation>
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
    <name>PayloadView</name>
    <message>
        <source>Content SHA-256:</source>
        <translation>Content SHA-256:</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>Privacy programme</source>
        <translation>Privacy programme</translation>
    </message>
    <message>
        <source>Client rows</source>
        <translation>Client rows</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Payload (JSON)</source>
        <translation>Payload (JSON)</translation>
    </message>
    <message>
        <source>Period (Beijing dates):</source>
        <translation>Period (Beijing dates):</translation>
    </message>
    <message>
        <source>Branch code:</source>
        <translation>Branch code:</translation>
    </message>
    <message>
        <source>Submission ID:</source>
        <translation>Submission ID:</translation>
    </message>
    <message>
        <source>Prepared at:</source>
        <translation>Prepared at:</translation>
    </message>
    <message>
        <source>Prepared by:</source>
        <translation>Prepared by:</translation>
    </message>
    <message>
        <source>Approved by:</source>
        <translation>Approved by:</translation>
    </message>
    <message>
        <source>Audit log head:</source>
        <translation>Audit log head:</translation>
    </message>
    <message>
        <source>Schema and software:</source>
        <translation>Schema and software:</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>not yet approved</source>
        <translation>not yet approved</translation>
    </message>
    <message>
        <source>entry %1, hash %2</source>
        <translation>entry %1, hash %2</translation>
    </message>
    <message>
        <source>Every figure below is sent exactly as shown. Counts below %1 are replaced by “%2” (shaded orange); “%3” (shaded violet) hides a further count so that a small count cannot be worked out from the totals. Suppressed cells in this summary: %4.</source>
        <translation>Every figure below is sent exactly as shown. Counts below %1 are replaced by “%2” (shaded orange); “%3” (shaded violet) hides a further count so that a small count cannot be worked out from the totals. Suppressed cells in this summary: %4.</translation>
    </message>
    <message>
        <source>Suppressed: fewer than %1</source>
        <translation>Suppressed: fewer than %1</translation>
    </message>
    <message>
        <source>Suppressed so that a small count cannot be worked out from the totals</source>
        <translation>Suppressed so that a small count cannot be worked out from the totals</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>No per-client rows are sent: this branch sends figures only (the default).</source>
        <translation>No per-client rows are sent: this branch sends figures only (the default).</translation>
    </message>
    <message numerus="yes">
        <source>%n masked client row(s) are sent, only for clients whose consent covers providing information to headquarters. Legal basis: %1 (%2).</source>
        <translation>
            <numerusform>%n masked client row is sent, only for clients whose consent covers providing information to headquarters. Legal basis: %1 (%2).</numerusform>
            <numerusform>%n masked client rows are sent, only for clients whose consent covers providing information to headquarters. Legal basis: %1 (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Valid until %1.</source>
        <translation>Valid until %1.</translation>
    </message>
</context>
<context>
    <name>PdfPrinting</name>
    <message>
        <source>Print %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>Saving failed</translation>
    </message>
</context>
<context>
    <name>PendingMembersBanner</name>
    <message numerus="yes">
        <source>%n staff member(s) are waiting for you to confirm their access to client data.</source>
        <translation>
            <numerusform>%n staff member is waiting for you to confirm their access to client data.</numerusform>
            <numerusform>%n staff members are waiting for you to confirm their access to client data.</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm &amp;access…</source>
        <translation>Confirm &amp;access…</translation>
    </message>
</context>
<context>
    <name>PrepareSummaryDialog</name>
    <message>
        <source>Prepare a summary for headquarters</source>
        <translation>Prepare a summary for headquarters</translation>
    </message>
    <message>
        <source>The summary holds counts for the period (small counts suppressed) and, only if this branch has switched them on, masked client rows. It is frozen when prepared; nothing leaves the branch until a manager other than you has reviewed and approved it.</source>
        <translation>The summary holds counts for the period (small counts suppressed) and, only if this branch has switched them on, masked client rows. It is frozen when prepared; nothing leaves the branch until a manager other than you has reviewed and approved it.</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>The last 7 days</source>
        <translation>The last 7 days</translation>
    </message>
    <message>
        <source>Last calendar month</source>
        <translation>Last calendar month</translation>
    </message>
    <message>
        <source>This month so far</source>
        <translation>This month so far</translation>
    </message>
    <message>
        <source>Other dates</source>
        <translation>Other dates</translation>
    </message>
    <message>
        <source>&amp;From (Beijing date):</source>
        <translation>&amp;From (Beijing date):</translation>
    </message>
    <message>
        <source>&amp;To (Beijing date, included):</source>
        <translation>&amp;To (Beijing date, included):</translation>
    </message>
    <message>
        <source>&amp;Prepare</source>
        <translation>&amp;Prepare</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>The period ends before it starts.</translation>
    </message>
    <message>
        <source>The period cannot end after today.</source>
        <translation>The period cannot end after today.</translation>
    </message>
</context>
<context>
    <name>ProgrammeBlockView</name>
    <message>
        <source>Training coverage</source>
        <translation>Training coverage</translation>
    </message>
    <message>
        <source>Quiz passed at the first attempt</source>
        <translation>Quiz passed at the first attempt</translation>
    </message>
    <message>
        <source>Client satisfaction</source>
        <translation>Client satisfaction</translation>
    </message>
    <message>
        <source>Compliance review items passed</source>
        <translation>Compliance review items passed</translation>
    </message>
    <message>
        <source>Clients reached by privacy education</source>
        <translation>Clients reached by privacy education</translation>
    </message>
    <message>
        <source>Breach reduction (this year / baseline year)</source>
        <translation>Breach reduction (this year / baseline year)</translation>
    </message>
    <message>
        <source>Latest finished review</source>
        <translation>Latest finished review</translation>
    </message>
    <message>
        <source>Breach baseline year</source>
        <translation>Breach baseline year</translation>
    </message>
    <message>
        <source>Education campaigns this year</source>
        <translation>Education campaigns this year</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Open incidents</translation>
    </message>
    <message>
        <source>Overdue rectifications</source>
        <translation>Overdue rectifications</translation>
    </message>
    <message>
        <source>Counts sent</source>
        <translation>Counts sent</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Count sent</source>
        <translation>Count sent</translation>
    </message>
    <message>
        <source>No privacy programme figures are sent with this summary (only a summary a manager prepares carries them).</source>
        <translation>No privacy programme figures are sent with this summary (only a summary a manager prepares carries them).</translation>
    </message>
    <message>
        <source>Privacy programme figures for %1 (the quarter so far), counts only: headquarters adds them up across branches. No staff member or client is named.</source>
        <translation>Privacy programme figures for %1 (the quarter so far), counts only: headquarters adds them up across branches. No staff member or client is named.</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>met</source>
        <translation>met</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>not met</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Multiple choice: tick every correct answer.</source>
        <translation>Multiple choice: tick every correct answer.</translation>
    </message>
    <message>
        <source>Single choice: pick one answer.</source>
        <translation>Single choice: pick one answer.</translation>
    </message>
</context>
<context>
    <name>QuizResultView</name>
    <message>
        <source>Score: %1 of %2 correct (%3%)</source>
        <translation>Score: %1 of %2 correct (%3%)</translation>
    </message>
    <message>
        <source>Passed. This quarter&apos;s privacy training is done.</source>
        <translation>Passed. This quarter&apos;s privacy training is done.</translation>
    </message>
    <message>
        <source>Not passed. Read the explanations and the modules again, then take the quiz again.</source>
        <translation>Not passed. Read the explanations and the modules again, then take the quiz again.</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <source>Every answer is correct.</source>
        <translation>Every answer is correct.</translation>
    </message>
    <message>
        <source>Answers to review</source>
        <translation>Answers to review</translation>
    </message>
    <message>
        <source>Your answer:</source>
        <translation>Your answer:</translation>
    </message>
    <message>
        <source>Correct answer:</source>
        <translation>Correct answer:</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Why:</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Reassign client</source>
        <translation>Reassign client</translation>
    </message>
    <message>
        <source>Choose the agent or manager who will look after this client from now on.</source>
        <translation>Choose the agent or manager who will look after this client from now on.</translation>
    </message>
    <message>
        <source>&amp;Assign to:</source>
        <translation>&amp;Assign to:</translation>
    </message>
    <message>
        <source>&amp;Reassign</source>
        <translation>&amp;Reassign</translation>
    </message>
</context>
<context>
    <name>RecordConsentDialog</name>
    <message>
        <source>Record signed consent form</source>
        <translation>Record signed consent form</translation>
    </message>
    <message>
        <source>Enter exactly what the client ticked and signed on the paper form. A purpose not ticked is recorded as refused; one given before and not ticked now is withdrawn.</source>
        <translation>Enter exactly what the client ticked and signed on the paper form. A purpose not ticked is recorded as refused; one given before and not ticked now is withdrawn.</translation>
    </message>
    <message>
        <source>&amp;Form number:</source>
        <translation>&amp;Form number:</translation>
    </message>
    <message>
        <source>Client ticked:</source>
        <translation>Client ticked:</translation>
    </message>
    <message>
        <source>&amp;Date signed:</source>
        <translation>&amp;Date signed:</translation>
    </message>
    <message>
        <source>Guardian&apos;s &amp;name *:</source>
        <translation>Guardian&apos;s &amp;name *:</translation>
    </message>
    <message>
        <source>Guardian&apos;s &amp;name:</source>
        <translation>Guardian&apos;s &amp;name:</translation>
    </message>
    <message>
        <source>Re&amp;lation *:</source>
        <translation>Re&amp;lation *:</translation>
    </message>
    <message>
        <source>Re&amp;lation:</source>
        <translation>Re&amp;lation:</translation>
    </message>
    <message>
        <source>Scan or photo:</source>
        <translation>Scan or photo:</translation>
    </message>
    <message>
        <source>Signed by a &amp;guardian (the client is under 14)</source>
        <translation>Signed by a &amp;guardian (the client is under 14)</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>None (optional; JPEG, PNG or PDF, up to %1 MB)</source>
        <translation>None (optional; JPEG, PNG or PDF, up to %1 MB)</translation>
    </message>
    <message>
        <source>%1 (%2 KB)</source>
        <translation>%1 (%2 KB)</translation>
    </message>
    <message>
        <source>Scan of the signed form</source>
        <translation>Scan of the signed form</translation>
    </message>
    <message>
        <source>Scans (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Scans (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
</context>
<context>
    <name>RecordReportDialog</name>
    <message>
        <source>Record a report for %1</source>
        <translation>Record a report for %1</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Report:</translation>
    </message>
    <message>
        <source>&amp;Made at:</source>
        <translation>&amp;Made at:</translation>
    </message>
    <message>
        <source>Internal report (to headquarters)</source>
        <translation>Internal report (to headquarters)</translation>
    </message>
    <message>
        <source>Report to the regulator</source>
        <translation>Report to the regulator</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Record</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePanel</name>
    <message>
        <source>This is the client-data recovery code. It gives a branch manager back access to client data when no other manager can confirm them. It is shown only this once: write it down or save it as a PDF and print it, then lock it in the branch safe. Never give it to IT.</source>
        <translation>This is the client-data recovery code. It gives a branch manager back access to client data when no other manager can confirm them. It is shown only this once: write it down or save it as a PDF and print it, then lock it in the branch safe. Never give it to IT.</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>I have written down the code or locked it away</source>
        <translation>I have written down the code or locked it away</translation>
    </message>
    <message>
        <source>Saved: %1. Print it, lock the paper away and delete the file.</source>
        <translation>Saved: %1. Print it, lock the paper away and delete the file.</translation>
    </message>
</context>
<context>
    <name>RegisterRequestDialog</name>
    <message>
        <source>Register a client request</source>
        <translation>Register a client request</translation>
    </message>
    <message>
        <source>&amp;Find the client:</source>
        <translation>&amp;Find the client:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>Received o&amp;n:</source>
        <translation>Received o&amp;n:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>Identity:</translation>
    </message>
    <message>
        <source>Name, pinyin or last 4 digits of the phone</source>
        <translation>Name, pinyin or last 4 digits of the phone</translation>
    </message>
    <message>
        <source>optional: what the client asked for (at most %1 characters)</source>
        <translation>optional: what the client asked for (at most %1 characters)</translation>
    </message>
    <message>
        <source>The requester&apos;s &amp;identity is verified</source>
        <translation>The requester&apos;s &amp;identity is verified</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Register</translation>
    </message>
</context>
<context>
    <name>RejectExportDialog</name>
    <message>
        <source>Reject the summary</source>
        <translation>Reject the summary</translation>
    </message>
    <message>
        <source>A rejected summary is never sent. The reason is kept with it and in the audit log; the preparer can prepare a new one.</source>
        <translation>A rejected summary is never sent. The reason is kept with it and in the audit log; the preparer can prepare a new one.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Reject</translation>
    </message>
</context>
<context>
    <name>ReportIncidentDialog</name>
    <message>
        <source>Report an incident</source>
        <translation>Report an incident</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Occurred at:</source>
        <translation>&amp;Occurred at:</translation>
    </message>
    <message>
        <source>&amp;Discovered at:</source>
        <translation>&amp;Discovered at:</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>&amp;What happened:</translation>
    </message>
    <message>
        <source>e.g. the work phone was left in a taxi; it has a screen lock and is encrypted</source>
        <translation>e.g. the work phone was left in a taxi; it has a screen lock and is encrypted</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Report</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>(data destroyed)</source>
        <translation>(data destroyed)</translation>
    </message>
    <message>
        <source>(storage only)</source>
        <translation>(storage only)</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>%1 (provisional)</source>
        <translation>%1 (provisional)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Request No.</source>
        <translation>Request No.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Identity verified</source>
        <translation>Identity verified</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RequestTextDialog</name>
    <message>
        <source>Refuse request %1</source>
        <translation>Refuse request %1</translation>
    </message>
    <message>
        <source>Write the reason for refusing. It is shown on the request, told to the client and kept in the audit log, so do not enter phone or ID numbers.</source>
        <translation>Write the reason for refusing. It is shown on the request, told to the client and kept in the audit log, so do not enter phone or ID numbers.</translation>
    </message>
    <message>
        <source>&amp;Refuse request</source>
        <translation>&amp;Refuse request</translation>
    </message>
    <message>
        <source>Answer request %1</source>
        <translation>Answer request %1</translation>
    </message>
    <message>
        <source>Write the explanation given to the client (at most %1 characters; no phone or ID numbers).</source>
        <translation>Write the explanation given to the client (at most %1 characters; no phone or ID numbers).</translation>
    </message>
    <message>
        <source>&amp;Complete request</source>
        <translation>&amp;Complete request</translation>
    </message>
</context>
<context>
    <name>RequestsArea</name>
    <message>
        <source>Client requests</source>
        <translation>Client requests</translation>
    </message>
    <message>
        <source>Due for destruction</source>
        <translation>Due for destruction</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Client requests</source>
        <translation>Client requests</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>All requests</translation>
    </message>
    <message>
        <source>&amp;Register request…</source>
        <translation>&amp;Register request…</translation>
    </message>
    <message>
        <source>&amp;Verify identity</source>
        <translation>&amp;Verify identity</translation>
    </message>
    <message>
        <source>&amp;Complete…</source>
        <translation>&amp;Complete…</translation>
    </message>
    <message>
        <source>Re&amp;fuse…</source>
        <translation>Re&amp;fuse…</translation>
    </message>
    <message>
        <source>&amp;Save certificate…</source>
        <translation>&amp;Save certificate…</translation>
    </message>
    <message>
        <source>Selected request:</source>
        <translation>Selected request:</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Description: %1</translation>
    </message>
    <message>
        <source>Reason for refusing: %1</source>
        <translation>Reason for refusing: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Outcome: %1</translation>
    </message>
    <message>
        <source>Confirm that the requester&apos;s identity was checked for request %1. The reply is due 30 days from today.</source>
        <translation>Confirm that the requester&apos;s identity was checked for request %1. The reply is due 30 days from today.</translation>
    </message>
    <message>
        <source>Verify identity</source>
        <translation>Verify identity</translation>
    </message>
    <message>
        <source>Answer request %1: the client&apos;s data is destroyed now and cannot be recovered; a buyer under the anti-money-laundering hold is kept in storage only until the hold ends. Continue?</source>
        <translation>Answer request %1: the client&apos;s data is destroyed now and cannot be recovered; a buyer under the anti-money-laundering hold is kept in storage only until the hold ends. Continue?</translation>
    </message>
    <message>
        <source>Delete client data</source>
        <translation>Delete client data</translation>
    </message>
    <message>
        <source>Save the certificate of destruction</source>
        <translation>Save the certificate of destruction</translation>
    </message>
    <message>
        <source>Certificate saved: %1</source>
        <translation>Certificate saved: %1</translation>
    </message>
    <message>
        <source>Save the client&apos;s copy (PDF and JSON)</source>
        <translation>Save the client&apos;s copy (PDF and JSON)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Copy saved</source>
        <translation>Copy saved</translation>
    </message>
    <message>
        <source>The client&apos;s copy was saved as %1 and %2. It is not masked: hand it to the client and then delete it from this computer.</source>
        <translation>The client&apos;s copy was saved as %1 and %2. It is not masked: hand it to the client and then delete it from this computer.</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import cancelled: no client was imported.</source>
        <translation>Import cancelled: no client was imported.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Imported: %1</translation>
    </message>
    <message>
        <source>Merged into existing clients: %1</source>
        <translation>Merged into existing clients: %1</translation>
    </message>
    <message>
        <source>Duplicates skipped: %1 (repeated in the file: %2)</source>
        <translation>Duplicates skipped: %1 (repeated in the file: %2)</translation>
    </message>
    <message>
        <source>Duplicates of clients you may not see (ask the manager): %1</source>
        <translation>Duplicates of clients you may not see (ask the manager): %1</translation>
    </message>
    <message>
        <source>Rejected rows: %1</source>
        <translation>Rejected rows: %1</translation>
    </message>
    <message>
        <source>Sensitive fields not imported: %1</source>
        <translation>Sensitive fields not imported: %1</translation>
    </message>
    <message>
        <source>Rejected rows (fix them in the file and import them again):</source>
        <translation>Rejected rows (fix them in the file and import them again):</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Export rejects…</source>
        <translation>&amp;Export rejects…</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>&amp;Cancel import</translation>
    </message>
    <message>
        <source>The export holds clients&apos; personal data: save it only where it is protected, and delete it when done.</source>
        <translation>The export holds clients&apos; personal data: save it only where it is protected, and delete it when done.</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>Export rejected rows</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV files (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Choose a file name ending in .xlsx or .csv.</source>
        <translation>Choose a file name ending in .xlsx or .csv.</translation>
    </message>
    <message>
        <source>Choose another file: the source file must not be overwritten.</source>
        <translation>Choose another file: the source file must not be overwritten.</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected row(s) exported.</source>
        <translation>
            <numerusform>%n rejected row(s) exported.</numerusform>
            <numerusform>%n rejected row(s) exported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionQueueModel</name>
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
        <source>Last activity</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>Due since</source>
        <translation>Due since</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Storage only: legal hold ended</source>
        <translation>Storage only: legal hold ended</translation>
    </message>
    <message>
        <source>Retention period ended</source>
        <translation>Retention period ended</translation>
    </message>
</context>
<context>
    <name>RetentionQueuePage</name>
    <message>
        <source>Due for destruction</source>
        <translation>Due for destruction</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Select &amp;all</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Save certificate…</source>
        <translation>&amp;Save certificate…</translation>
    </message>
    <message>
        <source>&amp;Stop after this client</source>
        <translation>&amp;Stop after this client</translation>
    </message>
    <message>
        <source>No client records are due for destruction. A record becomes due when its stage&apos;s retention period has passed without contact or change, or, for a record kept in storage only, when its legal hold ends.</source>
        <translation>No client records are due for destruction. A record becomes due when its stage&apos;s retention period has passed without contact or change, or, for a record kept in storage only, when its legal hold ends.</translation>
    </message>
    <message>
        <source>%1: %2 months without contact</source>
        <translation>%1: %2 months without contact</translation>
    </message>
    <message>
        <source>Rules in force: %1. Buyers are kept at least 10 years after the purchase (anti-money-laundering rules).</source>
        <translation>Rules in force: %1. Buyers are kept at least 10 years after the purchase (anti-money-laundering rules).</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) due for destruction.</source>
        <translation>
            <numerusform>%n client(s) due for destruction.</numerusform>
            <numerusform>%n client(s) due for destruction.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the %1 due longest are shown; approve them to see the rest.</source>
        <translation>Only the %1 due longest are shown; approve them to see the rest.</translation>
    </message>
    <message numerus="yes">
        <source>Approve destruction of %n client(s)…</source>
        <translation>
            <numerusform>Approve destruction of %n client(s)…</numerusform>
            <numerusform>Approve destruction of %n client(s)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Destroy the personal information of %n client(s) now? Their records, follow-ups and search entries are erased for good: this cannot be undone. One certificate of destruction is produced for the batch.</source>
        <translation>
            <numerusform>Destroy the personal information of %n client(s) now? Their records, follow-ups and search entries are erased for good: this cannot be undone. One certificate of destruction is produced for the batch.</numerusform>
            <numerusform>Destroy the personal information of %n client(s) now? Their records, follow-ups and search entries are erased for good: this cannot be undone. One certificate of destruction is produced for the batch.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve destruction</source>
        <translation>Approve destruction</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) destroyed (batch %1).</source>
        <translation>
            <numerusform>%n client(s) destroyed (batch %1).</numerusform>
            <numerusform>%n client(s) destroyed (batch %1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the certificate of destruction</source>
        <translation>Save the certificate of destruction</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Certificate saved: %1</source>
        <translation>Certificate saved: %1</translation>
    </message>
</context>
<context>
    <name>RevealPasswordDialog</name>
    <message>
        <source>Confirm your password</source>
        <translation>Confirm your password</translation>
    </message>
    <message>
        <source>You last entered your password more than %1 minutes ago. Enter it again before revealing personal data.</source>
        <translation>You last entered your password more than %1 minutes ago. Enter it again before revealing personal data.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirm</translation>
    </message>
</context>
<context>
    <name>RevealReasonDialog</name>
    <message>
        <source>Reason for revealing</source>
        <translation>Reason for revealing</translation>
    </message>
    <message>
        <source>Why do you need to see the full %1?</source>
        <translation>Why do you need to see the full %1?</translation>
    </message>
    <message>
        <source>Say why (required for Other)</source>
        <translation>Say why (required for Other)</translation>
    </message>
    <message>
        <source>The reason is kept in the audit log. Do not type phone or ID numbers.</source>
        <translation>The reason is kept in the audit log. Do not type phone or ID numbers.</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Reveal</translation>
    </message>
</context>
<context>
    <name>RevealRow</name>
    <message>
        <source>Reveal</source>
        <translation>Reveal</translation>
    </message>
    <message>
        <source>Show the full value for a short time (asks why; audited)</source>
        <translation>Show the full value for a short time (asks why; audited)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy; the clipboard is cleared again shortly</source>
        <translation>Copy; the clipboard is cleared again shortly</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Compliance review</source>
        <translation>Compliance review</translation>
    </message>
    <message>
        <source>Compliance self-review</source>
        <translation>Compliance self-review</translation>
    </message>
    <message>
        <source>Every six months a manager or an auditor goes through the checklist. Items marked “app” are evaluated by BranchVault from its own records; answer the others after checking on site. Each failure needs a rectification with an owner and a due date.</source>
        <translation>Every six months a manager or an auditor goes through the checklist. Items marked “app” are evaluated by BranchVault from its own records; answer the others after checking on site. Each failure needs a rectification with an owner and a due date.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Start review</source>
        <translation>&amp;Start review</translation>
    </message>
    <message>
        <source>&amp;Evaluate again</source>
        <translation>&amp;Evaluate again</translation>
    </message>
    <message>
        <source>&amp;Verify audit chain and evaluate</source>
        <translation>&amp;Verify audit chain and evaluate</translation>
    </message>
    <message>
        <source>&amp;Finish review</source>
        <translation>&amp;Finish review</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Do not enter client names, ID numbers or other personal details here</source>
        <translation>Do not enter client names, ID numbers or other personal details here</translation>
    </message>
    <message>
        <source>What was done (closing note)</source>
        <translation>What was done (closing note)</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>Due date:</translation>
    </message>
    <message>
        <source>Save &amp;answer</source>
        <translation>Save &amp;answer</translation>
    </message>
    <message>
        <source>Rectifications (overdue in red)</source>
        <translation>Rectifications (overdue in red)</translation>
    </message>
    <message>
        <source>&amp;Close rectification</source>
        <translation>&amp;Close rectification</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Period / item</source>
        <translation>Period / item</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Next review due by %1</source>
        <translation>Next review due by %1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>No review yet: start one.</source>
        <translation>No review yet: start one.</translation>
    </message>
    <message>
        <source>Review %1 (%2), score %3, unanswered %4</source>
        <translation>Review %1 (%2), score %3, unanswered %4</translation>
    </message>
    <message>
        <source>app</source>
        <translation>app</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>planned (review not finished)</source>
        <translation>planned (review not finished)</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <source>Legal basis: %1</source>
        <translation>Legal basis: %1</translation>
    </message>
    <message>
        <source>Evidence asked for: %1</source>
        <translation>Evidence asked for: %1</translation>
    </message>
    <message>
        <source>Evaluated by the app (read-only): %1</source>
        <translation>Evaluated by the app (read-only): %1</translation>
    </message>
    <message>
        <source>Review started.</source>
        <translation>Review started.</translation>
    </message>
    <message>
        <source>The app&apos;s items were evaluated again.</source>
        <translation>The app&apos;s items were evaluated again.</translation>
    </message>
    <message>
        <source>Choose pass, fail or not applicable.</source>
        <translation>Choose pass, fail or not applicable.</translation>
    </message>
    <message>
        <source>Answer saved.</source>
        <translation>Answer saved.</translation>
    </message>
    <message>
        <source>Review finished: it can no longer change.</source>
        <translation>Review finished: it can no longer change.</translation>
    </message>
    <message>
        <source>Choose a rectification first.</source>
        <translation>Choose a rectification first.</translation>
    </message>
    <message>
        <source>Rectification closed.</source>
        <translation>Rectification closed.</translation>
    </message>
    <message>
        <source>Save the review report</source>
        <translation>Save the review report</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>Report saved: %1</translation>
    </message>
</context>
<context>
    <name>SatisfactionTab</name>
    <message>
        <source>Client satisfaction</source>
        <translation>Client satisfaction</translation>
    </message>
    <message>
        <source>Paper survey forms</source>
        <translation>Paper survey forms</translation>
    </message>
    <message>
        <source>For each paper form a client handed back, choose the day it was filled in and click the rating the client ticked for how we handled their personal information. Responses are anonymous: nothing about the client is recorded.</source>
        <translation>For each paper form a client handed back, choose the day it was filled in and click the rating the client ticked for how we handled their personal information. Responses are anonymous: nothing about the client is recorded.</translation>
    </message>
    <message>
        <source>&amp;Day filled in:</source>
        <translation>&amp;Day filled in:</translation>
    </message>
    <message>
        <source>5 Very satisfied</source>
        <translation>5 Very satisfied</translation>
    </message>
    <message>
        <source>4 Satisfied</source>
        <translation>4 Satisfied</translation>
    </message>
    <message>
        <source>3 Neutral</source>
        <translation>3 Neutral</translation>
    </message>
    <message>
        <source>2 Dissatisfied</source>
        <translation>2 Dissatisfied</translation>
    </message>
    <message>
        <source>1 Very dissatisfied</source>
        <translation>1 Very dissatisfied</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>Recorded a rating of %1 for %2. Forms entered here this session: %3.</source>
        <translation>Recorded a rating of %1 for %2. Forms entered here this session: %3.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1: no responses yet.</source>
        <translation>%1: no responses yet.</translation>
    </message>
    <message>
        <source>%1: %2 responses, %3 satisfied or very satisfied (%4%).</source>
        <translation>%1: %2 responses, %3 satisfied or very satisfied (%4%).</translation>
    </message>
    <message>
        <source>By rating:</source>
        <translation>By rating:</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Daily preparation</source>
        <translation>Daily preparation</translation>
    </message>
    <message>
        <source>Every day at this time (Beijing time) the app prepares the previous day&apos;s summary in the background, while an agent or manager is signed in. It is never approved automatically: a manager reviews and approves it like any other.</source>
        <translation>Every day at this time (Beijing time) the app prepares the previous day&apos;s summary in the background, while an agent or manager is signed in. It is never approved automatically: a manager reviews and approves it like any other.</translation>
    </message>
    <message>
        <source>&amp;Prepare yesterday&apos;s summary every day at</source>
        <translation>&amp;Prepare yesterday&apos;s summary every day at</translation>
    </message>
</context>
<context>
    <name>SecondFactorDialog</name>
    <message>
        <source>Two-factor authentication</source>
        <translation>Two-factor authentication</translation>
    </message>
    <message>
        <source>This branch requires you to sign in with a code from an authenticator app as well as your password. Set it up now to continue.</source>
        <translation>This branch requires you to sign in with a code from an authenticator app as well as your password. Set it up now to continue.</translation>
    </message>
    <message>
        <source>Sign in with your password and a code from an authenticator app. Setting up a new authenticator replaces the old one and its recovery codes.</source>
        <translation>Sign in with your password and a code from an authenticator app. Setting up a new authenticator replaces the old one and its recovery codes.</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>Secret:</translation>
    </message>
    <message>
        <source>&amp;Code shown by the app:</source>
        <translation>&amp;Code shown by the app:</translation>
    </message>
    <message>
        <source>Your recovery codes. Each one signs you in once instead of a code, if your phone is lost. They are shown only now: write them down and keep them safe.</source>
        <translation>Your recovery codes. Each one signs you in once instead of a code, if your phone is lost. They are shown only now: write them down and keep them safe.</translation>
    </message>
    <message>
        <source>I have &amp;written them down</source>
        <translation>I have &amp;written them down</translation>
    </message>
    <message>
        <source>Set up on %1; %2 recovery codes left. Scan this to replace it:</source>
        <translation>Set up on %1; %2 recovery codes left. Scan this to replace it:</translation>
    </message>
    <message>
        <source>Scan this QR code with your authenticator app, or type the secret:</source>
        <translation>Scan this QR code with your authenticator app, or type the secret:</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirm</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on.</source>
        <translation>Two-factor sign-in is on.</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Record a classroom session</source>
        <translation>Record a classroom session</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>Topic:</translation>
    </message>
    <message>
        <source>Trainer:</source>
        <translation>Trainer:</translation>
    </message>
    <message>
        <source>Attendees:</source>
        <translation>Attendees:</translation>
    </message>
    <message>
        <source>Do not enter client names, ID numbers or other personal details here.</source>
        <translation>Do not enter client names, ID numbers or other personal details here.</translation>
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
        <source>Use a &amp;recovery code</source>
        <translation>Use a &amp;recovery code</translation>
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
    <message>
        <source>Recovery &amp;code:</source>
        <translation>Recovery &amp;code:</translation>
    </message>
    <message>
        <source>Authenticator &amp;code:</source>
        <translation>Authenticator &amp;code:</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 digits</translation>
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
    <name>SurveyImportPanel</name>
    <message>
        <source>Import an online survey&apos;s export</source>
        <translation>Import an online survey&apos;s export</translation>
    </message>
    <message>
        <source>An export from 问卷星, 腾讯问卷 or similar (.xlsx, .xls or .csv), one row per response. Only the question you pick and the submission date are read: names, phones, IP addresses and comments are never read or kept. The question you pick is remembered for next time.</source>
        <translation>An export from 问卷星, 腾讯问卷 or similar (.xlsx, .xls or .csv), one row per response. Only the question you pick and the submission date are read: names, phones, IP addresses and comments are never read or kept. The question you pick is remembered for next time.</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>Choose &amp;file…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>No file chosen.</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Question:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Survey export</source>
        <translation>Survey export</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>— choose the question about personal information —</source>
        <translation>— choose the question about personal information —</translation>
    </message>
    <message>
        <source>To import: %1   skipped: %2   refused: %3</source>
        <translation>To import: %1   skipped: %2   refused: %3</translation>
    </message>
    <message>
        <source>Some rows are refused: fix them in the file and choose it again.</source>
        <translation>Some rows are refused: fix them in the file and choose it again.</translation>
    </message>
    <message>
        <source>Preview only: nothing is saved until you click Import.</source>
        <translation>Preview only: nothing is saved until you click Import.</translation>
    </message>
    <message>
        <source>Imported %1 responses.</source>
        <translation>Imported %1 responses.</translation>
    </message>
    <message>
        <source>Rows were refused: nothing was imported.</source>
        <translation>Rows were refused: nothing was imported.</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3</source>
        <translation>Row %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>TabbedArea</name>
    <message>
        <source>Nothing here for your role yet.</source>
        <translation>Nothing here for your role yet.</translation>
    </message>
</context>
<context>
    <name>TargetCard</name>
    <message>
        <source>Training coverage</source>
        <translation>Training coverage</translation>
    </message>
    <message>
        <source>Quiz first-attempt pass rate</source>
        <translation>Quiz first-attempt pass rate</translation>
    </message>
    <message>
        <source>Client satisfaction</source>
        <translation>Client satisfaction</translation>
    </message>
    <message>
        <source>Compliance review</source>
        <translation>Compliance review</translation>
    </message>
    <message>
        <source>Privacy education</source>
        <translation>Privacy education</translation>
    </message>
    <message>
        <source>Breach reduction</source>
        <translation>Breach reduction</translation>
    </message>
    <message>
        <source>No review finished yet</source>
        <translation>No review finished yet</translation>
    </message>
    <message>
        <source>Client figures are not available</source>
        <translation>Client figures are not available</translation>
    </message>
    <message>
        <source>The baseline year&apos;s breaches are unknown: set them below</source>
        <translation>The baseline year&apos;s breaches are unknown: set them below</translation>
    </message>
    <message>
        <source>%1 of %2 active staff completed this quarter&apos;s training</source>
        <translation>%1 of %2 active staff completed this quarter&apos;s training</translation>
    </message>
    <message>
        <source>%1 of %2 staff who took the quiz passed at the first attempt</source>
        <translation>%1 of %2 staff who took the quiz passed at the first attempt</translation>
    </message>
    <message>
        <source>%1 of %2 responses satisfied or very satisfied</source>
        <translation>%1 of %2 responses satisfied or very satisfied</translation>
    </message>
    <message>
        <source>%1 of %2 applicable items passed in the latest review</source>
        <translation>%1 of %2 applicable items passed in the latest review</translation>
    </message>
    <message>
        <source>%1 of %2 clients active this year took part in education</source>
        <translation>%1 of %2 clients active this year took part in education</translation>
    </message>
    <message>
        <source>%1 breaches this year; %2 in the baseline year</source>
        <translation>%1 breaches this year; %2 in the baseline year</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>Target: %1</translation>
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
<context>
    <name>TrainingDueBanner</name>
    <message>
        <source>Take the training</source>
        <translation>Take the training</translation>
    </message>
    <message numerus="yes">
        <source>Privacy training due this quarter (%n day(s) left)</source>
        <translation>
            <numerusform>Privacy training due this quarter (%n day left)</numerusform>
            <numerusform>Privacy training due this quarter (%n days left)</numerusform>
        </translation>
    </message>
    <message>
        <source>Privacy training is overdue: client data stays closed until you pass this quarter&apos;s quiz.</source>
        <translation>Privacy training is overdue: client data stays closed until you pass this quarter&apos;s quiz.</translation>
    </message>
    <message>
        <source>Privacy training is overdue this quarter: please take the quiz.</source>
        <translation>Privacy training is overdue this quarter: please take the quiz.</translation>
    </message>
</context>
<context>
    <name>TrainingGatePanel</name>
    <message>
        <source>This quarter&apos;s privacy training quiz is not done yet</source>
        <translation>This quarter&apos;s privacy training quiz is not done yet</translation>
    </message>
    <message>
        <source>The grace period for this quarter&apos;s privacy training has ended. Client data stays closed until you pass the quiz (or your manager records that you attended a classroom session). Training, the privacy programme area and signing out stay open.</source>
        <translation>The grace period for this quarter&apos;s privacy training has ended. Client data stays closed until you pass the quiz (or your manager records that you attended a classroom session). Training, the privacy programme area and signing out stay open.</translation>
    </message>
    <message>
        <source>Take the quiz</source>
        <translation>Take the quiz</translation>
    </message>
</context>
<context>
    <name>TrainingRecordsTab</name>
    <message>
        <source>Completed: %1 of %2 active staff. First attempt passed: %3 of %4 who took the quiz.</source>
        <translation>Completed: %1 of %2 active staff. First attempt passed: %3 of %4 who took the quiz.</translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>due in %n day</numerusform>
            <numerusform>due in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>client data closed</source>
        <translation>client data closed</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Training records</source>
        <translation>Training records</translation>
    </message>
    <message>
        <source>Quarter:</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>Record a classroom session…</source>
        <translation>Record a classroom session…</translation>
    </message>
    <message>
        <source>Import learning platform results…</source>
        <translation>Import learning platform results…</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>First score</source>
        <translation>First score</translation>
    </message>
    <message>
        <source>Best score</source>
        <translation>Best score</translation>
    </message>
    <message>
        <source>Classroom sessions</source>
        <translation>Classroom sessions</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>UseRecoveryCodeDialog</name>
    <message>
        <source>Use the client-data recovery code</source>
        <translation>Use the client-data recovery code</translation>
    </message>
    <message>
        <source>If no other branch manager can confirm you, the client-data recovery code from the branch safe restores your access to client data. The code is then replaced by a new one, shown once: lock the new code away instead of the old one.</source>
        <translation>If no other branch manager can confirm you, the client-data recovery code from the branch safe restores your access to client data. The code is then replaced by a new one, shown once: lock the new code away instead of the old one.</translation>
    </message>
    <message>
        <source>Client-data &amp;recovery code:</source>
        <translation>Client-data &amp;recovery code:</translation>
    </message>
    <message>
        <source>&amp;Restore my access</source>
        <translation>&amp;Restore my access</translation>
    </message>
</context>
<context>
    <name>WithdrawConsentDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <source>Withdraw the client&apos;s consent to “%1”? It takes effect at once.</source>
        <translation>Withdraw the client&apos;s consent to “%1”? It takes effect at once.</translation>
    </message>
    <message>
        <source>&amp;Note (optional, e.g. how the client asked):</source>
        <translation>&amp;Note (optional, e.g. how the client asked):</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Withdraw</translation>
    </message>
</context>
<context>
    <name>runner</name>
    <message>
        <source>Scheduled backup in progress… %1%</source>
        <translation>Scheduled backup in progress… %1%</translation>
    </message>
</context>
</TS>
