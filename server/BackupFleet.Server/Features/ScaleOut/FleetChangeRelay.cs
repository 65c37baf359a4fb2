using System.Text.Json;
using System.Text.Json.Serialization;
using BackupFleet.Server.Features.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>
/// Carries the fleet's changes between server nodes over Redis, so that a dashboard open on one node goes on showing what
/// happens on the others (an agent of another node connecting, a run it reports). Fire and forget: a change lost while
/// Redis is away costs freshness only, as a page re-reads the database on the next change.
/// </summary>
public sealed class FleetChangeRelay(FleetChangeFeed feed, ServerNode node, IConnectionMultiplexer redis, IOptions<ScaleOutOptions> options,
    ILogger<FleetChangeRelay> log) : IHostedService
{
    private sealed record Relayed(Guid Node, FleetChange Change);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private RedisChannel Channel => RedisChannel.Literal(options.Value.ChannelPrefix + ":fleet-changes");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Not waited for: with Redis away at start the node must still start; the client subscribes once it connects.
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message), CommandFlags.FireAndForget);
        feed.Published += Send;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Published -= Send;
        await redis.GetSubscriber().UnsubscribeAsync(Channel, flags: CommandFlags.FireAndForget);
    }

    private void Send(FleetChange change)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, JsonSerializer.SerializeToUtf8Bytes(new Relayed(node.Id, change), Json), CommandFlags.FireAndForget);
        }
        catch (Exception e)
        {
            log.LogDebug("A change was not relayed to the other server nodes: {Error}", e.Message);
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            var relayed = JsonSerializer.Deserialize<Relayed>((byte[])message!, Json);
            if (relayed is not null && relayed.Node != node.Id)
                feed.Deliver(relayed.Change);
        }
        catch (JsonException e)
        {
            log.LogWarning("A change relayed by another server node could not be read (a node of another version?): {Error}", e.Message);
        }
    }
}
