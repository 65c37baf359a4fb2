namespace BackupFleet.Server.Data;

/// <summary>One key of ASP.NET Core's Data Protection key ring (sign-in cookies, anti-forgery tokens), as its XML.</summary>
public sealed class DataProtectionKeyEntity
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
