namespace BackupFleet.Server.Data;

/// <summary>
/// A host's name again, in a table of its own for the fleet search (name ILIKE '%text%'), which only a trigram index answers
/// without reading every host. The index lives here, not on hosts, because every run rewrites its host's row (the standing
/// triggers): a GIN index there took half the nightly wave's queueing rate; this table changes only when a name does. Kept by
/// the database (trigger host_names_follow, migration HostNameSearch); the server never writes it.
/// </summary>
public sealed class HostNameEntity
{
    public Guid HostId { get; set; }
    public required string Name { get; set; }
}
