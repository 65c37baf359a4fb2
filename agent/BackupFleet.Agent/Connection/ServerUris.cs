namespace BackupFleet.Agent.Connection;

/// <summary>Server addresses. A server published under a path (https://host/backupfleet/) keeps that path.</summary>
public static class ServerUris
{
    public static Uri Combine(Uri server, string path) => new(server.ToString().TrimEnd('/') + "/" + path.TrimStart('/'));

    /// <summary>An absolute http(s) address, or null.</summary>
    public static Uri? TryParse(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Query.Length == 0
            ? uri
            : null;
}
