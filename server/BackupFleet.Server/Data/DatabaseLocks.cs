using Microsoft.EntityFrameworkCore;
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
            finally
            {
                // Closing also releases it should the unlock have failed with the connection.
                await db.CloseConnectionAsync();
            }
        }
    }
}
