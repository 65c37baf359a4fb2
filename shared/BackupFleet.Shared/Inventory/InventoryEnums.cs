namespace BackupFleet.Shared.Inventory;

// Enum members carry the names the inventory format writes (the Windows names), never their numbers.
#pragma warning disable CA1707 // names as Windows spells them

public enum VmState { Running, Off, Saved, Paused, Starting, Stopping, Saving, Other }

public enum ControllerType { IDE, SCSI }

public enum VhdFormat { VHD, VHDX, VHDSet }

public enum VhdType { Fixed, Dynamic, Differencing }

public enum BackupTargetKind
{
    /// <summary>A VHDX on an SMB share, mounted for each run: WSB then does block-level incrementals (KNOWLEDGE.md §2).</summary>
    VhdxOnShare,
    /// <summary>WSB straight to a share: full backups only, one version.</summary>
    Share,
    LocalVolume,
    None,
}
