using System.Xml.Linq;
using BackupFleet.Server.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BackupFleet.Server.Features.Auth;

/// <summary>
/// Keeps the Data Protection key ring in PostgreSQL, so every server node signs and reads the same cookies and
/// anti-forgery tokens: a sign-in survives the next request going to another node, and a node's restart.
/// (Microsoft's EF Core store needs a newer EF Core than this project pins; the repository is this small.)
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public static void Add(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("BackupFleet");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((o, s) => o.XmlRepository = new DatabaseKeyRing(s));
    }

    // The interface is synchronous; Data Protection calls it rarely (at start and when a key is made) and caches the ring.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<FleetDb>().DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        db.DataProtectionKeys.Add(new DataProtectionKeyEntity { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
