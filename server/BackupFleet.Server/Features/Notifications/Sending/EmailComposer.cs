using System.Text;
using System.Text.Json.Nodes;
using BackupFleet.Server.Features.Notifications.Email;

namespace BackupFleet.Server.Features.Notifications.Sending;

/// <summary>Writes a message as an e-mail, from the words each notification carries (title, lines, link), and sends it to the rule's recipients.</summary>
public sealed class EmailComposer(EmailSender email)
{
    private const string Prefix = "[BackupFleet] ";

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var (subject, text) = Compose(message);
        try
        {
            await email.SendAsync(message.Rule.Recipients, subject, text, null, ct);
            return new SendOutcome(true, null, null);
        }
        catch (EmailSendException e)
        {
            return new SendOutcome(false, null, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return new SendOutcome(false, null, e.Message, Final: true);
        }
    }

    public static (string Subject, string Text) Compose(OutgoingMessage message)
    {
        var notifications = message.Notifications();
        var text = new StringBuilder();
        if (!message.IsDigest)
        {
            Write(text, notifications[0], heading: false);
            return (Prefix + Title(notifications[0]), Footer(text, message));
        }
        text.AppendLine($"{notifications.Count} notifications since the last message for the rule '{message.Rule.Name}' ({message.Counts()}):").AppendLine();
        foreach (var n in notifications)
            Write(text, n, heading: true);
        return ($"{Prefix}{notifications.Count} alerts: {message.Counts()}", Footer(text, message));
    }

    private static string Title(JsonObject n) => (string?)n["title"] ?? (string?)n["event"] ?? "";

    private static void Write(StringBuilder text, JsonObject n, bool heading)
    {
        if (heading)
            text.AppendLine("* " + Title(n));
        foreach (var line in n["lines"]?.AsArray() ?? [])
            text.AppendLine((heading ? "  " : "") + (string?)line);
        text.AppendLine((heading ? "  " : "") + (string?)n["link"]).AppendLine();
    }

    private static string Footer(StringBuilder text, OutgoingMessage message) =>
        text.AppendLine($"-- Sent by BackupFleet for the notification rule '{message.Rule.Name}'.").ToString();
}
