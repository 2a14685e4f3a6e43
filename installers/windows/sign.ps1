<#
.SYNOPSIS
  Sign BranchVault's Windows executables with signtool (Authenticode, SHA-256, RFC 3161 timestamp).

.DESCRIPTION
  NOT RUN in this repository's sessions (no Windows machine, no certificate): see installers/README.md.

  With no arguments it signs dist\branchvault\branchvault.exe and dist\installer\BranchVault-Setup-*.exe
  (paths from the repository root). With file arguments it signs those files: that is how Inno Setup
  calls it for Setup and the uninstaller (iscc "/Sbvsign=powershell.exe -NoProfile -ExecutionPolicy
  Bypass -File installers\windows\sign.ps1 $f" /DSignToolName=bvsign ...).

  Environment:
    BV_SIGN_CERT_PATH      code-signing certificate (.pfx). Unset: nothing is signed, exit 0, with a message.
    BV_SIGN_CERT_PASSWORD  its password (required when BV_SIGN_CERT_PATH is set).
    BV_SIGN_TIMESTAMP_URL  RFC 3161 timestamp server (required when BV_SIGN_CERT_PATH is set: a signature
                           without a timestamp stops being valid when the certificate expires).
    BV_SIGNTOOL            optional full path to signtool.exe; otherwise PATH, then the newest Windows SDK.

  Exit code 0 when every file is signed and verified (or signing is skipped), 1 otherwise.
#>
param([Parameter(ValueFromRemainingArguments = $true)][string[]]$Files)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not $env:BV_SIGN_CERT_PATH) {
    Write-Host 'sign.ps1: BV_SIGN_CERT_PATH is not set: skipping code signing (the files stay UNSIGNED).'
    exit 0
}
foreach ($name in 'BV_SIGN_CERT_PASSWORD', 'BV_SIGN_TIMESTAMP_URL') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        Write-Error "sign.ps1: BV_SIGN_CERT_PATH is set but $name is not: refusing to sign half-configured."
        exit 1
    }
}
if (-not (Test-Path -LiteralPath $env:BV_SIGN_CERT_PATH -PathType Leaf)) {
    Write-Error "sign.ps1: certificate file not found: $env:BV_SIGN_CERT_PATH"
    exit 1
}

function Find-SignTool {
    if ($env:BV_SIGNTOOL) { return $env:BV_SIGNTOOL }
    $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    $found = Get-ChildItem -Path $kits -Filter signtool.exe -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -eq 'x64' -and $_.Directory.Parent.Name -match '^\d+(\.\d+)+$' } |
        Sort-Object { [version]$_.Directory.Parent.Name } -Descending |
        Select-Object -First 1
    if ($found) { return $found.FullName }
    throw 'signtool.exe not found: install the Windows SDK or set BV_SIGNTOOL.'
}

$repo = Resolve-Path (Join-Path $PSScriptRoot '..\..')
if (-not $Files -or $Files.Count -eq 0) {
    $Files = @(Join-Path $repo 'dist\branchvault\branchvault.exe')
    $Files += @(Get-ChildItem -Path (Join-Path $repo 'dist\installer') -Filter 'BranchVault-Setup-*.exe' `
            -ErrorAction SilentlyContinue | ForEach-Object { $_.FullName })
}

$signtool = Find-SignTool
Write-Host "sign.ps1: using $signtool"
$failed = $false
foreach ($file in $Files) {
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
        Write-Host "sign.ps1: missing file: $file"
        $failed = $true
        continue
    }
    # The password is passed on signtool's command line (signtool has no other way for a .pfx);
    # run this only on a build machine that nobody else can inspect.
    & $signtool sign /fd SHA256 /f $env:BV_SIGN_CERT_PATH /p $env:BV_SIGN_CERT_PASSWORD `
        /tr $env:BV_SIGN_TIMESTAMP_URL /td SHA256 /d 'BranchVault' $file | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Host "sign.ps1: signing failed ($LASTEXITCODE): $file"
        $failed = $true
        continue
    }
    & $signtool verify /pa /q $file | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Host "sign.ps1: signature does not verify: $file"
        $failed = $true
        continue
    }
    Write-Host "sign.ps1: signed and verified: $file"
}
if ($failed) { exit 1 }
exit 0
