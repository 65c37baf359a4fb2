using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>
/// What lets several server nodes share one fleet: every node beats in PostgreSQL (which agents are really online), and with
/// <c>ConnectionStrings:Redis</c> set, SignalR's Redis backplane routes a job to the node that holds the agent's connection,
/// and <see cref="FleetChangeRelay"/> keeps every node's dashboards live. Without Redis the server is one node.
/// </summary>
public static class ScaleOut
{
    public static bool Enabled(IConfiguration config) => !string.IsNullOrWhiteSpace(config.GetConnectionString("Redis"));

    public static void Add(IServiceCollection services, ISignalRServerBuilder signalR, IConfiguration config)
    {
        var options = config.GetSection(ScaleOutOptions.Section).Get<ScaleOutOptions>() ?? new ScaleOutOptions();
        if (options.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("The ScaleOut settings are wrong: " + string.Join(" ", problems));
        services.AddOptions<ScaleOutOptions>().Bind(config.GetSection(ScaleOutOptions.Section));
        services.AddSingleton<ServerNode>();
        services.AddScoped<NodeRegistry>();
        services.AddHostedService<NodeHeartbeat>();

        if (!Enabled(config))
            return;
        var redis = config.GetConnectionString("Redis")!;
        ConfigurationOptions Redis()
        {
            var parsed = ConfigurationOptions.Parse(redis);
            // A node starts, and keeps trying, while Redis is away; /healthz says so.
            parsed.AbortOnConnectFail = false;
            return parsed;
        }
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = Redis();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
        });
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Redis()));
        services.AddHostedService<FleetChangeRelay>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
    }
}
