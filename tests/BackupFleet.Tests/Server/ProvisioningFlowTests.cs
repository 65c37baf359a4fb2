using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupFleet.Server.Features.Provisioning;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Tests.Server;

/// <summary>Creating a host's backup VHDX from the server: checked there, run by the host's agent over the hub, output stored.</summary>
[Collection(ServerCollection.Name)]
public sealed class ProvisioningFlowTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private static object Request(string path, string size = "5TB", string? letter = null, string? label = null) =>
        new { vhdxPath = path, size, driveLetter = letter, label };

    private Task<HttpResponseMessage> ProvisionAsync(Guid hostId, object request) =>
        _api.PostAsJsonAsync($"/api/v1/hosts/{hostId}/target/provision", request);

    private async Task<JsonElement> JobsAsync(Guid hostId) => await (await _api.GetAsync($"/api/v1/hosts/{hostId}/target/provisioning")).ReadJsonAsync();

    [Fact]
    public async Task A_target_asked_for_on_the_server_is_created_by_the_agent_and_its_output_and_end_are_stored()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json", withPolicy: false);
        var name = host.Name;

        var path = $@"\\nas01\backups\{name}-new.vhdx";
        var response = await ProvisionAsync(host.HostId, Request(path));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        Assert.Equal("Running", accepted.GetProperty("state").GetString());
        Assert.Equal(5L << 40, accepted.GetProperty("sizeBytes").GetInt64());

        var job = await _api.GetJsonUntilAsync(response.Headers.Location!.ToString(), j => j.GetProperty("state").GetString() != "Running");
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        var lines = job.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal("SIMULATED: New-VHD -Fixed 2 TB …", lines[0]);
        Assert.Contains("SIMULATED: Format-Volume B: NTFS, 64 KB allocation unit, label 'Backup Disk' …", lines);
        Assert.EndsWith("would now be a 5 TB fixed VHDX.", lines[^1]);
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("requestedBy").GetString()));
        Assert.Equal(job.GetProperty("id").GetGuid(), (await JobsAsync(host.HostId))[0].GetProperty("id").GetGuid());
    }

    public static TheoryData<string, object> BadRequests => new()
    {
        { "vhdxPath", Request(@"C:\backups\HV01.vhdx") },
        { "vhdxPath", Request(@"\\nas01\backups\HV01.vhd") },
        { "vhdxPath", Request(@"\\nas01\backups\..\HV01.vhdx") },
        { "vhdxPath", Request(@"\\nas01\" + new string('b', 100) + @"\HV01.vhdx") },
        { "size", Request(@"\\nas01\backups\HV01.vhdx", "lots") },
        { "size", Request(@"\\nas01\backups\HV01.vhdx", "65TB") },
        { "size", Request(@"\\nas01\backups\HV01.vhdx", "-2TB") },
        { "driveLetter", Request(@"\\nas01\backups\HV01.vhdx", letter: "BB") },
        { "label", Request(@"\\nas01\backups\HV01.vhdx", label: new string('x', 33)) },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_wrong_request_gets_400_naming_the_field_and_nothing_is_sent_or_stored(string field, object request)
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName());

        var response = await ProvisionAsync(host.HostId, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        Assert.Equal(0, (await JobsAsync(host.HostId)).GetArrayLength());
    }

    [Fact]
    public async Task A_vhdx_that_another_hosts_policy_uses_is_refused_naming_that_host()
    {
        var owner = FleetApi.UniqueHostName();
        var ownerHost = await _api.EnrollAsync(owner);
        Assert.Equal(HttpStatusCode.Created, (await _api.PutPolicyAsync(ownerHost.HostId, FleetApi.ValidPolicy(owner))).StatusCode);
        var other = await _api.EnrollAsync(FleetApi.UniqueHostName());

        // Windows compares paths without case, so a differently written path is the same file.
        var response = await ProvisionAsync(other.HostId, Request($@"\\NAS01\Backups\{owner.ToLowerInvariant()}.VHDX"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("Another host uses this VHDX", problem.GetProperty("title").GetString());
        Assert.Contains(owner, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_hosts_own_target_and_an_offline_host_are_refused_with_the_reason()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        Assert.Equal(HttpStatusCode.Created, (await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name))).StatusCode);

        var own = await ProvisionAsync(host.HostId, Request(FleetApi.ValidPolicy(name).TargetPath!));
        var offline = await ProvisionAsync(host.HostId, Request($@"\\nas01\backups\{name}-2.vhdx"));

        Assert.Equal("This is the host's backup target already", (await own.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, offline.StatusCode);
        Assert.Equal("The agent is offline", (await offline.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Equal(0, (await JobsAsync(host.HostId)).GetArrayLength());
    }

    [Fact]
    public async Task A_backup_waits_while_the_target_is_created_and_is_sent_when_it_ends()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        Assert.Equal(HttpStatusCode.Created, (await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name))).StatusCode);
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        var job = await (await ProvisionAsync(host.HostId, Request($@"\\nas01\backups\{name}-2.vhdx"))).ReadJsonAsync();
        var jobId = job.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Accepted, (await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).StatusCode);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.NextJobAsync(TimeSpan.FromMilliseconds(500)));

        await agent.ReportProvisioningAsync(new ProvisioningUpdate(jobId, 0, ["done"], ProvisioningState.Succeeded, null));
        var backup = await agent.NextJobAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(FleetApi.ValidPolicy(name).TargetPath, backup.Spec.TargetVhdxPath);
    }

    [Fact]
    public async Task A_job_the_agent_comes_back_without_is_failed_as_lost_and_a_resent_end_changes_nothing()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        Guid jobId;
        await using (var first = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name))
        {
            jobId = (await (await ProvisionAsync(host.HostId, Request($@"\\nas01\backups\{name}.vhdx"))).ReadJsonAsync()).GetProperty("id").GetGuid();
            await first.ReportProvisioningAsync(new ProvisioningUpdate(jobId, 0, ["New-VHD -Fixed 2 TB …"], ProvisioningState.Running, null));
        }
        await using var again = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);

        var job = await _api.GetJsonUntilAsync($"/api/v1/provisioning/{jobId}", j => j.GetProperty("state").GetString() != "Running");
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.Equal(ProvisioningReports.LostMessage, job.GetProperty("error").GetString());
        await again.ReportProvisioningAsync(new ProvisioningUpdate(jobId, 1, ["late"], ProvisioningState.Succeeded, null));
        var after = await (await _api.GetAsync($"/api/v1/provisioning/{jobId}")).ReadJsonAsync();
        Assert.Equal("Failed", after.GetProperty("state").GetString());
        Assert.Equal(["New-VHD -Fixed 2 TB …"], after.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task An_agent_cannot_report_on_another_hosts_job()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        var intruderName = FleetApi.UniqueHostName();
        var intruderHost = await _api.EnrollAsync(intruderName);
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        await using var intruder = await RawAgent.ConnectAsync(fixture.Server, intruderHost.AgentCredential, intruderName);
        var jobId = (await (await ProvisionAsync(host.HostId, Request($@"\\nas01\backups\{name}.vhdx"))).ReadJsonAsync()).GetProperty("id").GetGuid();

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            intruder.ReportProvisioningAsync(new ProvisioningUpdate(jobId, 0, ["forged"], ProvisioningState.Succeeded, null)));

        Assert.Contains("belongs to another host", refused.Message);
        var job = await (await _api.GetAsync($"/api/v1/provisioning/{jobId}")).ReadJsonAsync();
        Assert.Equal("Running", job.GetProperty("state").GetString());
        Assert.Equal(0, job.GetProperty("lines").GetArrayLength());
    }
}
