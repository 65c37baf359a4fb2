using BackupFleet.Shared.Checks;

namespace BackupFleet.Server.Features.Findings;

/// <summary>A finding as the API and the pages show it; severity in lower case, as <c>agent check</c> writes it.</summary>
public sealed record FindingView(
    long Id, Guid HostId, string HostName, string Check, string Severity, string Subject, string Message, string Fix,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt);

/// <summary>How many open findings a rule has across the fleet, for the problems page's groups.</summary>
public sealed record FindingGroup(string Check, string Severity, int Hosts, int Findings);
