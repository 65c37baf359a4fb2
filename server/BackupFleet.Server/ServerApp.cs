using System.Text.Json.Serialization;
using BackupFleet.Server.Components;
using BackupFleet.Server.Components.Shared;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.AgentDownload;
using BackupFleet.Server.Features.Access;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Features.Enrollment;
using BackupFleet.Server.Features.Fleet;
using BackupFleet.Server.Features.Health;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Notifications.Email;
using BackupFleet.Server.Features.Notifications.Rules;
using BackupFleet.Server.Features.Notifications.Sending;
using BackupFleet.Server.Features.Notifications.Triggers;
using BackupFleet.Server.Features.Inventory;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Findings;
using BackupFleet.Server.Features.Hardening;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Server.Features.Provisioning;
using BackupFleet.Server.Features.Restore;
using BackupFleet.Server.Features.Retention;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Server.Features.ScaleOut;
using BackupFleet.Server.Features.Schedules;
using BackupFleet.Server.Infrastructure;
using BackupFleet.Shared.Hub;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace BackupFleet.Server;

/// <summary>The composition root, shared by Program and the tests so both run the same server.</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name is fixed so that tests hosting the server find its components and static assets.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(ServerApp).Assembly.GetName().Name });
        // Serve package assets (MudBlazor's CSS/JS) from a plain build too, not only from a publish or in Development.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            ConnectionLimits.Apply(kestrel, context.Configuration.GetSection("Kestrel:Limits"), ConnectionLimits.ForThisProcess()));
        configure?.Invoke(builder);
        var config = builder.Configuration;
        var connectionString = config.GetConnectionString("Fleet");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "Set the PostgreSQL connection string ConnectionStrings:Fleet (env ConnectionStrings__Fleet), e.g. \"Host=127.0.0.1;Database=backupfleet;Username=backupfleet;Password=…\".");

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<BootstrapOptions>().Bind(config.GetSection(BootstrapOptions.Section));
        services.AddOptions<AgentDownloadOptions>().Bind(config.GetSection(AgentDownloadOptions.Section));
        services.AddOptions<FleetCheckOptions>().Bind(config.GetSection(FleetCheckOptions.Section));
        if (config.GetSection(NotificationOptions.Section).Get<NotificationOptions>()?.Problems() is { Count: > 0 } notificationProblems)
            throw new InvalidOperationException("The Notifications settings are wrong: " + string.Join(" ", notificationProblems));
        services.AddOptions<NotificationOptions>().Bind(config.GetSection(NotificationOptions.Section));
        if (config.GetSection(SmtpOptions.Section).Get<SmtpOptions>()?.Problems() is { Count: > 0 } smtpProblems)
            throw new InvalidOperationException("The Notifications:Smtp settings are wrong: " + string.Join(" ", smtpProblems));
        services.AddOptions<SmtpOptions>().Bind(config.GetSection(SmtpOptions.Section));
        if (config.GetSection(RetentionOptions.Section).Get<RetentionOptions>()?.Problems() is { Count: > 0 } retentionProblems)
            throw new InvalidOperationException("The Retention settings are wrong: " + string.Join(" ", retentionProblems));
        services.AddOptions<RetentionOptions>().Bind(config.GetSection(RetentionOptions.Section));
        if (config.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>()?.Problems() is { Count: > 0 } scheduleProblems)
            throw new InvalidOperationException("The Schedules settings are wrong: " + string.Join(" ", scheduleProblems));
        services.AddOptions<ScheduleOptions>().Bind(config.GetSection(ScheduleOptions.Section));
        services.AddOptions<DispatchOptions>().Bind(config.GetSection(DispatchOptions.Section))
            .Validate(o => o.IsValid(), "Dispatch:BackupsPerNas and each Dispatch:Nas:<server> must be 0 (no limit) or more.").ValidateOnStart();
        // X-Frame-Options comes from SecurityHeaders (DENY) for every answer; antiforgery would add a second, weaker one.
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddFleetRateLimits(config.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddOptions<HangfireSettings>().Bind(config.GetSection(HangfireSettings.Section)).ValidateDataAnnotations().ValidateOnStart();

        var fleetConnection = DatabasePools.ForServer(connectionString, DatabasePools.Fleet);
        services.AddDbContext<FleetDb>(o => FleetDb.Configure(o, fleetConnection));

        var hangfire = config.GetSection(HangfireSettings.Section).Get<HangfireSettings>() ?? new HangfireSettings();
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = hangfire.QueuePollInterval,
        };
        // Our own storage instance in DI: Hangfire's default registrations read statics (JobStorage.Current,
        // JobActivator.Current), which another server in the same process (the tests run several) overwrites.
        var hangfireConnection = DatabasePools.Limit(connectionString, DatabasePools.Hangfire);
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(hangfireConnection, storageOptions), storageOptions));
        // Likewise the activator, or a job could be built from another server's services (and look in its database).
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>())
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((sp, o) =>
        {
            o.SchedulePollingInterval = hangfire.SchedulePollingInterval;
            o.Activator = sp.GetRequiredService<JobActivator>();
        });

        // Agents batch their events up to 256 KB; the default 32 KB limit would drop the connection after an outage.
        var signalR = services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 1024 * 1024;
            o.AddFilter<DatabaseOutageFilter>();
        });
        ScaleOut.Add(services, signalR, config);
        var oidc = config.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Problems() is { Count: > 0 } oidcProblems)
            throw new InvalidOperationException("The OpenID Connect settings are wrong: " + string.Join(" ", oidcProblems));
        services.AddSingleton(oidc);
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = LoginEndpoints.LoginPath;
                o.Cookie.Name = "backupfleet.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                CookieEvents.Configure(o.Events);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, AgentAuthenticationHandler>(AuthSchemes.Agent, null);
        if (oidc.Enabled)
            authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o => OidcSignIn.Configure(o, oidc));
        services.AddAuthorization(AccessPolicies.Add);
        services.AddIdentityCore<AppUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B); the lockout stops guessing.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<FleetDb>()
            .AddSignInManager();
        services.AddCascadingAuthenticationState();

        services.AddProblemDetails();
        UnreadableRequests.Add(services);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        DatabaseKeyRing.Add(services);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ViewerZoneSource>();

        services.AddSingleton<FleetChangeFeed>();
        services.AddSingleton<FleetOverviewSource>();
        services.AddScoped<BootstrapSeeder>();
        services.AddScoped<PolicyService>();
        services.AddScoped<HostQueries>();
        services.AddScoped<HostTagStore>();
        services.AddScoped<RunQueries>();
        services.AddScoped<RunErrorDecoding>();
        services.AddScoped<RunStarter>();
        services.AddScoped<RunCanceller>();
        services.AddScoped<RunDispatcher>();
        services.AddScoped<RunEventStore>();
        services.AddScoped<RunCompletionHandler>();
        services.AddScoped<LostRunHandler>();
        services.AddScoped<DueScheduleFirer>();
        services.AddSingleton(new SchedulerDatabase(connectionString));
        services.AddHostedService<ScheduleLoop>();
        services.AddScoped<MissedRunSweeper>();
        services.AddScoped<WaitingRunResender>();
        services.AddScoped<EnrollmentService>();
        services.AddSingleton<PublishedAgent>();
        services.AddScoped<InventoryStore>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AgentConnections>();
        services.AddScoped<AgentCredentialRevoker>();
        services.AddScoped<AuditActor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<RestoreQueries>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<UserService>();
        services.AddScoped<FindingStore>();
        services.AddScoped<FleetCheckRunner>();
        services.AddHostedService<FleetCheckService>();
        services.AddScoped<FindingQueries>();
        services.AddScoped<ProvisioningService>();
        services.AddScoped<ProvisioningQueries>();
        services.AddScoped<ProvisioningReports>();
        // A receiver that redirects is answered as it answered: the signed body is not carried on to another address.
        services.AddHttpClient(WebhookPoster.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<WebhookPoster>();
        services.AddScoped<EmailSender>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<MessageChannels>();
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationSender>());
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<NotificationRuleService>();
        services.AddScoped<AgentOfflineSweeper>();
        services.AddScoped<DailySummaryJob>();
        services.AddScoped<RetentionJob>();

        var app = builder.Build();
        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        app.Logger.LogInformation("Taking at most {Http} HTTP and {Upgraded} WebSocket connections at once (Kestrel:Limits)",
            limits.MaxConcurrentConnections?.ToString() ?? "unlimited", limits.MaxConcurrentUpgradedConnections?.ToString() ?? "unlimited");
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        // Behind a TLS proxy on this machine: the client's address (audit, rate limits) and https (cookie) come from its headers.
        // Only loopback proxies are trusted by default, so nobody else can forge them.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseAgentNegotiationClosesConnection();
        // API errors answer as ProblemDetails; dashboard pages keep the browser's own handling.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        var api = app.MapGroup("/api/v1").RequireAuthorization(AccessPolicies.Read).RequireRateLimiting(RateLimits.Api);
        api.MapHosts();
        api.MapRuns();
        api.MapEnrollment(app);
        api.MapInventory();
        api.MapProvisioning();
        api.MapFindings();
        api.MapRestore();
        api.MapAccess();
        api.MapAudit();
        api.MapNotifications();

        app.MapAgentDownload();
        app.MapHub<AgentHub>(AgentHubRoute.Path);
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("BackupFleet API")).AllowAnonymous();
        app.MapLogin();

        app.MapStaticAssets();
        // SecurityHeaders sends the whole policy (frame-ancestors 'none'); Blazor's own second CSP header would only loosen it.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }

    /// <summary>Brings the database to the current schema and seeds the bootstrap credentials; run before the server starts.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<FleetDb>();
        // Nodes starting together (replicas) take turns: one migrates and seeds, the next finds it done.
        await using (await db.Database.LockAsync("initialize", ct))
        {
            if (app.Configuration.GetValue("Database:MigrateAtStart", true))
                await db.Database.MigrateAsync(ct);
            await sp.GetRequiredService<BootstrapSeeder>().SeedAsync(ct);
            await ScheduleUpgrade.RunAsync(db, sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IRecurringJobManager>(), sp.GetRequiredService<TimeProvider>(), ct);
        }

        // Registered before any agent can connect here. Agents held by nodes that are gone (this one's previous process among
        // them, once it is overdue) are marked offline; their absence counts from now, not from the server's own downtime.
        var nodes = sp.GetRequiredService<NodeRegistry>();
        await nodes.BeatAsync(ct);
        if (!ScaleOut.Enabled(app.Configuration))
            await nodes.ForgetOthersAsync(ct);
        await nodes.SweepAsync(ct);

        sp.GetRequiredService<IRecurringJobManager>().AddOrUpdate<MissedRunSweeper>(
            MissedRunSweeper.JobId, s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        sp.GetRequiredService<IRecurringJobManager>().AddOrUpdate<WaitingRunResender>(
            WaitingRunResender.JobId, r => r.ResendAsync(CancellationToken.None), Cron.Minutely());
        sp.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AgentOfflineSweeper>(
            AgentOfflineSweeper.JobId, s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        sp.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RetentionJob>(RetentionJob.JobId, j => j.PruneAsync(CancellationToken.None), Cron.Hourly());
        var notifications = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
        sp.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DailySummaryJob>(DailySummaryJob.JobId, s => s.SendAsync(CancellationToken.None),
            Cron.Daily(notifications.DailySummaryAt.Hour, notifications.DailySummaryAt.Minute), new RecurringJobOptions { TimeZone = notifications.Zone });
    }
}
