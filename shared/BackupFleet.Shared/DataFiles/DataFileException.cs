namespace BackupFleet.Shared.DataFiles;

/// <summary>A JSON file the agent reads (scenario, inventory, agent.json) is wrong; the message names the file and the field.</summary>
/// <param name="Field">The field's path inside the file, e.g. "simulation.faults.backup.atPercent".</param>
public sealed class DataFileException(string file, string field, string problem)
    : Exception($"{file}: {field} {problem}")
{
    public string File { get; } = file;

    public string Field { get; } = field;
}
