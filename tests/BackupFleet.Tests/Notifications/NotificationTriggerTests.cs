using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Findings;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Notifications.Triggers;
using BackupFleet.Shared.Checks;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Notifications;

/// <summary>Issue 7: a new error finding, a breached RPO and an agent away longer than a rule's minutes each notify once.</summary>
public sealed class NotificationTriggerTests() : WebhookTest(new Dictionary<string, string?> { ["Notifications:Throttle"] = "00:00:00" })
{
    private const string Secret = "trigger-secret-0123456";

    private async Task<Guid> HostAsync(string name) => (await Api.EnrollAsync(FleetApi.UniqueHostName(name))).HostId;

    private async Task SyncHostFindingsAsync(Guid hostId, params Finding[] findings)
    {
        await using var scope = Server.CreateScope();
        await scope.ServiceProvider.GetRequiredService<FindingStore>().SyncHostAsync(hostId, FindingScope.Host, findings, CancellationToken.None);
    }

    [Fact]
    public async Task A_new_error_finding_notifies_once_while_it_stays_open_and_a_warning_not_at_all()
    {
        var rule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("findings", Receiver.Url, Secret, [NotificationEvents.FindingError]));
        var host = await HostAsync("FIND");
        var error = new Finding(CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, "VM01", "VM01 has a disk outside its folder.", "Move the disk with Move-VMStorage.");
        var warning = new Finding(CheckIds.LowFreeSpace, FindingSeverity.Warning, "C:", "C: is nearly full.", "Free space.");

        await SyncHostFindingsAsync(host, error, warning);
        await SyncHostFindingsAsync(host, error, warning); // seen again: the same open finding
        var log = await Api.DeliveriesUntilAsync(rule, d => d.Count > 0 && d.All(x => x.State() == "Delivered"));

        var delivery = Assert.Single(log);
        Assert.Equal(NotificationEvents.FindingError, delivery.GetProperty("event").GetString());
        using var body = JsonDocument.Parse(Assert.Single(Receiver.Requests).Body);
        Assert.Equal((CheckIds.VmDiskOutsideVmFolder, "Move the disk with Move-VMStorage."),
            (body.RootElement.GetProperty("finding").GetProperty("check").GetString(), body.RootElement.GetProperty("finding").GetProperty("fix").GetString()));
    }

    [Fact]
    public async Task A_finding_that_went_away_and_came_back_notifies_again()
    {
        var rule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("again", Receiver.Url, Secret, [NotificationEvents.FindingError]));
        var host = await HostAsync("BACK");
        var error = new Finding(CheckIds.VhdAclMissing, FindingSeverity.Error, "VM02", "VM02's disk lacks the VM's permission.", "Grant it with icacls.");

        await SyncHostFindingsAsync(host, error);
        await SyncHostFindingsAsync(host); // fixed
        await SyncHostFindingsAsync(host, error); // broken again

        Assert.Equal(2, (await Api.DeliveriesUntilAsync(rule, d => d.Count == 2)).Count);
    }

    [Fact]
    public async Task A_breached_rpo_is_its_own_event_for_the_rules_that_want_it()
    {
        var rpoRule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("rpo", Receiver.Url, Secret, [NotificationEvents.RpoBreached]));
        var errorRule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("errors only", Receiver.Url, Secret, [NotificationEvents.FindingError]));
        var host = await HostAsync("RPO");

        await using (var scope = Server.CreateScope())
            await scope.ServiceProvider.GetRequiredService<FindingStore>().SyncFleetAsync(
                [(host, new Finding(CheckIds.RpoBreached, FindingSeverity.Error, "backup", "No successful backup for 30 hours (RPO 24 hours).", "See the last runs."))],
                CancellationToken.None);
        var log = await Api.DeliveriesUntilAsync(rpoRule, d => d.Count > 0 && d[0].State() == "Delivered");

        Assert.StartsWith("RPO breached on ", Assert.Single(log).GetProperty("title").GetString());
        Assert.Empty((await Api.DeliveriesUntilAsync(errorRule, _ => true)));
    }

    [Fact]
    public async Task An_agent_away_longer_than_a_rules_minutes_is_reported_once_per_absence()
    {
        var soon = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("offline 30", Receiver.Url, Secret, [NotificationEvents.AgentOffline]));
        var late = await Api.CreateRuleAsync(new { name = "offline 60", channel = "Webhook", webhookUrl = Receiver.Url.ToString(), webhookSecret = Secret,
            events = new[] { NotificationEvents.AgentOffline }, offlineMinutes = 60 });
        var away = await HostAsync("AWAY");
        var neverSeen = await HostAsync("NEW");

        await LastSeenAsync(away, TimeSpan.FromMinutes(40));
        await SweepAsync();
        var again = await SweepAsync();
        var afterFirst = (await Api.DeliveriesUntilAsync(soon, d => d.Count > 0)).Count;
        await LastSeenAsync(away, TimeSpan.FromMinutes(35)); // it came back and went away again
        await SweepAsync();

        // The server's own sweep also runs each minute and may take an absence before the test's sweep does: what counts
        // is one notification per absence, whoever swept.
        Assert.Equal((0, 1), (again, afterFirst));
        var log = await Api.DeliveriesUntilAsync(soon, d => d.Count == 2);
        Assert.Equal(2, log.Count);
        Assert.All(log, d => Assert.Equal(away, d.GetProperty("hostId").GetGuid()));
        Assert.StartsWith("Agent offline on ", log[0].GetProperty("title").GetString());
        Assert.Empty(await Api.DeliveriesUntilAsync(late, _ => true));
        Assert.DoesNotContain(log, d => d.GetProperty("hostId").GetGuid() == neverSeen);
    }

    private async Task LastSeenAsync(Guid hostId, TimeSpan ago)
    {
        await using var scope = Server.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        await db.Hosts.Where(h => h.Id == hostId).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSeenAt, DateTimeOffset.UtcNow - ago));
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = Server.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AgentOfflineSweeper>().SweepAsync(CancellationToken.None);
    }
}
