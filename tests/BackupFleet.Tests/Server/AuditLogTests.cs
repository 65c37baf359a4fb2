using System.Net;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Server;

/// <summary>The audit log: who changed what from where, before → after; refusals and failed sign-ins too; never rewritten.</summary>
[Collection(ServerCollection.Name)]
public sealed class AuditLogTests(ServerFixture fixture)
{
    private readonly HttpClient _admin = fixture.Server.CreateClient();

    private async Task<List<System.Text.Json.JsonElement>> EntriesAsync(string query) =>
        (await (await _admin.GetAsync("/api/v1/audit?" + query)).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_policy_change_is_recorded_with_who_from_where_and_the_policy_before_and_after()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _admin.EnrollAsync(name);
        await _admin.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var op = fixture.Server.CreateClient(await _admin.CreateApiKeyAsync(Roles.Operator, "night-shift"));
        await op.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name) with { Schedule = "30 1 * * *" });

        var entries = await EntriesAsync($"action={AuditActions.PolicySaved}&target={name}");

        Assert.Equal(2, entries.Count);
        var latest = entries[0];
        Assert.Equal("api-key:night-shift", latest.GetProperty("actor").GetString());
        Assert.Equal("api-key", latest.GetProperty("actorKind").GetString());
        Assert.False(string.IsNullOrEmpty(latest.GetProperty("address").GetString()));
        Assert.Contains("\"schedule\":\"0 22 * * *\"", latest.GetProperty("before").GetString());
        Assert.Contains("\"schedule\":\"30 1 * * *\"", latest.GetProperty("after").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entries[1].GetProperty("before").ValueKind);
        Assert.Single(await EntriesAsync($"action={AuditActions.HostEnrolled}&target={name}"));
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_with_the_name_typed()
    {
        var typed = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        await DashboardSession.SignInAsync(fixture.Server, typed, "whatever-it-was");

        var entry = Assert.Single(await EntriesAsync($"action={AuditActions.SignInFailed}&actor={typed}"));
        Assert.Contains("\"knownUser\":false", entry.GetProperty("after").GetString());
    }

    [Fact]
    public async Task A_sign_in_with_a_megabyte_name_is_refused_and_recorded_shortened()
    {
        var typed = "huge-" + Guid.NewGuid().ToString("N")[..8] + new string('x', 1_000_000);

        var (_, location) = await DashboardSession.SignInAsync(fixture.Server, typed, TestServer.AdminPassword);

        Assert.Contains("failed=1", location);
        var entry = Assert.Single(await EntriesAsync($"action={AuditActions.SignInFailed}&actor={typed[..13]}"));
        Assert.Equal(typed[..64] + "…", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task An_agent_reporting_on_another_hosts_run_is_refused_and_audited()
    {
        var owner = FleetApi.UniqueHostName();
        var ownerHost = await _admin.EnrollAsync(owner);
        await _admin.PutPolicyAsync(ownerHost.HostId, FleetApi.ValidPolicy(owner));
        var runId = (await (await _admin.PostAsync($"/api/v1/hosts/{ownerHost.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();
        var intruderName = FleetApi.UniqueHostName();
        var intruderHost = await _admin.EnrollAsync(intruderName);
        await using var intruder = await RawAgent.ConnectAsync(fixture.Server, intruderHost.AgentCredential, intruderName);

        await Assert.ThrowsAsync<HubException>(() => intruder.AcceptAsync(runId));

        var entry = Assert.Single(await EntriesAsync($"action={AuditActions.AgentRefused}&target={runId}"));
        Assert.Equal("agent", entry.GetProperty("actorKind").GetString());
        Assert.Contains(intruderHost.HostId.ToString(), entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Only_an_admin_reads_the_log_and_a_bad_filter_is_named()
    {
        var viewer = fixture.Server.CreateClient(await _admin.CreateApiKeyAsync(Roles.Viewer));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/audit")).StatusCode);
        var bad = await _admin.GetAsync("/api/v1/audit?action=drop-tables");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("action", out _));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_entry()
    {
        await _admin.CreateApiKeyAsync(Roles.Viewer, "leaves-a-trace");
        await using var scope = fixture.Server.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();

        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'someone else'"));
        var delete = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ApiKeyCreated));
    }

    [Theory]
    [InlineData("runs", "host_id")]
    [InlineData("audit_entries", "target")]
    public async Task A_run_now_and_its_audit_entry_are_stored_together_or_not_at_all(string failingTable, string column)
    {
        // The run and its entry are saved without BEGIN … COMMIT, as one batch: whichever statement fails, neither is kept.
        var name = FleetApi.UniqueHostName();
        var host = await _admin.EnrollAsync(name);
        await _admin.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        await using var scope = fixture.Server.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        var trigger = "refuse_" + Guid.NewGuid().ToString("N");
        // Names the test made up, not input: DDL takes no parameters.
        var create = $"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER {trigger} AFTER INSERT ON {failingTable} FOR EACH ROW
                WHEN (NEW.{column}::text LIKE '%{host.HostId}%') EXECUTE FUNCTION {trigger}();
            """;
        await db.Database.ExecuteSqlRawAsync(create);
        try
        {
            var refused = await _admin.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);

            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.False(await db.Runs.AnyAsync(r => r.HostId == host.HostId));
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RunStarted && e.Target!.Contains(host.HostId.ToString())));
        }
        finally
        {
            var drop = $"DROP TRIGGER {trigger} ON {failingTable}; DROP FUNCTION {trigger}();";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        await _admin.RunNowAsync(host.HostId);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RunStarted && e.Target!.Contains(host.HostId.ToString())));
    }
}
