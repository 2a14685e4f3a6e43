; BranchVault per-machine installer for Windows (Inno Setup 6.4 or later).
;
; NOT BUILT OR RUN in this repository's sessions (they have no Windows machine): see installers/README.md
; and .github/workflows/installers.yml, which builds it, installs it silently and checks the result.
;
; Build (from the repository root, after the PyInstaller bundle is in dist\branchvault):
;   iscc /DAppVersion=0.1.0 installers\windows\branchvault.iss
; Signed build (signs Setup and the uninstaller through installers\windows\sign.ps1):
;   iscc /DAppVersion=0.1.0 /DSignToolName=bvsign ^
;     "/Sbvsign=powershell.exe -NoProfile -ExecutionPolicy Bypass -File installers\windows\sign.ps1 $f" ^
;     installers\windows\branchvault.iss
; Output: dist\installer\BranchVault-Setup-<version>.exe
;
; Silent install with a branch (values are written to {commonappdata}\BranchVault\branch-config.toml
; and validated with `branchvault.exe provision --config <that file> --check`; IT then sets the branch
; up with `branchvault.exe provision --admin USERNAME`, password on standard input):
;   BranchVault-Setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /BRANCHCODE=SZ001 /BRANCHNAME="深圳南山店"
;     /HQURL=https://hq.example.cn [/HQNAME=...] [/HQCONTACT=...] [/COMPANYNAME=...] [/COMPANYCONTACT=...]
; Exit codes: Inno's own (0 ok, 1 bad parameters, ...), and 20 when the files were installed but
; writing or provisioning the branch configuration failed (details in provision.log beside the config).
;
; Uninstall keeps all data. `unins000.exe /VERYSILENT /DELETEDATA=yes` (or answering Yes in an
; interactive uninstall) also removes the machine-wide branch configuration this installer wrote.
; Client data in each user's data folder (%LOCALAPPDATA%\BranchVault) is never deleted by the
; uninstaller: erasing client data is a retention decision made in the app (destruction records,
; the anti-money-laundering hold on buyers' records).
;
; This file is saved as UTF-8 with a BOM so that Inno Setup reads the Chinese text as Unicode.

#if VER < EncodeVer(6, 4, 0)
  #error Inno Setup 6.4 or later is required (ExecAndCaptureOutput, x64compatible, SaveStringsToUTF8FileWithoutBOM)
#endif
#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=0.1.0 installers\windows\branchvault.iss
#endif

#define AppName "BranchVault"
#define AppExeName "branchvault.exe"

[Setup]
; The AppId never changes: a new version installs over the old one in place (same folder, same
; uninstall entry) and keeps every data file.
AppId={{35ED8AE9-3F7F-4A6E-899F-EDDEE024CAF5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BranchVault
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
; Paths below are relative to the repository root (two levels up from this script).
SourceDir=..\..
OutputDir=dist\installer
OutputBaseFilename=BranchVault-Setup-{#AppVersion}
SetupIconFile=resources\icons\branchvault.ico
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
UninstallLogging=yes
#ifdef SignToolName
; The sign tool itself is defined on the ISCC command line: /S<name>=<command with $f>.
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
; Default.isl (English) for Inno's own texts; this installer's texts are bilingual custom messages.
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.BranchPageCaption=门店配置 / Branch configuration
en.BranchPageDescription=本机的门店信息 / The branch this computer belongs to
en.BranchPageSubCaption=门店编码、门店名称与总部地址将写入本机配置（全部留空：保留现有配置或稍后由 IT 配置）。%nBranch code, branch name and headquarters address are written to this computer's configuration (leave all empty to keep the existing configuration or let IT configure it later).
en.BranchCodeLabel=门店编码 / Branch code (A–Z, 0–9, - _; up to 16):
en.BranchNameLabel=门店名称 / Branch name (up to 60 characters):
en.HqUrlLabel=总部地址 / Headquarters address (https://…):
en.BadBranchCode=门店编码须为 1–16 位字母、数字、连字符或下划线。%nThe branch code is 1–16 letters, digits, hyphens or underscores.
en.BadBranchName=门店名称不能为空，且不超过 60 个字符。%nThe branch name must be 1–60 characters.
en.BadHqUrl=总部地址须以 https:// 开头。%nThe headquarters address must start with https://.
en.ConfigWriteFailed=无法写入门店配置文件：%1%nThe branch configuration file could not be written: %1
en.ProvisionFailed=门店配置未能应用（退出码 %1），详见 %2。程序已安装；请 IT 重新运行 branchvault provision。%nThe branch configuration was not applied (exit code %1); see %2. The program is installed; IT should run branchvault provision again.
en.UninstallAskDelete=卸载会保留所有门店数据。%n%n是否同时删除本机的门店配置文件（%1）？%n各用户数据文件夹中的客户数据不会被卸载程序删除。%n%nUninstalling keeps all branch data.%n%nAlso delete this computer's branch configuration (%1)?%nClient data in each user's data folder is never deleted by the uninstaller.
en.LaunchApp=启动 BranchVault / Start BranchVault
en.DesktopIcon=桌面快捷方式 / Desktop shortcut

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; Upgrade: remove the previous bundle's library folder so no stale module of the old version stays
; next to the new one. {app} holds only the program; no data is ever stored there.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\branchvault\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "resources\icons\branchvault.ico"; DestDir: "{app}"; Flags: ignoreversion

[Dirs]
; The machine-wide configuration folder outlives the program (uninsneveruninstall): see [Code].
Name: "{commonappdata}\BranchVault"; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; IconFilename: "{app}\branchvault.ico"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; IconFilename: "{app}\branchvault.ico"; Tasks: desktopicon

[Run]
; Interactive installs only; started as the signed-in user, not as the elevated installer.
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
const
  ConfigFileName = 'branch-config.toml';
  ProvisionLogName = 'provision.log';
  ExitProvisionFailed = 20;
  BranchCodeMax = 16;
  BranchNameMax = 60;

var
  BranchPage: TInputQueryWizardPage;
  BranchCode, BranchName, HqUrl, HqName, HqContact, CompanyName, CompanyContact: String;
  ProvisionFailed: Boolean;
  DeleteMachineConfig: Boolean;

function ConfigDir: String;
begin
  Result := ExpandConstant('{commonappdata}\BranchVault');
end;

function ConfigPath: String;
begin
  Result := ConfigDir + '\' + ConfigFileName;
end;

function ProvisionLogPath: String;
begin
  Result := ConfigDir + '\' + ProvisionLogName;
end;

{ The value of a /NAME=value command-line parameter, or '' when it is absent. Used by the
  uninstaller, where only ParamStr is certain to see the command line. }
function CmdLineValue(const Name: String): String;
var
  I: Integer;
  Prefix, Item: String;
begin
  Result := '';
  Prefix := '/' + Uppercase(Name) + '=';
  for I := 1 to ParamCount do
  begin
    Item := ParamStr(I);
    if Pos(Prefix, Uppercase(Item)) = 1 then
      Result := Copy(Item, Length(Prefix) + 1, Length(Item));
  end;
end;

function IsValidBranchCode(const S: String): Boolean;
var
  I: Integer;
  C: Char;
begin
  Result := (Length(S) >= 1) and (Length(S) <= BranchCodeMax);
  if not Result then
    Exit;
  for I := 1 to Length(S) do
  begin
    C := S[I];
    if not (((C >= 'A') and (C <= 'Z')) or ((C >= '0') and (C <= '9')) or (C = '-') or (C = '_')) then
    begin
      Result := False;
      Exit;
    end;
  end;
end;

{ The same checks as services/branch_setup.validate_branch (code upper-cased, name 1-60), plus an
  https address when one is given. Returns '' when valid, else the message to show or log. }
function ValidationError(const Code, Name, Url: String): String;
begin
  Result := '';
  if not IsValidBranchCode(Code) then
    Result := CustomMessage('BadBranchCode')
  else if (Length(Name) < 1) or (Length(Name) > BranchNameMax) then
    Result := CustomMessage('BadBranchName')
  else if (Url <> '') and (Pos('https://', Lowercase(Url)) <> 1) then
    Result := CustomMessage('BadHqUrl');
end;

function HaveBranchValues: Boolean;
begin
  Result := (BranchCode <> '') or (BranchName <> '') or (HqUrl <> '');
end;

{ A TOML basic string: quotes and backslashes escaped, control characters as \uXXXX. The file is
  written as UTF-8, so every other character (Chinese included) is kept as it is. }
function TomlString(const S: String): String;
var
  I: Integer;
  C: Char;
begin
  Result := '"';
  for I := 1 to Length(S) do
  begin
    C := S[I];
    if C = '\' then
      Result := Result + '\\'
    else if C = '"' then
      Result := Result + '\"'
    else if (Ord(C) < 32) or (Ord(C) = 127) then
      Result := Result + Format('\u%.4x', [Ord(C)])
    else
      Result := Result + C;
  end;
  Result := Result + '"';
end;

procedure AddLine(var Lines: TArrayOfString; const Line: String);
begin
  SetArrayLength(Lines, GetArrayLength(Lines) + 1);
  Lines[GetArrayLength(Lines) - 1] := Line;
end;

procedure AddKey(var Lines: TArrayOfString; const Key, Value: String);
begin
  if Value <> '' then
    AddLine(Lines, Key + ' = ' + TomlString(Value));
end;

{ Same layout as the configuration IT writes by hand (installers/README.md). }
function WriteBranchConfig: Boolean;
var
  Lines: TArrayOfString;
begin
  SetArrayLength(Lines, 0);
  AddLine(Lines, '# BranchVault machine-wide branch configuration, written by the installer {#AppVersion}.');
  AddLine(Lines, '# Apply after editing: branchvault provision --config "' + ConfigPath + '" --admin IT_USERNAME');
  AddLine(Lines, '[branch]');
  AddKey(Lines, 'code', BranchCode);
  AddKey(Lines, 'name', BranchName);
  if (CompanyName <> '') or (CompanyContact <> '') then
  begin
    AddLine(Lines, '');
    AddLine(Lines, '[company]');
    AddKey(Lines, 'name', CompanyName);
    AddKey(Lines, 'contact', CompanyContact);
  end;
  if (HqUrl <> '') or (HqName <> '') or (HqContact <> '') then
  begin
    AddLine(Lines, '');
    AddLine(Lines, '[headquarters]');
    AddKey(Lines, 'url', HqUrl);
    AddKey(Lines, 'name', HqName);
    AddKey(Lines, 'contact', HqContact);
  end;
  Result := ForceDirectories(ConfigDir) and SaveStringsToUTF8FileWithoutBOM(ConfigPath, Lines, False);
end;

procedure AppendProvisionLog(const Line: String);
var
  Lines: TArrayOfString;
begin
  Log(Line);
  SetArrayLength(Lines, 1);
  Lines[0] := GetDateTimeString('yyyy/mm/dd hh:nn:ss', '-', ':') + ' ' + Line;
  SaveStringsToUTF8FileWithoutBOM(ProvisionLogPath, Lines, True);
end;

procedure LogOutput(const Prefix: String; const Lines: TArrayOfString);
var
  I: Integer;
begin
  for I := 0 to GetArrayLength(Lines) - 1 do
    AppendProvisionLog(Prefix + Lines[I]);
end;

procedure ReportProvisionFailure(const Detail: String);
begin
  ProvisionFailed := True;
  AppendProvisionLog('FAILED: ' + Detail);
  SuppressibleMsgBox(Detail, mbError, MB_OK, IDOK);
end;

procedure RunProvision;
var
  Exe, Params: String;
  ResultCode: Integer;
  Output: TExecOutput;
begin
  Exe := ExpandConstant('{app}\{#AppExeName}');
  { Elevated and without an IT administrator's password, Setup only validates the file (--check);
    IT then sets up the branch with: branchvault provision --admin USERNAME (see installers/README.md). }
  Params := 'provision --config "' + ConfigPath + '" --check';
  AppendProvisionLog('running: "' + Exe + '" ' + Params);
  try
    if not ExecAndCaptureOutput(Exe, Params, ExpandConstant('{app}'), SW_HIDE, ewWaitUntilTerminated,
                                ResultCode, Output) then
    begin
      ReportProvisionFailure(FmtMessage(CustomMessage('ProvisionFailed'),
        [SysErrorMessage(ResultCode), ProvisionLogPath]));
      Exit;
    end;
  except
    ReportProvisionFailure(FmtMessage(CustomMessage('ProvisionFailed'), [GetExceptionMessage, ProvisionLogPath]));
    Exit;
  end;
  LogOutput('stdout: ', Output.StdOut);
  LogOutput('stderr: ', Output.StdErr);
  if ResultCode <> 0 then
    ReportProvisionFailure(FmtMessage(CustomMessage('ProvisionFailed'), [IntToStr(ResultCode), ProvisionLogPath]))
  else
    AppendProvisionLog('provision finished (exit code 0)');
end;

function InitializeSetup: Boolean;
var
  Error: String;
begin
  Result := True;
  BranchCode := Uppercase(Trim(ExpandConstant('{param:BRANCHCODE|}')));
  BranchName := Trim(ExpandConstant('{param:BRANCHNAME|}'));
  HqUrl := Trim(ExpandConstant('{param:HQURL|}'));
  HqName := Trim(ExpandConstant('{param:HQNAME|}'));
  HqContact := Trim(ExpandConstant('{param:HQCONTACT|}'));
  CompanyName := Trim(ExpandConstant('{param:COMPANYNAME|}'));
  CompanyContact := Trim(ExpandConstant('{param:COMPANYCONTACT|}'));
  if HaveBranchValues and not FileExists(ConfigPath) then
  begin
    Error := ValidationError(BranchCode, BranchName, HqUrl);
    if Error <> '' then
    begin
      { Exit code 1 ("Setup failed to initialize"): nothing is installed with half a configuration. }
      Log('Invalid branch parameters: ' + Error);
      SuppressibleMsgBox(Error, mbCriticalError, MB_OK, IDOK);
      Result := False;
    end;
  end;
end;

procedure InitializeWizard;
begin
  BranchPage := CreateInputQueryPage(wpSelectDir, CustomMessage('BranchPageCaption'),
    CustomMessage('BranchPageDescription'), CustomMessage('BranchPageSubCaption'));
  BranchPage.Add(CustomMessage('BranchCodeLabel'), False);
  BranchPage.Add(CustomMessage('BranchNameLabel'), False);
  BranchPage.Add(CustomMessage('HqUrlLabel'), False);
  BranchPage.Values[0] := BranchCode;
  BranchPage.Values[1] := BranchName;
  BranchPage.Values[2] := HqUrl;
end;

function NextButtonClick(CurPageID: Integer): Boolean;
var
  Error: String;
begin
  Result := True;
  if CurPageID = BranchPage.ID then
  begin
    BranchCode := Uppercase(Trim(BranchPage.Values[0]));
    BranchName := Trim(BranchPage.Values[1]);
    HqUrl := Trim(BranchPage.Values[2]);
    if HaveBranchValues then
    begin
      Error := ValidationError(BranchCode, BranchName, HqUrl);
      if Error <> '' then
      begin
        MsgBox(Error, mbError, MB_OK);
        Result := False;
      end;
    end;
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep <> ssPostInstall then
    Exit;
  if HaveBranchValues then
  begin
    if not WriteBranchConfig then
    begin
      ReportProvisionFailure(FmtMessage(CustomMessage('ConfigWriteFailed'), [ConfigPath]));
      Exit;
    end;
    AppendProvisionLog('branch configuration written to ' + ConfigPath);
    RunProvision;
  end
  else if FileExists(ConfigPath) then
  begin
    { An existing configuration is never overwritten (it may hold data_dir, keyring and security
      settings IT wrote): parameters given on an upgrade are ignored; IT edits the file and runs
      provision. The kept file is validated again. }
    if HaveBranchValues then
      AppendProvisionLog('existing branch configuration kept, parameters ignored: edit ' + ConfigPath +
        ' and run branchvault provision');
    AppendProvisionLog('keeping the existing branch configuration ' + ConfigPath);
    RunProvision;
  end
  else
    Log('No branch parameters and no existing configuration: provisioning left to IT.');
end;

function GetCustomSetupExitCode: Integer;
begin
  if ProvisionFailed then
    Result := ExitProvisionFailed
  else
    Result := 0;
end;

function InitializeUninstall: Boolean;
begin
  Result := True;
  DeleteMachineConfig := CompareText(CmdLineValue('DELETEDATA'), 'yes') = 0;
  if (not DeleteMachineConfig) and (not UninstallSilent) and FileExists(ConfigPath) then
    DeleteMachineConfig := MsgBox(FmtMessage(CustomMessage('UninstallAskDelete'), [ConfigPath]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if DeleteMachineConfig then
  begin
    { Only the files this installer wrote; IT's policy.toml and anything else stay, and so the
      folder is removed only if it is then empty. }
    DeleteFile(ConfigPath);
    DeleteFile(ProvisionLogPath);
    RemoveDir(ConfigDir);
    Log('Machine-wide branch configuration deleted on request: ' + ConfigPath);
  end
  else
    Log('Machine-wide branch configuration kept: ' + ConfigPath);
  Log('Per-user data folders (client data) are never deleted by the uninstaller.');
end;
