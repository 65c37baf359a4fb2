using System.Text.Json;
using BackupFleet.Shared.Text;

namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>
/// Reads what <c>ConvertTo-Json -Depth 4 -Compress</c> printed, with Windows PowerShell 5.1's quirks
/// (shared/reference/windows-outputs.md §6): no output at all for no objects, one object not wrapped in an array.
/// </summary>
public static class PowerShellJson
{
    /// <param name="what">The command, for error messages, e.g. "Get-VHD".</param>
    public static IReadOnlyList<PsObject> Parse(IReadOnlyList<string> output, string what)
    {
        var text = string.Join('\n', output).Trim();
        if (text.Length == 0)
            return [];
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} printed something that is not JSON: {e.Message} Output: {Echo.Shorten(text, 200)}");
        }
        return root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().Where(e => e.ValueKind != JsonValueKind.Null).Select(e => new PsObject(e, what)).ToList(),
            JsonValueKind.Null => [],
            _ => [new PsObject(root, what)],
        };
    }
}
