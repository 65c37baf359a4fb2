<#
.SYNOPSIS
Installs the BackupFleet agent on this Windows host as the service BackupFleetAgent.

.DESCRIPTION
Downloads the agent from the BackupFleet server, checks it against the SHA-256 the server sends with it,
puts it in Program Files and runs "BackupFleet.Agent.exe install", which enrolls the host with the token
and registers the automatic-start service. An agent installed earlier is uninstalled first (its state is kept).
Runs in Windows PowerShell 5.1 with nothing to install; needs an elevated prompt.

.EXAMPLE
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor 3072; iex "& { $(irm 'http://backup-server:5080/agent/install.ps1' -UseBasicParsing) } -Server 'http://backup-server:5080' -Token 'bfe_...'"

.EXAMPLE
.\Install-BackupFleetAgent.ps1 -Server http://backup-server:5080 -Token bfe_...
#>
[CmdletBinding()]
param(
    # The server's address, e.g. http://backup-server:5080
    [Parameter(Mandatory = $true)]
    [string] $Server,

    # A single-use enrollment token created on the server for this host
    [Parameter(Mandatory = $true)]
    [string] $Token,

    [string] $InstallDirectory = (Join-Path $env:ProgramFiles 'BackupFleet\Agent')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$serviceName = 'BackupFleetAgent'
$hashHeader = 'X-Agent-Sha256'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this from an elevated PowerShell (Run as administrator): installing a service needs it.'
}

# Windows PowerShell 5.1 may offer only TLS 1.0/1.1 by default, which an https server refuses.
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

$base = $Server.TrimEnd('/')
if ($base -notmatch '^https?://') {
    throw "-Server '$Server' is not an http:// or https:// address such as http://backup-server:5080."
}

New-Item -ItemType Directory -Force -Path $InstallDirectory | Out-Null
$exe = Join-Path $InstallDirectory 'BackupFleet.Agent.exe'
$download = "$exe.download"

# WebClient rather than Invoke-WebRequest: 5.1's progress display makes the latter very slow for a large file.
$client = New-Object System.Net.WebClient
try {
    Write-Host "Downloading the agent from $base/agent/download/win-x64 ..."
    $client.DownloadFile("$base/agent/download/win-x64", $download)
    $expected = $client.ResponseHeaders[$hashHeader]
}
catch {
    # Show the server's own explanation (a ProblemDetails document), e.g. that no agent has been published.
    # The WebException may come wrapped in PowerShell's MethodInvocationException.
    $detail = $_.Exception.Message
    $webError = $_.Exception
    while ($null -ne $webError -and $webError -isnot [System.Net.WebException]) {
        $webError = $webError.InnerException
    }
    if ($null -ne $webError -and $null -ne $webError.Response) {
        $reader = New-Object System.IO.StreamReader($webError.Response.GetResponseStream())
        $detail = "$detail $($reader.ReadToEnd())"
        $reader.Dispose()
    }
    throw "Could not download the agent from $base : $detail"
}
finally {
    $client.Dispose()
}

if ([string]::IsNullOrEmpty($expected)) {
    Remove-Item -LiteralPath $download -Force
    throw "The server sent no $hashHeader header, so the download cannot be verified; is $base a BackupFleet server?"
}
$actual = (Get-FileHash -LiteralPath $download -Algorithm SHA256).Hash
if ($actual -ne $expected.Trim()) {
    Remove-Item -LiteralPath $download -Force
    throw "The downloaded agent is damaged: its SHA-256 is $actual, the server says $expected. Nothing was installed; run this again."
}
Write-Host "Verified SHA-256 $actual."

# The running service holds the old exe open; uninstall stops it and keeps its state.
if ($null -ne (Get-Service -Name $serviceName -ErrorAction SilentlyContinue)) {
    Write-Host 'Removing the agent installed earlier (its state is kept) ...'
    & $exe uninstall
    if ($LASTEXITCODE -ne 0) {
        throw "BackupFleet.Agent.exe uninstall failed (exit code $LASTEXITCODE); the new agent is left in $download."
    }
}
Move-Item -LiteralPath $download -Destination $exe -Force

& $exe install --server $base --token $Token
if ($LASTEXITCODE -ne 0) {
    throw "BackupFleet.Agent.exe install failed (exit code $LASTEXITCODE); see its message above."
}
Write-Host "The BackupFleet agent is installed and running as the service $serviceName."
