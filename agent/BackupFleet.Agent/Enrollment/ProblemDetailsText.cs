using System.Net;
using System.Text;
using System.Text.Json;
using BackupFleet.Shared.Text;

namespace BackupFleet.Agent.Enrollment;

/// <summary>Turns the server's ProblemDetails answer (title, detail, errors per field) into lines for the console.</summary>
public static class ProblemDetailsText
{
    private const int MaxBodyShown = 300;

    public static string Describe(HttpStatusCode status, string? reason, string body)
    {
        var text = new StringBuilder($"The server refused the enrollment ({(int)status} {reason}).");
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new JsonException();
            if (String(root, "title") is { } title)
                text.Append(' ').Append(title.TrimEnd('.')).Append('.');
            if (String(root, "detail") is { } detail)
                text.Append(' ').Append(detail);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText())
                        : [field.Value.ToString()];
                    foreach (var message in messages)
                        text.Append(Environment.NewLine).Append("  ").Append(field.Name).Append(": ").Append(message);
                }
            }
        }
        catch (JsonException)
        {
            // Not ProblemDetails (a proxy's error page, say): show the start of what came back.
            var shown = body.Trim();
            if (shown.Length > 0)
                text.Append(' ').Append(Echo.Shorten(shown, MaxBodyShown));
        }
        return text.ToString();
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
