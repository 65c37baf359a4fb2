using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>
/// The database contexts that ran a command on one database since this was created and are not yet disposed, as EF Core
/// reports them (its DiagnosticListener): what a server keeps alive between requests, counted without reaching into it.
/// </summary>
public sealed class LiveDbContexts : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly ConcurrentDictionary<DbContext, byte> _live = new(ReferenceEqualityComparer.Instance);
    private readonly List<IDisposable> _subscriptions = [];

    public LiveDbContexts(string connectionString)
    {
        _database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Count => _live.Count;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name || name == CoreEventId.ContextDisposed.Name));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        switch (e.Value)
        {
            case CommandExecutedEventData { Context: { } context } executed when executed.Command.Connection?.Database == _database:
                _live[context] = 0;
                break;
            case DbContextEventData { Context: { } context } when e.Key == CoreEventId.ContextDisposed.Name:
                _live.TryRemove(context, out _);
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
            foreach (var subscription in _subscriptions)
                subscription.Dispose();
    }
}
