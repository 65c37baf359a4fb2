using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Shared.DataFiles;

namespace BackupFleet.Agent.Cli;

/// <summary>What enrollment leaves behind in agent.json: which server, which host, and the host's secret.</summary>
public sealed record AgentState(string ServerUrl, Guid HostId, string HostName, string Credential)
{
    public const string FileName = "agent.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // Never print the secret, should the state end up in a log.
    public override string ToString() => $"AgentState {{ ServerUrl = {ServerUrl}, HostId = {HostId}, HostName = {HostName}, Credential = *** }}";

    /// <summary>Writes agent.json readable by its owner only, replacing any earlier one in one step.</summary>
    /// <returns>The file's path.</returns>
    public string Save(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, FileName);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // The credential lets anyone act as this host. On Windows the folder's ACL protects it (the install command sets it).
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
            JsonSerializer.Serialize(stream, this, Json);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // a leftover temp file keeps its old mode
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <exception cref="NotEnrolledException">There is no agent.json in the directory.</exception>
    /// <exception cref="DataFileException">agent.json is damaged; the message names the field.</exception>
    public static AgentState Load(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
            throw new NotEnrolledException(path);
        var root = JsonFields.Parse(File.ReadAllText(path), path, out var document);
        using (document)
        {
            var server = root.RequiredString("serverUrl");
            if (ServerUris.TryParse(server) is null)
                throw root.Error("serverUrl", $"is '{server}', not an http:// or https:// address.");
            return new AgentState(server, root.RequiredGuid("hostId"), root.RequiredString("hostName"), root.RequiredString("credential"));
        }
    }
}

public sealed class NotEnrolledException(string path)
    : Exception($"This agent is not enrolled: {path} does not exist. Enroll it first: BackupFleet.Agent enroll --server URL --token TOKEN"
        + $" --state-dir \"{Path.GetDirectoryName(path)}\"");
