using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.AgentDownload;

/// <summary>The published win-x64 agent on disk and its SHA-256, hashed once per build rather than per download.</summary>
public sealed class PublishedAgent(IOptions<AgentDownloadOptions> options, IWebHostEnvironment environment)
{
    public const string RuntimeId = "win-x64";
    public const string FileName = "BackupFleet.Agent.exe";

    private readonly SemaphoreSlim _hashing = new(1, 1);
    private (long Length, DateTime Written, string Sha256)? _hash;

    /// <summary>The folder that holds (or should hold) the exe, for serving and for the message when it is missing.</summary>
    public string? Directory { get; } = ResolveDirectory(options.Value.DownloadDirectory, environment.ContentRootPath);

    /// <summary>The exe opened for reading, or null when no build is there. The hash is of this very file, even if a new build lands meanwhile.</summary>
    public async Task<(FileStream File, string Sha256)?> OpenAsync(CancellationToken ct)
    {
        var path = Directory is null ? null : Path.Combine(Directory, FileName);
        if (path is null || !File.Exists(path))
            return null;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        try
        {
            var written = File.GetLastWriteTimeUtc(file.SafeFileHandle);
            await _hashing.WaitAsync(ct);
            try
            {
                if (_hash is not { } known || known.Length != file.Length || known.Written != written)
                {
                    known = (file.Length, written, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct)));
                    _hash = known;
                    file.Position = 0;
                }
                return (file, known.Sha256);
            }
            finally
            {
                _hashing.Release();
            }
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static string? ResolveDirectory(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.Combine(Path.GetFullPath(configured, contentRoot), RuntimeId);
        // A development checkout: walk up from the server's content root to the repository that holds the solution.
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackupFleet.sln")))
                return Path.Combine(dir.FullName, "artifacts", "agent", RuntimeId);
        }
        return null;
    }
}
