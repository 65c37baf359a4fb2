namespace BackupFleet.Server.Features.AgentDownload;

/// <summary>scripts/Install-BackupFleetAgent.ps1, built into the server so that the script served always matches this server.</summary>
public static class InstallScript
{
    public const string ResourceName = "Install-BackupFleetAgent.ps1";

    public static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(InstallScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The server was built without its {ResourceName} resource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
