using System.Net;
using System.Net.Sockets;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// A TCP relay between an agent and the server, on a port of its own: cutting it drops every connection through it and
/// refuses new ones, as a failed switch or VPN would, while both ends keep running; restoring it lets them through again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly object _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    public TcpRelay(Uri server)
    {
        _target = new IPEndPoint(IPAddress.Loopback, server.Port);
        Port = LocalMachine.FreePort();
        Restore();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public void Restore()
    {
        lock (_gate)
        {
            _cut = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptAsync(_listener, _cut.Token);
        }
    }

    /// <summary>Drops every connection through the relay and stops listening until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _cut.Cancel();
            _listener?.Stop();
            foreach (var client in _open)
                client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target, ct);
            lock (_gate)
                _open.AddRange([inbound, outbound]);
            _ = PipeAsync(inbound, outbound, ct);
            _ = PipeAsync(outbound, inbound, ct);
        }
    }

    private static async Task PipeAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), ct);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // Cut, or one end closed.
        }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
