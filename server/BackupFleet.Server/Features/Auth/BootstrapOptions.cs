namespace BackupFleet.Server.Features.Auth;

/// <summary>First credentials, so a fresh install can be reached at all (env Bootstrap__ApiKey, Bootstrap__AdminUser, Bootstrap__AdminPassword).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? ApiKey { get; set; }
    public string? AdminUser { get; set; }
    public string? AdminPassword { get; set; }
}
