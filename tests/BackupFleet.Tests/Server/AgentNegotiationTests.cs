using System.Net.Sockets;
using System.Text;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>
/// An agent's negotiate request ends its HTTP connection: the hub then runs on the agent's WebSocket, and a kept-alive
/// negotiate connection doubled the open files per agent (10,000 agents reached the server's limit of 20,000 and ended it).
/// Driven over a raw socket, to see what the server does with the connection itself.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AgentNegotiationTests(ServerFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_server_closes_the_connection_an_agent_negotiated_on()
    {
        var name = FleetApi.UniqueHostName();
        var host = await fixture.Server.CreateClient().EnrollAsync(name);
        using var socket = await ConnectAsync();

        await SendAsync(socket, "POST", $"{AgentNegotiation.NegotiatePath}?negotiateVersion=1", $"Authorization: Bearer {host.AgentCredential}\r\n");
        var (response, closed) = await ReadAsync(socket);

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"connectionToken\"", response);
        Assert.True(closed, "the server kept the negotiate connection open");
    }

    [Fact]
    public async Task Other_requests_keep_their_connection_alive()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, "GET", "/healthz", "");
        var (response, closed) = await ReadAsync(socket);

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.False(closed, "the server closed a keep-alive connection that was not an agent's negotiation");
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(fixture.Server.BaseAddress.Host, fixture.Server.BaseAddress.Port);
        return socket;
    }

    private async Task SendAsync(Socket socket, string method, string target, string headers) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"{method} {target} HTTP/1.1\r\nHost: {fixture.Server.BaseAddress.Authority}\r\n{headers}Content-Length: 0\r\n\r\n"));

    /// <summary>What the server sent until it closed the connection, or until it sent nothing more for a while (closed: false).</summary>
    private static async Task<(string Response, bool Closed)> ReadAsync(Socket socket)
    {
        var received = new StringBuilder();
        var buffer = new byte[8192];
        // The whole answer comes at once; a second of silence after it means the connection stays open.
        var quiet = TimeSpan.FromSeconds(1);
        using var deadline = new CancellationTokenSource(Wait);
        while (true)
        {
            using var read = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            if (received.Length > 0)
                read.CancelAfter(quiet);
            try
            {
                var n = await socket.ReceiveAsync(buffer, read.Token);
                if (n == 0)
                    return (received.ToString(), true);
                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                return (received.ToString(), false);
            }
        }
    }
}
