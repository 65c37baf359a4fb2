using System.Net;
using System.Security.Cryptography;
using BackupFleet.Server.Features.AgentDownload;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>The real server serving a fake agent build from a temporary folder, to callers without any key.</summary>
public sealed class AgentDownloadTests : IAsyncLifetime
{
    private readonly string _downloads = Directory.CreateTempSubdirectory("bf-agent-downloads-").FullName;
    private TestServer _server = default!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Agent:DownloadDirectory"] = _downloads });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public async Task The_published_agent_is_served_with_its_sha256_and_a_new_build_gets_a_new_hash()
    {
        var anonymous = _server.CreateClient(apiKey: null);
        var exe = Path.Combine(_downloads, "win-x64", "BackupFleet.Agent.exe");
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        byte[] build = [.. "MZ fake agent build 1"u8];
        await File.WriteAllBytesAsync(exe, build);

        using var response = await anonymous.GetAsync("/agent/download/win-x64");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("BackupFleet.Agent.exe", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(build, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(build)), Assert.Single(response.Headers.GetValues(AgentDownloadEndpoints.Sha256Header)));

        byte[] next = [.. "MZ fake agent build 2, longer"u8];
        await File.WriteAllBytesAsync(exe, next);
        using var again = await anonymous.GetAsync("/agent/download/win-x64");
        Assert.Equal(next, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(next)), Assert.Single(again.Headers.GetValues(AgentDownloadEndpoints.Sha256Header)));
    }

    [Fact]
    public async Task Without_a_build_the_download_is_a_404_problem_that_says_how_to_publish_one()
    {
        using var response = await _server.CreateClient(apiKey: null).GetAsync("/agent/download/win-x64");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("No Windows agent on this server", problem.GetProperty("title").GetString());
        Assert.Contains("Agent:DownloadDirectory", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(_downloads, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_install_script_is_served_as_it_is_in_the_repository()
    {
        using var response = await _server.CreateClient(apiKey: null).GetAsync("/agent/install.ps1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "no byte order mark: irm | iex would carry it into the script");
        var inRepository = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scripts", "Install-BackupFleetAgent.ps1"));
        Assert.Equal(inRepository, System.Text.Encoding.UTF8.GetString(bytes));
    }
}
