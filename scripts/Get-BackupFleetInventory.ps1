<#
.SYNOPSIS
Writes this host's inventory for BackupFleet: VMs, their disks, volumes and the backup target.

.DESCRIPTION
Writes the JSON snapshot of shared/reference/inventory.md. The BackupFleet agent runs this same file (built into
it) to send its inventory, so a snapshot handed in by an administrator and one sent by the agent are alike.
Runs in Windows PowerShell 5.1 with nothing to install; run it elevated, as Hyper-V needs. On a host without
Hyper-V the VM lists are empty.

.EXAMPLE
powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Get-BackupFleetInventory.ps1 -TargetVhdx \\nas01\backups\HV01.vhdx -OutFile HV01.json
#>
[CmdletBinding()]
param(
    # Where to write the JSON (UTF-8); without it the JSON is printed
    [string] $OutFile,

    # The backup target VHDX, e.g. \\nas01\backups\HV01.vhdx; without it backupTarget is Kind None
    [string] $TargetVhdx
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Enums are written by name: 5.1's ConvertTo-Json would write their numbers.
function Get-Name($value) {
    if ($null -eq $value) { $null } else { "$value" }
}

# The format names fewer VM states than Hyper-V has: the fast variants are saves, the rest (Reset, *Critical...) Other.
$stateNames = @{
    Running = 'Running'; Off = 'Off'; Stopping = 'Stopping'; Saved = 'Saved'; FastSaved = 'Saved'
    Paused = 'Paused'; Starting = 'Starting'; Saving = 'Saving'; FastSaving = 'Saving'
}

function Get-VolumeFacts($volume) {
    # Select-Object first: a property an older Storage module lacks then reads as null instead of failing strict mode.
    $v = $volume | Select-Object DriveLetter, FileSystemLabel, FileSystem, AllocationUnitSize, Size, SizeRemaining
    [pscustomobject]@{
        # Char16, written "\u0000" when the volume has no letter
        DriveLetter = if ("$($v.DriveLetter)" -match '^[A-Za-z]$') { "$($v.DriveLetter)" } else { $null }
        FileSystemLabel = $v.FileSystemLabel
        # No file system is "" here; Disk Management calls it RAW.
        FileSystem = if ($v.FileSystem) { $v.FileSystem } else { 'RAW' }
        AllocationUnitSize = [long] $v.AllocationUnitSize
        Size = [long] $v.Size
        SizeRemaining = [long] $v.SizeRemaining
    }
}

$os = Get-CimInstance -ClassName Win32_OperatingSystem
$hyperV = [bool] (Get-Command -Name Get-VM -ErrorAction SilentlyContinue)
# foreach statements, not pipelines, below: a Hyper-V cmdlet in a pipeline is looked up even with no input.
$vms = @(if ($hyperV) { Get-VM })
$drives = @(foreach ($vm in $vms) { Get-VMHardDiskDrive -VM $vm })

$vmFacts = @(foreach ($vm in $vms) {
    $state = "$($vm.State)"
    [pscustomobject]@{
        Name = $vm.Name
        Id = "$($vm.Id)"
        State = if ($stateNames.ContainsKey($state)) { $stateNames[$state] } else { 'Other' }
        Generation = $vm.Generation
        Path = $vm.Path
        ConfigurationLocation = $vm.ConfigurationLocation
        SnapshotFileLocation = $vm.SnapshotFileLocation
    }
})

$driveFacts = @(foreach ($drive in $drives) {
    [pscustomobject]@{
        VMName = $drive.VMName
        Path = $drive.Path
        ControllerType = Get-Name $drive.ControllerType
        ControllerNumber = $drive.ControllerNumber
        ControllerLocation = $drive.ControllerLocation
        # Set only for a pass-through physical disk, whose Path is then a description
        DiskNumber = $drive.DiskNumber
    }
})

$vhdFacts = @(foreach ($drive in $drives) {
    if (-not $drive.Path -or $null -ne $drive.DiskNumber) { continue }
    $vhd = Get-VHD -Path $drive.Path -ErrorAction SilentlyContinue
    if (-not $vhd) { continue }
    # Assigned, not written inline: an if in a hashtable would unwrap a one-identity list into a bare string.
    $access = $null
    $acl = Get-Acl -LiteralPath $vhd.Path -ErrorAction SilentlyContinue
    if ($acl) { $access = @($acl.Access | ForEach-Object { "$($_.IdentityReference)" }) }
    [pscustomobject]@{
        Path = $vhd.Path
        VhdFormat = Get-Name $vhd.VhdFormat
        VhdType = Get-Name $vhd.VhdType
        FileSize = $vhd.FileSize
        Size = $vhd.Size
        ParentPath = if ($vhd.ParentPath) { $vhd.ParentPath } else { $null }
        Access = $access
    }
})

$serviceFacts = @(foreach ($vm in $vms) {
    foreach ($service in @(Get-VMIntegrationService -VM $vm)) {
        [pscustomobject]@{ VMName = $service.VMName; Name = $service.Name; Enabled = [bool] $service.Enabled }
    }
})

$targetVhd = $null
$targetDisk = $null
if ($TargetVhdx -and $hyperV) {
    $targetVhd = Get-VHD -Path $TargetVhdx -ErrorAction SilentlyContinue
    if ($targetVhd -and $targetVhd.Attached) { $targetDisk = $targetVhd.DiskNumber }
}

# The mounted target's own volume is described under backupTarget, not among the host's volumes.
$volumeFacts = @()
$targetVolumes = @()
foreach ($partition in @(Get-Partition)) {
    foreach ($volume in @($partition | Get-Volume -ErrorAction SilentlyContinue)) {
        if ($null -ne $targetDisk -and $partition.DiskNumber -eq $targetDisk) {
            $targetVolumes += Get-VolumeFacts $volume
        } else {
            $volumeFacts += Get-VolumeFacts $volume
        }
    }
}
$targetVolume = $targetVolumes | Sort-Object -Property Size -Descending | Select-Object -First 1

# A fact that could not be read (target not found or not mounted) stays null, never a guess.
$backupTarget = [pscustomobject]@{
    Kind = 'None'; Path = $null; VhdFormat = $null; VhdType = $null; Size = $null
    DriveLetter = $null; FileSystem = $null; AllocationUnitSize = $null
}
if ($TargetVhdx) {
    $backupTarget.Kind = 'VhdxOnShare'
    $backupTarget.Path = $TargetVhdx
}
if ($targetVhd) {
    $backupTarget.VhdFormat = Get-Name $targetVhd.VhdFormat
    $backupTarget.VhdType = Get-Name $targetVhd.VhdType
    $backupTarget.Size = $targetVhd.Size
}
if ($targetVolume) {
    $backupTarget.DriveLetter = $targetVolume.DriveLetter
    $backupTarget.FileSystem = $targetVolume.FileSystem
    $backupTarget.AllocationUnitSize = $targetVolume.AllocationUnitSize
}

$inventory = [pscustomobject]@{
    schema = 'backupfleet.inventory/1'
    # A string: 5.1 would write a DateTime as "/Date(ms)/".
    capturedAt = [DateTimeOffset]::Now.ToString('o')
    computerName = $env:COMPUTERNAME
    osCaption = "$($os.Caption)".Trim()
    osVersion = $os.Version
    vms = $vmFacts
    vmHardDiskDrives = $driveFacts
    vhds = $vhdFacts
    volumes = $volumeFacts
    vmIntegrationServices = $serviceFacts
    backupTarget = $backupTarget
}
# -InputObject, not a pipeline, so that lists of one or none stay JSON arrays.
$json = ConvertTo-Json -InputObject $inventory -Depth 4

if ($OutFile) {
    # UTF-8 without a byte order mark (Set-Content -Encoding UTF8 in 5.1 writes one), at the path as PowerShell resolves it.
    $path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
    [IO.File]::WriteAllText($path, $json, (New-Object System.Text.UTF8Encoding $false))
} else {
    $json
}
