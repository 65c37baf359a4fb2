using System.Net;
using System.Text;
using BackupFleet.Shared.Enrollment;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackupFleet.Tests.Server;

/// <summary>
/// Issue 6: every endpoint that takes input, fed hostile input (huge strings, control characters, path tricks, bad JSON,
/// negative or absurd numbers, unknown enum values), answers 400 with a problem that names what is wrong, and the whole
/// database is exactly as before; and the same for what an agent sends on its hub.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Fixture fixture) : IClassFixture<HostileInputTests.Fixture>
{
    private const string Huge = "{huge}";
    private const string Control = "{ctl}";

    /// <summary>
    /// Method, path, JSON body (null: none) and what the problem must name: an <c>errors</c> key, or text its detail holds.
    /// {host}, {run} and {user} stand for a real host (with a policy), a queued run and a Viewer account;
    /// {huge} for a megabyte of text (5,000 characters in a URL, which Kestrel caps at 8 KB), {ctl} for BEL and ESC.
    /// </summary>
    public static TheoryData<string, string, string?, string> Table => new()
    {
        // PUT a policy
        { "PUT", "/api/v1/hosts/{host}/policy", """{"targetPath": """, "JSON" },
        { "PUT", "/api/v1/hosts/{host}/policy", """["not", "an", "object"]""", "JSON" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("allCritical", "\"yes\""), "$.allCritical" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("mountWaitSeconds", "99999999999"), "$.mountWaitSeconds" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("mountWaitSeconds", "-1"), "mountWaitSeconds" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("startWindowMinutes", "0"), "startWindowMinutes" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("rpoHours", "-24"), "rpoHours" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("targetPath", "\"\\\\\\\\nas01\\\\b\\\\{huge}.vhdx\""), "targetPath" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("targetPath", "\"\\\\\\\\nas01\\\\b\\\\h{ctl}.vhdx\""), "targetPath" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("targetPath", "\"\\\\\\\\nas01\\\\b\\\\..\\\\..\\\\h.vhdx\""), "targetPath" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("targetPath", "\"\\\\\\\\?\\\\UNC\\\\nas01\\\\b\\\\h.vhdx\""), "targetPath" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("schedule", "\"{huge}\""), "schedule" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("schedule", "\"0 22 * * *{ctl}\""), "schedule" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("timeZone", "\"../../etc/localtime\""), "timeZone" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("timeZone", "\"{huge}\""), "timeZone" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("targetDriveLetter", "\"{ctl}\""), "targetDriveLetter" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("includeVolumes", "[\"C:\", \"{huge}\"]"), "includeVolumes" },
        { "PUT", "/api/v1/hosts/{host}/policy", Policy("includeVolumes", "[\"C:\", null]"), "includeVolumes" },
        // PUT tags
        { "PUT", "/api/v1/hosts/{host}/tags", """{"tags": ["a"]}""", "JSON" },
        { "PUT", "/api/v1/hosts/{host}/tags", """[1, 2]""", "JSON" },
        { "PUT", "/api/v1/hosts/{host}/tags", """["{huge}"]""", "tags[0]" },
        { "PUT", "/api/v1/hosts/{host}/tags", """["site-a", "x{ctl}"]""", "tags[1]" },
        { "PUT", "/api/v1/hosts/{host}/tags", """["../../admin"]""", "tags[0]" },
        // Create a backup target
        { "POST", "/api/v1/hosts/{host}/target/provision", """{"vhdxPath": 5}""", "$.vhdxPath" },
        { "POST", "/api/v1/hosts/{host}/target/provision", """{"vhdxPath": "\\\\nas01\\b\\n{ctl}.vhdx", "size": "2TB"}""", "vhdxPath" },
        { "POST", "/api/v1/hosts/{host}/target/provision", """{"vhdxPath": "\\\\nas01\\b\\{huge}.vhdx", "size": "2TB"}""", "vhdxPath" },
        { "POST", "/api/v1/hosts/{host}/target/provision", """{"vhdxPath": "\\\\nas01\\b\\n.vhdx", "size": "99999999999999999999TB"}""", "size" },
        { "POST", "/api/v1/hosts/{host}/target/provision", """{"vhdxPath": "\\\\nas01\\b\\n.vhdx", "size": "{huge}"}""", "size" },
        { "POST", "/api/v1/hosts/{host}/target/provision", """{"vhdxPath": "\\\\nas01\\b\\n.vhdx", "size": "2TB", "label": "{ctl}"}""", "label" },
        // Enrollment tokens and enrollment
        { "POST", "/api/v1/enrollment-tokens", """{"validForHours": -1}""", "validForHours" },
        { "POST", "/api/v1/enrollment-tokens", """{"validForHours": 1e12}""", "$.validForHours" },
        { "POST", "/api/v1/enrollment-tokens", """{"hostId": "../../hosts"}""", "$.hostId" },
        { "POST", EnrollmentRoute.Path, """{"token": "{huge}", "computerName": "HV01", "agentVersion": "1.0"}""", "token" },
        { "POST", EnrollmentRoute.Path, """{"token": "t", "computerName": "HV01{ctl}", "agentVersion": "1.0"}""", "computerName" },
        { "POST", EnrollmentRoute.Path, """{"token": "t", "computerName": "..\\HV01", "agentVersion": "1.0"}""", "computerName" },
        { "POST", EnrollmentRoute.Path, """{"token": "t", "computerName": "HV01", "agentVersion": "{huge}"}""", "agentVersion" },
        { "POST", EnrollmentRoute.Path, """{}""", "token" },
        { "POST", EnrollmentRoute.Path, """{"token": "t", "computerName": "HV01", "agentVersion": "1.0", "simulated": "maybe"}""", "$.simulated" },
        // API keys and users
        { "POST", "/api/v1/api-keys", """{"name": "{huge}", "role": "Viewer"}""", "name" },
        { "POST", "/api/v1/api-keys", """{"name": "k{ctl}", "role": "Viewer"}""", "name" },
        { "POST", "/api/v1/api-keys", """{"name": "k", "role": "Root"}""", "role" },
        { "POST", "/api/v1/api-keys", """{"name": "k", "role": 2}""", "$.role" },
        { "POST", "/api/v1/users", """{"userName": "u{ctl}", "password": "long-enough-password", "role": "Viewer"}""", "userName" },
        { "POST", "/api/v1/users", """{"userName": "{huge}", "password": "long-enough-password", "role": "Viewer"}""", "userName" },
        { "POST", "/api/v1/users", """{"userName": "u1", "password": "{huge}", "role": "Viewer"}""", "password" },
        { "POST", "/api/v1/users", """{"userName": "u1", "password": "long-enough-password", "role": "Superuser"}""", "role" },
        { "PUT", "/api/v1/users/{user}/role", """{"role": "God"}""", "role" },
        { "PUT", "/api/v1/users/{user}/role", """{"role": "{ctl}"}""", "role" },
        { "PUT", "/api/v1/users/{user}/role", """{"role": """, "JSON" },
        // Notification rules
        { "POST", "/api/v1/notifications/rules", Rule("name", "\"{huge}\""), "name" },
        { "POST", "/api/v1/notifications/rules", Rule("name", "\"r{ctl}\""), "name" },
        { "POST", "/api/v1/notifications/rules", Rule("channel", "\"Pigeon\""), "$.channel" },
        { "POST", "/api/v1/notifications/rules", Rule("events", "[\"{huge}\"]"), "events" },
        { "POST", "/api/v1/notifications/rules", Rule("events", "\"run.failed\""), "$.events" },
        { "POST", "/api/v1/notifications/rules", Rule("webhookUrl", "\"https://x.example/{huge}\""), "webhookUrl" },
        { "POST", "/api/v1/notifications/rules", Rule("webhookSecret", "\"{huge}\""), "webhookSecret" },
        { "POST", "/api/v1/notifications/rules", Rule("webhookSecret", "\"0123456789abcdef{ctl}\""), "webhookSecret" },
        { "POST", "/api/v1/notifications/rules", Rule("hostTag", "\"{huge}\""), "hostTag" },
        { "POST", "/api/v1/notifications/rules", Rule("offlineMinutes", "99999999999"), "$.offlineMinutes" },
        { "POST", "/api/v1/notifications/rules", """{"name": "m", "channel": "Email", "events": ["run.failed"], "recipients": ["{huge}"]}""", "recipients[0]" },
        { "POST", "/api/v1/notifications/rules", """{"name": "m", "channel": "Email", "events": ["run.failed"], "recipients": ["ops{ctl}@example.com"]}""", "recipients[0]" },
        { "GET", "/api/v1/notifications/deliveries?ruleId=not-a-guid", null, "ruleId" },
        // Lists and filters
        { "GET", "/api/v1/hosts?pageSize=100000", null, "pageSize" },
        { "GET", "/api/v1/hosts?page=-3", null, "page" },
        { "GET", "/api/v1/hosts?page=99999999999", null, "page" },
        { "GET", "/api/v1/hosts?search={huge}", null, "search" },
        { "GET", "/api/v1/hosts?tag={ctl}", null, "tag[0]" },
        { "GET", "/api/v1/hosts?sort=name;DROP TABLE hosts", null, "sort" },
        { "GET", "/api/v1/hosts?health=Exploded", null, "health" },
        { "GET", "/api/v1/hosts/{host}/runs?page=0", null, "page" },
        { "GET", "/api/v1/hosts/{host}/runs?pageSize=-1", null, "pageSize" },
        { "GET", "/api/v1/runs/{run}?afterSequence=-1", null, "afterSequence" },
        { "GET", "/api/v1/runs/{run}?eventLimit=100000000", null, "eventLimit" },
        { "GET", "/api/v1/findings?severity=critical", null, "severity" },
        { "GET", "/api/v1/findings?check=../../etc", null, "check" },
        { "GET", "/api/v1/findings?hostId=not-a-guid", null, "hostId" },
        { "GET", "/api/v1/audit?action=drop", null, "action" },
        { "GET", "/api/v1/audit?actor={huge}", null, "actor" },
        { "GET", "/api/v1/audit?target={ctl}", null, "target" },
        { "GET", "/api/v1/audit?from=yesterday", null, "from" },
        { "GET", "/api/v1/audit?from=2026-11-02&to=2026-11-01", null, "from" },
        { "GET", "/api/v1/notifications/deliveries?pageSize=0", null, "pageSize" },
        { "GET", "/api/v1/notifications/deliveries?page=x", null, "page" },
        { "GET", "/api/v1/hosts/{host}/restore-plans?version={huge}", null, "version" },
        { "GET", "/api/v1/hosts/{host}/restore-plans?version={ctl}", null, "version" },
    };

    /// <summary>A valid webhook rule with one field replaced by raw JSON.</summary>
    private static string Rule(string field, string json) => Replaced(field, json,
        ("name", "\"hostile\""), ("channel", "\"Webhook\""), ("events", "[\"run.failed\"]"), ("webhookUrl", "\"https://hooks.example/h\""),
        ("webhookSecret", "\"0123456789abcdef\""), ("hostTag", "null"), ("offlineMinutes", "30"));

    /// <summary>A valid policy body with one field replaced by raw JSON.</summary>
    private static string Policy(string field, string json) => Replaced(field, json,
        ("targetPath", "\"\\\\\\\\nas01\\\\backups\\\\HV01.vhdx\""), ("allCritical", "true"), ("schedule", "\"0 22 * * *\""), ("timeZone", "\"UTC\""));

    /// <summary>A JSON object of <paramref name="valid"/> fields, with <paramref name="field"/> set to the raw <paramref name="json"/>.</summary>
    private static string Replaced(string field, string json, params (string Name, string Json)[] valid)
    {
        var fields = valid.ToDictionary(f => f.Name, f => f.Json);
        fields[field] = json;
        return "{" + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + "}";
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Hostile_input_gets_400_naming_what_is_wrong_and_nothing_is_stored(string method, string path, string? body, string names)
    {
        var before = await fixture.SnapshotAsync();

        var response = await fixture.Api.SendAsync(fixture.Request(method, path, body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        if (problem.TryGetProperty("errors", out var errors))
            Assert.True(errors.TryGetProperty(names, out _), $"No error for {names}: {errors}");
        else
            Assert.Contains(names, problem.GetProperty("detail").GetString());
        Assert.True(text.Length < 4096, $"The problem echoes the input: {text.Length} characters.");
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    private static RunEventDto Event(int sequence = 1, RunEventKind kind = RunEventKind.Log, string? message = "line", double? percent = null,
        BackupStep? step = BackupStep.Backup) => new(sequence, DateTimeOffset.UtcNow, kind, step, message, percent);

    private static RunCompletion Completion(Guid runId, RunState state = RunState.Failed, string? code = null, string? message = null,
        int lastSequence = 0, long? bytes = null) => new(runId, state, DateTimeOffset.UtcNow, code, message, lastSequence, bytes);

    private static BackupVersionDto Version(string id = "11/20/2026-21:00", IReadOnlyList<string>? canRecover = null) =>
        new(id, DateTimeOffset.UtcNow, @"\\nas01\b\h.vhdx", canRecover ?? ["Volume(s)"], null);

    /// <summary>What an agent sends on its hub for its own running run, made hostile; the words the refusal must hold.</summary>
    private static readonly Dictionary<string, (Func<RawAgent, Guid, Task> Send, string Says)> HubTable = new()
    {
        ["no events"] = ((a, run) => a.ReportAsync(run), "1 to 1000 events"),
        ["sequence 0"] = ((a, run) => a.ReportAsync(run, Event(sequence: 0)), "start at 1"),
        ["sequence negative"] = ((a, run) => a.ReportAsync(run, Event(sequence: -7)), "start at 1"),
        ["unknown event kind"] = ((a, run) => a.ReportAsync(run, Event(kind: (RunEventKind)99)), "unknown kind"),
        ["unknown step"] = ((a, run) => a.ReportAsync(run, Event(step: (BackupStep)99)), "unknown kind or step"),
        ["percent over 100"] = ((a, run) => a.ReportAsync(run, Event(kind: RunEventKind.Progress, percent: 150)), "0–100"),
        ["percent negative"] = ((a, run) => a.ReportAsync(run, Event(kind: RunEventKind.Progress, percent: -5)), "0–100"),
        ["message too long"] = ((a, run) => a.ReportAsync(run, Event(message: new string('x', 8001))), "over 8000"),
        ["NUL in a message"] = ((a, run) => a.ReportAsync(run, Event(message: "a\0b")), "NUL"),
        ["too many events"] = ((a, run) => a.ReportAsync(run, Enumerable.Range(1, 1001).Select(i => Event(sequence: i)).ToArray()), "1 to 1000 events"),
        ["completion as Queued"] = ((a, run) => a.CompleteAsync(Completion(run, RunState.Queued)), "Succeeded, Partial, Failed, Cancelled or Interrupted"),
        ["completion as unknown state"] = ((a, run) => a.CompleteAsync(Completion(run, (RunState)42)), "Succeeded, Partial, Failed, Cancelled or Interrupted"),
        ["error code not an HRESULT"] = ((a, run) => a.CompleteAsync(Completion(run, code: "0x8078'; DROP TABLE runs")), "HRESULT"),
        ["error message with NUL"] = ((a, run) => a.CompleteAsync(Completion(run, code: "0x80780119", message: "a\0b")), "NUL"),
        ["negative last sequence"] = ((a, run) => a.CompleteAsync(Completion(run, lastSequence: -1)), "negative"),
        ["negative bytes"] = ((a, run) => a.CompleteAsync(Completion(run, bytes: -1)), "negative"),
        ["inventory not JSON"] = ((a, _) => a.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow, "{not json")), "JSON"),
        ["inventory too big"] = ((a, _) => a.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow, new string(' ', 900_001))), "900,000"),
        ["version id with control characters"] = ((a, _) => a.ReportVersionsAsync(new(@"\\nas01\b\h.vhdx", DateTimeOffset.UtcNow, [Version("v\u001b[2J")])), "versionIdentifier"),
        ["too many recoverable items"] = ((a, _) => a.ReportVersionsAsync(new(@"\\nas01\b\h.vhdx", DateTimeOffset.UtcNow,
            [Version(canRecover: Enumerable.Repeat("x", 21).ToList())])), "up to 20"),
        ["target path too long"] = ((a, _) => a.ReportVersionsAsync(new(new string('x', 256), DateTimeOffset.UtcNow, [])), "targetPath"),
        ["provisioning line with NUL"] = ((a, _) => a.ReportProvisioningAsync(new(Guid.NewGuid(), 0, ["a\0b"], ProvisioningState.Running, null)), "NUL"),
        ["provisioning unknown state"] = ((a, _) => a.ReportProvisioningAsync(new(Guid.NewGuid(), 0, [], (ProvisioningState)9, null)), "Running, Succeeded or Failed"),
        ["provisioning negative line"] = ((a, _) => a.ReportProvisioningAsync(new(Guid.NewGuid(), -1, [], ProvisioningState.Running, null)), "line 0 or later"),
    };

    public static TheoryData<string> HubMessages => new(HubTable.Keys);

    [Theory]
    [MemberData(nameof(HubMessages))]
    public async Task A_hostile_hub_message_is_refused_saying_why_and_nothing_is_stored(string message)
    {
        var (send, says) = HubTable[message];
        var agent = await fixture.AgentAsync();
        var before = await fixture.SnapshotAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => send(agent, fixture.RunId));

        Assert.Contains(says, refused.Message);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = default!;
        public HttpClient Api { get; private set; } = default!;
        private readonly Dictionary<string, string> _ids = [];

        public async Task InitializeAsync()
        {
            Server = await TestServer.StartAsync();
            Api = Server.CreateClient();
            var name = FleetApi.UniqueHostName();
            var host = await Api.EnrollAsync(name);
            await Api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
            var run = await (await Api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).ReadJsonAsync();
            _ids["{host}"] = host.HostId.ToString();
            _ids["{run}"] = run.GetProperty("id").GetGuid().ToString();
            _ids["{user}"] = (await Api.CreateUserAsync("hostile-viewer", "long-enough-password", "Viewer")).ToString();
            (_credential, _computerName) = (host.AgentCredential, name);
            await QuietAsync();
        }

        private string _credential = "";
        private string _computerName = "";
        private RawAgent? _agent;

        public Guid RunId => Guid.Parse(_ids["{run}"]);

        /// <summary>The host's agent, connected on first use, with the queued run accepted and so running.</summary>
        public async Task<RawAgent> AgentAsync()
        {
            if (_agent is not null)
                return _agent;
            _agent = await RawAgent.ConnectAsync(Server, _credential, _computerName);
            Assert.True(await _agent.AcceptAsync(RunId));
            await QuietAsync();
            return _agent;
        }

        public HttpRequestMessage Request(string method, string path, string? body)
        {
            foreach (var (placeholder, id) in _ids)
                path = path.Replace(placeholder, id);
            path = path.Replace(Huge, new string('x', 5_000)).Replace(Control, "%07%1B");
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
                request.Content = new StringContent(body.Replace(Huge, new string('x', 1_000_000)).Replace(Control, "\\u0007\\u001b"),
                    Encoding.UTF8, "application/json");
            return request;
        }

        /// <summary>Every row of every table in the fleet schema, hashed per table (a key's last use, an agent's last contact and a server node's heartbeat are bookkeeping).</summary>
        public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
        {
            await using var connection = new NpgsqlConnection(Server.Services.GetRequiredService<IConfiguration>().GetConnectionString("Fleet"));
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    tables.Add(reader.GetString(0));
            var snapshot = new SortedDictionary<string, string>();
            foreach (var table in tables)
            {
                await using var hash = new NpgsqlCommand(
                    $"SELECT count(*) || ' rows ' || coalesce(md5(string_agg(j, ',' ORDER BY j)), '') FROM (SELECT (to_jsonb(t) - 'last_used_at' - 'last_seen_at' - 'seen_at')::text AS j FROM \"{table}\" t) s",
                    connection);
                snapshot[table] = (string)(await hash.ExecuteScalarAsync())!;
            }
            return snapshot;
        }

        /// <summary>Waits until the checks that follow the set-up have written what they write.</summary>
        private async Task QuietAsync()
        {
            var last = await SnapshotAsync();
            for (var i = 0; i < 50; i++)
            {
                await Task.Delay(300);
                var now = await SnapshotAsync();
                if (now.SequenceEqual(last))
                    return;
                last = now;
            }
            throw new TimeoutException("The database kept changing after the set-up.");
        }

        public async Task DisposeAsync()
        {
            if (_agent is not null)
                await _agent.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
