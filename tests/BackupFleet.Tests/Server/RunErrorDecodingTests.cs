using BackupFleet.Shared.Checks;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>A run that did not fully succeed comes back from the API with its error decoded against the host's own findings.</summary>
[Collection(ServerCollection.Name)]
public sealed class RunErrorDecodingTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task A_vm_skipped_by_the_snapshot_is_explained_by_the_disk_at_the_volume_root_not_by_the_disk_windows_names()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-split-storage.json");
        // The inventory the agent sends at connect is checked first: the layout finding is there before the run.
        await _api.GetJsonUntilAsync($"/api/v1/findings?hostId={host.HostId}&check={CheckIds.VmDiskOutsideVmFolder}", j => j.GetProperty("total").GetInt32() == 1);

        var run = await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);
        var details = await _api.GetJsonUntilAsync(run.Headers.Location!.ToString(),
            d => d.GetProperty("run").GetProperty("state").GetString() is not ("Queued" or "Running"));

        Assert.Equal("Partial", details.GetProperty("run").GetProperty("state").GetString());
        var error = details.GetProperty("error");
        // The skip line quotes VSS_E_WRITERERROR_NONRETRYABLE's text without its code; the agent names the code.
        Assert.Equal("0x800423F4", error.GetProperty("code").GetString());
        Assert.Contains("APPSRV01", error.GetProperty("explanation").GetString());
        Assert.Contains(@"D:\my-virtual-server-d-drive.vhdx", error.GetProperty("explanation").GetString());
        Assert.Contains("Move-VMStorage -VMName 'APPSRV01'", error.GetProperty("fix").GetString());
        Assert.Contains(@"vm-disk-outside-vm-folder on D:\my-virtual-server-d-drive.vhdx", error.GetProperty("findings").EnumerateArray().Select(f => f.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_run_that_succeeded_has_no_error_to_decode()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json");

        var run = await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);
        var details = await _api.GetJsonUntilAsync(run.Headers.Location!.ToString(),
            d => d.GetProperty("run").GetProperty("state").GetString() is not ("Queued" or "Running"));

        Assert.Equal("Succeeded", details.GetProperty("run").GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, details.GetProperty("error").ValueKind);
    }
}
