using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Features.Notifications.Email;
using BackupFleet.Shared.Text;

namespace BackupFleet.Server.Features.Notifications.Rules;

public static class NotificationRuleLimits
{
    public const int MaxName = 100;
    public const int MaxRecipients = 20;
    public const int MaxAddress = 320;
    public const int MaxUrl = 2000;
    public const int MinSecret = 16;
    public const int MaxSecret = 256;
    public const int MinOfflineMinutes = 5;
    public const int MaxOfflineMinutes = 7 * 24 * 60;
    public const int DefaultOfflineMinutes = 30;
}

/// <summary>Checks a rule as written and gives it the stored form; every error is keyed by its field and says what to write.</summary>
public static class NotificationRuleValidator
{
    /// <param name="stored">The rule being replaced, whose secret an empty one keeps; null for a new rule.</param>
    /// <param name="emailReady">Whether an SMTP server is set: an e-mail rule without one would fail every time.</param>
    public static (NotificationRuleEntity? Rule, Dictionary<string, string[]> Errors) Validate(NotificationRuleRequest request,
        NotificationRuleEntity? stored, bool emailReady)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > NotificationRuleLimits.MaxName || name.Any(char.IsControl))
            Error("name", $"Give the rule a name of 1 to {NotificationRuleLimits.MaxName} characters, without control characters.");

        string[] events = [];
        if (request.Events is not { Length: > 0 })
            Error("events", $"Choose at least one event: {string.Join(", ", NotificationEvents.All)}.");
        else if (request.Events.FirstOrDefault(e => !NotificationEvents.All.Contains(e)) is { } unknown)
            Error("events", $"'{Echo.Shorten(unknown)}' is not an event; the events are {string.Join(", ", NotificationEvents.All)}.");
        else
            events = [.. NotificationEvents.All.Where(request.Events.Contains)];

        string? tag = null;
        if (!string.IsNullOrEmpty(request.HostTag) && (tag = HostTags.Normalise(request.HostTag)) is null)
            Error("hostTag", HostTags.Rule + " Leave it empty for every host.");

        var offline = request.OfflineMinutes ?? stored?.OfflineMinutes ?? NotificationRuleLimits.DefaultOfflineMinutes;
        if (offline is < NotificationRuleLimits.MinOfflineMinutes or > NotificationRuleLimits.MaxOfflineMinutes)
            Error("offlineMinutes", $"Must be between {NotificationRuleLimits.MinOfflineMinutes} and {NotificationRuleLimits.MaxOfflineMinutes} minutes (7 days).");

        string[] recipients = [];
        string? url = null, secret = null;
        switch (request.Channel)
        {
            case null:
                Error("channel", "Choose Email or Webhook.");
                break;
            case NotificationChannel.Email:
                if (!emailReady)
                    Error("channel", $"E-mail needs an SMTP server: set {SmtpOptions.Section}:Host, :Port and :From in the server's settings (see the README), or use a webhook.");
                recipients = ValidRecipients(request.Recipients, Error);
                if (!string.IsNullOrEmpty(request.WebhookUrl) || !string.IsNullOrEmpty(request.WebhookSecret))
                    Error("webhookUrl", "An e-mail rule has no webhook address or secret; leave them empty.");
                break;
            case NotificationChannel.Webhook:
                if (request.Recipients is { Length: > 0 })
                    Error("recipients", "A webhook rule has no e-mail recipients; leave them empty.");
                if (request.WebhookUrl is not { Length: <= NotificationRuleLimits.MaxUrl } written
                    || !Uri.TryCreate(written.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                    Error("webhookUrl", $"Give the receiver's http or https address (at most {NotificationRuleLimits.MaxUrl} characters).");
                else if (parsed.UserInfo.Length > 0)
                    Error("webhookUrl", "Leave the user name and password out of the address: the receiver checks the X-BackupFleet-Signature instead.");
                else
                    url = parsed.AbsoluteUri;
                secret = string.IsNullOrEmpty(request.WebhookSecret) && stored?.Channel == NotificationChannel.Webhook ? stored.WebhookSecret : request.WebhookSecret;
                if (secret is not { Length: >= NotificationRuleLimits.MinSecret and <= NotificationRuleLimits.MaxSecret } || secret.Any(char.IsControl))
                    Error("webhookSecret",
                        $"Give a secret of {NotificationRuleLimits.MinSecret} to {NotificationRuleLimits.MaxSecret} characters: receivers check the X-BackupFleet-Signature with it.");
                break;
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new NotificationRuleEntity
        {
            Name = name!, Enabled = request.Enabled, Events = events, HostTag = tag, Channel = request.Channel!.Value, Recipients = recipients,
            WebhookUrl = url, WebhookSecret = secret, OfflineMinutes = offline,
        }, errors);
    }

    private static string[] ValidRecipients(string[]? written, Action<string, string> error)
    {
        if (written is not { Length: > 0 and <= NotificationRuleLimits.MaxRecipients })
        {
            error("recipients", $"Give 1 to {NotificationRuleLimits.MaxRecipients} e-mail addresses.");
            return [];
        }
        var kept = new List<string>();
        for (var i = 0; i < written.Length; i++)
        {
            var address = written[i]?.Trim() ?? "";
            if (address.Length > NotificationRuleLimits.MaxAddress)
                error($"recipients[{i}]", $"An e-mail address has at most {NotificationRuleLimits.MaxAddress} characters.");
            else if (SmtpOptions.AddressProblem(address) is { } problem)
                error($"recipients[{i}]", problem);
            else if (!kept.Contains(address, StringComparer.OrdinalIgnoreCase))
                kept.Add(address);
        }
        return [.. kept];
    }
}
