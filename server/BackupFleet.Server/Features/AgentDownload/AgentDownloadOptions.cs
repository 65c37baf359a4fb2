namespace BackupFleet.Server.Features.AgentDownload;

/// <summary>Where the published agents are: <c>{DownloadDirectory}/win-x64/BackupFleet.Agent.exe</c>.</summary>
public sealed class AgentDownloadOptions
{
    public const string Section = "Agent";

    /// <summary>Null: the repository's artifacts/agent folder (where ./build.sh test publishes), found above the content root.</summary>
    public string? DownloadDirectory { get; set; }
}
