using System.Text.Json;
using BackupFleet.Shared.Runs;
using Microsoft.Data.Sqlite;

namespace BackupFleet.Agent.Journal;

/// <summary>A run the journal still holds: its events the server has not acknowledged, and its end once known.</summary>
/// <param name="LastSequence">The number of the run's last event, acknowledged or not: the next one continues from it.</param>
public sealed record JournaledRun(Guid RunId, BackupSpec Spec, int LastSequence, RunCompletion? Completion, IReadOnlyList<RunEventDto> Unsent);

/// <summary>
/// journal.db in the state directory (SQLite, written through before anything is sent): each accepted run, every event
/// until the server has acknowledged it, and the run's end until the server has stored it. After a crash, a reboot or a
/// server that was away, the agent replays from here, in order; the server stores by (run, sequence), so a replay that
/// repeats what arrived already adds nothing. Without a state directory (tests in one process) it lives in memory.
/// </summary>
public sealed class RunJournal : IDisposable
{
    public const string FileName = "journal.db";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _db;
    private readonly object _gate = new();

    private RunJournal(SqliteConnection db) => _db = db;

    /// <param name="stateDirectory">Where journal.db lives; null keeps the journal in memory for this process only.</param>
    public static RunJournal Open(string? stateDirectory)
    {
        string source;
        if (stateDirectory is null)
            source = "Data Source=:memory:";
        else
        {
            Directory.CreateDirectory(stateDirectory);
            source = new SqliteConnectionStringBuilder { DataSource = Path.Combine(stateDirectory, FileName), Pooling = false }.ToString();
        }
        var db = new SqliteConnection(source);
        db.Open();
        var journal = new RunJournal(db);
        // WAL with full sync: a write that returned is on disk, also after a power cut.
        journal.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS runs (
                run_id TEXT PRIMARY KEY, spec TEXT NOT NULL, last_sequence INTEGER NOT NULL DEFAULT 0, completion TEXT NULL);
            CREATE TABLE IF NOT EXISTS events (
                run_id TEXT NOT NULL, sequence INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (run_id, sequence));
            """);
        return journal;
    }

    /// <summary>A run the agent has accepted; before its first event.</summary>
    public void Begin(Guid runId, BackupSpec spec) =>
        Execute("INSERT OR IGNORE INTO runs (run_id, spec) VALUES ($run, $spec)", ("$run", Key(runId)), ("$spec", JsonSerializer.Serialize(spec, Json)));

    public void Append(Guid runId, RunEventDto e) => Transaction(
        ("INSERT OR REPLACE INTO events (run_id, sequence, event) VALUES ($run, $seq, $event)",
            [("$run", Key(runId)), ("$seq", e.Sequence), ("$event", JsonSerializer.Serialize(e, Json))]),
        ("UPDATE runs SET last_sequence = max(last_sequence, $seq) WHERE run_id = $run", [("$run", Key(runId)), ("$seq", e.Sequence)]));

    /// <summary>The server has stored the run's events up to <paramref name="sequence"/>.</summary>
    public void Acknowledged(Guid runId, int sequence) =>
        Execute("DELETE FROM events WHERE run_id = $run AND sequence <= $seq", ("$run", Key(runId)), ("$seq", sequence));

    /// <summary>The run's end is known; kept until the server has it.</summary>
    public void Completed(RunCompletion completion) =>
        Execute("UPDATE runs SET completion = $c WHERE run_id = $run", ("$run", Key(completion.RunId)), ("$c", JsonSerializer.Serialize(completion, Json)));

    /// <summary>The server has stored the run's end: nothing of it is left to send.</summary>
    public void Delivered(Guid runId) => Transaction(
        ("DELETE FROM events WHERE run_id = $run", [("$run", Key(runId))]),
        ("DELETE FROM runs WHERE run_id = $run", [("$run", Key(runId))]));

    /// <summary>The ids of the runs not yet delivered, without reading their events.</summary>
    public IReadOnlyList<Guid> RunIds()
    {
        lock (_gate)
        {
            var ids = new List<Guid>();
            using var select = Command("SELECT run_id FROM runs ORDER BY rowid");
            using var reader = select.ExecuteReader();
            while (reader.Read())
                ids.Add(Guid.Parse(reader.GetString(0)));
            return ids;
        }
    }

    /// <summary>Every run not yet delivered, oldest first, with its unsent events in order.</summary>
    public IReadOnlyList<JournaledRun> Pending()
    {
        lock (_gate)
        {
            var runs = new List<(Guid Id, BackupSpec Spec, int Last, RunCompletion? Completion)>();
            using (var select = Command("SELECT run_id, spec, last_sequence, completion FROM runs ORDER BY rowid"))
            using (var reader = select.ExecuteReader())
                while (reader.Read())
                    runs.Add((Guid.Parse(reader.GetString(0)), JsonSerializer.Deserialize<BackupSpec>(reader.GetString(1), Json)!, reader.GetInt32(2),
                        reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<RunCompletion>(reader.GetString(3), Json)));
            return runs.Select(r => new JournaledRun(r.Id, r.Spec, r.Last, r.Completion, Events(r.Id))).ToList();
        }
    }

    private List<RunEventDto> Events(Guid runId)
    {
        var events = new List<RunEventDto>();
        using var select = Command("SELECT event FROM events WHERE run_id = $run ORDER BY sequence", ("$run", Key(runId)));
        using var reader = select.ExecuteReader();
        while (reader.Read())
            events.Add(JsonSerializer.Deserialize<RunEventDto>(reader.GetString(0), Json)!);
        return events;
    }

    private static string Key(Guid runId) => runId.ToString("D");

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql, parameters);
            command.ExecuteNonQuery();
        }
    }

    private void Transaction(params (string Sql, (string Name, object Value)[] Parameters)[] statements)
    {
        lock (_gate)
        {
            using var transaction = _db.BeginTransaction();
            foreach (var (sql, parameters) in statements)
            {
                using var command = Command(sql, parameters);
                command.Transaction = transaction;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    public void Dispose()
    {
        lock (_gate)
            _db.Dispose();
    }
}
