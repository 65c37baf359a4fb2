using System.Net;
using System.Text.Json;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class PolicyApiTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private async Task<DateTimeOffset?> NextRunAsync(Guid hostId) =>
        (await (await _api.GetAsync($"/api/v1/hosts/{hostId}")).ReadJsonAsync()).GetProperty("nextRunAt") is { ValueKind: JsonValueKind.String } next
            ? next.GetDateTimeOffset() : null;

    [Fact]
    public async Task Updating_a_policy_moves_its_next_run_and_deleting_unschedules_it()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));

        var updated = await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name) with { Schedule = "30 1 * * 1-5", TimeZone = "UTC" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var next = (await NextRunAsync(host.HostId))!.Value;
        Assert.Equal((1, 30, TimeSpan.Zero), (next.Hour, next.Minute, next.Offset));
        Assert.True(next.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{next} is not a weekday");
        Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(3));

        var deleted = await _api.DeleteAsync($"/api/v1/hosts/{host.HostId}/policy");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await NextRunAsync(host.HostId));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/policy")).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_policy_removes_its_schedule_but_keeps_the_policy()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));

        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name) with { Enabled = false });

        Assert.Null(await NextRunAsync(host.HostId));
        var policy = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/policy")).ReadJsonAsync();
        Assert.False(policy.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Saved_policy_is_normalised_and_the_host_shows_its_next_run()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);

        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name) with { TargetDriveLetter = "r", IncludeVolumes = ["c", "D:", "C:"] });

        var policy = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/policy")).ReadJsonAsync();
        Assert.Equal("R:", policy.GetProperty("targetDriveLetter").GetString());
        Assert.Equal(["C:", "D:"], policy.GetProperty("includeVolumes").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(720, policy.GetProperty("backupTimeoutMinutes").GetInt32());
        var summary = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}")).ReadJsonAsync();
        var next = summary.GetProperty("nextRunAt").GetDateTimeOffset();
        var berlin = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((22, 0), (berlin.Hour, berlin.Minute));
        Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }

    public static TheoryData<string, object> InvalidPolicies => new()
    {
        { "schedule", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "every night", timeZone = "UTC" } },
        { "schedule", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 25 * * *", timeZone = "UTC" } },
        { "timeZone", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "Mars/Olympus" } },
        { "targetPath", new { targetPath = @"C:\backup.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "targetPath", new { targetPath = @"\\nas\b\..\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "targetPath", new { targetPath = @"\\nas\b\h.vhd", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "targetPath", new { targetPath = @"\\nas\b\" + new string('x', 300) + ".vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "targetDriveLetter", new { targetPath = @"\\nas\b\h.vhdx", targetDriveLetter = "BB:", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "targetDriveLetter", new { targetPath = @"\\nas\b\h.vhdx", targetDriveLetter = "C:", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "includeVolumes", new { targetPath = @"\\nas\b\h.vhdx", schedule = "0 22 * * *", timeZone = "UTC" } },
        { "includeVolumes", new { targetPath = @"\\nas\b\h.vhdx", includeVolumes = new[] { "B:" }, schedule = "0 22 * * *", timeZone = "UTC" } },
        { "mountWaitSeconds", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC", mountWaitSeconds = -5 } },
        { "dismountWaitSeconds", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC", dismountWaitSeconds = 999999 } },
        { "rpoHours", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC", rpoHours = 0 } },
        { "rpoHours", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC", rpoHours = 100000 } },
        { "backupTimeoutMinutes", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC", backupTimeoutMinutes = 5 } },
        { "backupTimeoutMinutes", new { targetPath = @"\\nas\b\h.vhdx", allCritical = true, schedule = "0 22 * * *", timeZone = "UTC", backupTimeoutMinutes = 20000 } },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public async Task Invalid_policy_is_refused_with_400_naming_the_field_and_nothing_changes(string field, object policy)
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var nextRun = await NextRunAsync(host.HostId);

        var response = await _api.PutPolicyAsync(host.HostId, policy);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var stored = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/policy")).ReadJsonAsync();
        Assert.Equal("0 22 * * *", stored.GetProperty("schedule").GetString());
        Assert.Equal(nextRun, await NextRunAsync(host.HostId));
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details()
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName());
        var response = await _api.PutAsync($"/api/v1/hosts/{host.HostId}/policy",
            new StringContent("{\"targetPath\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Policy_of_an_unknown_host_is_404()
    {
        var response = await _api.PutPolicyAsync(Guid.NewGuid(), FleetApi.ValidPolicy("X"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_policy_that_does_not_exist_says_so()
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName());

        var response = await _api.DeleteAsync($"/api/v1/hosts/{host.HostId}/policy");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No policy", (await response.ReadJsonAsync()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/v1/hosts?page=2147483647", "page")]
    [InlineData("/api/v1/hosts?pageSize=0", "pageSize")]
    [InlineData("/api/v1/hosts?search=%00", "search")]
    [InlineData("/api/v1/hosts?page=abc", null)]
    public async Task Absurd_list_parameters_get_400_not_500(string url, string? field)
    {
        var response = await _api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
            Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
