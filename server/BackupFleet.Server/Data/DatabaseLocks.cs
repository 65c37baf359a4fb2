using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BackupFleet.Server.Data;

/// <summary>PostgreSQL advisory locks by name: what makes work safe when several server nodes share the database.</summary>
public static class DatabaseLocks
{
    /// <summary>
    /// Held on the context's connection, across its transactions, until disposed: for work that commits several times,
    /// such as migrating. A node that dies mid-way loses its connection, and PostgreSQL releases the lock with it.
    /// </summary>
    public static async Task<IAsyncDisposable> LockAsync(this DatabaseFacade db, string name, CancellationToken ct)
    {
        await db.OpenConnectionAsync(ct);
        await db.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtext({name}))", ct);
        return new Held(db, name);
    }

    private sealed class Held(DatabaseFacade db, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtext({name}))");
            }
            catch
            {
                // The server's connections keep their session when pooled (DatabasePools.ForServer): one whose unlock failed
                // must not be reused holding the lock. Clearing the pool closes it, rather than pooling it, once it is closed.
                NpgsqlConnection.ClearPool((NpgsqlConnection)db.GetDbConnection());
                throw;
            }
            finally
            {
                await db.CloseConnectionAsync();
            }
        }
    }
}
