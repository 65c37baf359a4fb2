using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Notifications.Rules;

namespace BackupFleet.Server.Features.Notifications.Page;

/// <summary>The rule editor's fields, as the dashboard binds them; recipients are one text, split on commas, semicolons and new lines.</summary>
public sealed class RuleForm
{
    public Guid? Id { get; private init; }
    public string? Name { get; set; }
    public NotificationChannel Channel { get; set; } = NotificationChannel.Email;
    public string? Recipients { get; set; }
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public bool HasStoredSecret { get; private init; }
    public string? HostTag { get; set; }
    public int OfflineMinutes { get; set; } = NotificationRuleLimits.DefaultOfflineMinutes;
    public bool Enabled { get; set; } = true;
    public HashSet<string> Events { get; } = [NotificationEvents.RunFailed, NotificationEvents.RunMissed, NotificationEvents.RpoBreached];

    public static RuleForm Of(NotificationRuleView rule)
    {
        var form = new RuleForm
        {
            Id = rule.Id, Name = rule.Name, Channel = rule.Channel, Recipients = string.Join(", ", rule.Recipients), WebhookUrl = rule.WebhookUrl,
            HasStoredSecret = rule.HasWebhookSecret, HostTag = rule.HostTag, OfflineMinutes = rule.OfflineMinutes, Enabled = rule.Enabled,
        };
        form.Events.Clear();
        form.Events.UnionWith(rule.Events);
        return form;
    }

    public NotificationRuleRequest ToRequest() => Channel == NotificationChannel.Email
        ? new(Name, [.. Events], Channel, HostTag, Split(Recipients), OfflineMinutes: OfflineMinutes, Enabled: Enabled)
        : new(Name, [.. Events], Channel, HostTag, WebhookUrl: WebhookUrl, WebhookSecret: WebhookSecret, OfflineMinutes: OfflineMinutes, Enabled: Enabled);

    private static string[] Split(string? recipients) =>
        (recipients ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
