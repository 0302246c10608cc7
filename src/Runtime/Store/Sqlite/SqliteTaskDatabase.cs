using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// A node's durable task table: one SQLite file (WAL mode, a schema version, the monotonic status rule as a trigger)
/// holding the tasks of every job instance the node's TaskTracker runs, so that a restarted node can resume them.
/// Opening checks the file before anything uses it and fails with a <see cref="TaskStoreFileException"/> naming the file
/// and the problem (missing, not writable, locked, corrupt, newer schema, used by another process); it never starts over on
/// a file it cannot read. The process that opens it owns it until every <see cref="SqliteTaskDatabase"/> of the file in
/// the process is disposed, or the process exits: another process is refused, naming this one.
/// </summary>
public sealed class SqliteTaskDatabase : IDisposable
{
    private readonly string connectionString;
    private readonly TaskStoreOwnership ownership;

    private SqliteTaskDatabase(string filePath, string connectionString, SqliteTaskDatabaseOptions options, TaskStoreOwnership ownership)
    {
        this.FilePath = filePath;
        this.connectionString = connectionString;
        this.Options = options;
        this.ownership = ownership;
    }

    /// <summary>The file's full path.</summary>
    public string FilePath { get; }

    /// <summary>The options it was opened with.</summary>
    public SqliteTaskDatabaseOptions Options { get; }

    /// <summary>Opens (or, if allowed, creates) the task store at <paramref name="path"/> and checks it.</summary>
    /// <exception cref="TaskStoreFileException">The file cannot be used; the message names it and says why.</exception>
    public static SqliteTaskDatabase Open(string path, SqliteTaskDatabaseOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteTaskDatabaseOptions();
        if (options.BusyTimeout < TimeSpan.FromSeconds(1) || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            // SQLite's ADO.NET timeout is whole seconds and 0 would mean "wait forever": a hang, not a setting.
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "SqliteTaskDatabaseOptions.BusyTimeout must be from 1 second to 1 hour.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxResultLength, nameof(options.MaxResultLength));
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new TaskStoreFileException(full, TaskStoreFileProblem.Missing, $"its directory '{directory}' does not exist. Create it, or give a path in an existing directory.");
        }

        var exists = File.Exists(full);
        if (!exists && !options.CreateIfMissing)
        {
            throw new TaskStoreFileException(full, TaskStoreFileProblem.Missing, "the file does not exist, and the options say a restart must find it (CreateIfMissing = false). Restore it from a backup, or open with CreateIfMissing = true to start with an empty table.");
        }

        if (exists && !options.CreateIfMissing && new FileInfo(full).Length == 0)
        {
            // SQLite would take an empty file for a new database and start over; a restart must not.
            throw new TaskStoreFileException(full, TaskStoreFileProblem.Corrupt, "the file is empty (a failed copy, or truncated to nothing), and the options say a restart must find its table (CreateIfMissing = false). Restore it from a backup; it is left untouched.");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = options.CreateIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };

        // Owned before SQLite touches the file, so a refused process writes nothing into it.
        var ownership = TaskStoreOwnership.Take(full);
        var database = new SqliteTaskDatabase(full, builder.ToString(), options, ownership);
        try
        {
            database.Prepare(exists);
            return database;
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>Gives up this process's ownership of the file once no other <see cref="SqliteTaskDatabase"/> of it in the process is open.</summary>
    public void Dispose() => this.ownership.Dispose();

    /// <summary>The task table of one job instance, as the TaskTracker uses it; results longer than <paramref name="maxResultLength"/> (default: the options') are refused.</summary>
    public SqliteTaskStore ForInstance(long instanceId, int? maxResultLength = null) => new(this, instanceId, maxResultLength ?? this.Options.MaxResultLength);

    /// <summary>The highest job instance id with tasks in the file (0 if none).</summary>
    public long HighestInstanceId() => this.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(coalesce((SELECT max(instance_id) FROM tasks), 0), coalesce((SELECT max(instance_id) FROM instances), 0))";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    /// <summary>Remembers a started instance (idempotent: a resumed instance keeps its first record).</summary>
    public void RecordInstance(JobInstanceRecord instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        this.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO instances (instance_id, job_name, started_at, outcome) VALUES ($id, $name, $started, NULL)";
            command.Parameters.AddWithValue("$id", instance.InstanceId);
            command.Parameters.AddWithValue("$name", instance.JobName);
            command.Parameters.AddWithValue("$started", instance.StartedAt.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            return StoreResult.Ok;
        });
    }

    /// <summary>Marks an instance decided, so that a restart does not resume it.</summary>
    public void RecordOutcome(long instanceId, Jobs.JobOutcome outcome) => this.Write((connection, transaction) =>
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE instances SET outcome = $outcome WHERE instance_id = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        command.Parameters.AddWithValue("$outcome", (int)outcome);
        command.ExecuteNonQuery();
        return StoreResult.Ok;
    });

    /// <summary>Instances started and never decided, oldest first: what a restarted TaskTracker resumes.</summary>
    public IReadOnlyList<JobInstanceRecord> UnfinishedInstances() => this.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_id, job_name, started_at FROM instances WHERE outcome IS NULL ORDER BY instance_id";
        var found = new List<JobInstanceRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found.Add(new JobInstanceRecord(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return found;
    });

    /// <summary>Runs <paramref name="work"/> on a pooled connection, turning SQLite's errors into ones that name the file.</summary>
    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var connection = new SqliteConnection(this.connectionString);
            connection.Open();
            return work(connection);
        }
        catch (SqliteException e)
        {
            throw this.Explain(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one immediate (write-locking) transaction, committed only if it succeeds: all of
    /// it is stored or none.
    /// </summary>
    internal StoreResult Write(Func<SqliteConnection, SqliteTransaction, StoreResult> work)
    {
        try
        {
            using var connection = new SqliteConnection(this.connectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            if (result.Succeeded)
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            return result;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            // The schema's own checks (the status trigger, unique ids) caught what the checks above let through.
            return StoreResult.Fail($"the task store refused the write: {e.Message}");
        }
        catch (SqliteException e)
        {
            throw this.Explain(e);
        }
    }

    private const int SqliteConstraint = 19;

    private void Prepare(bool existed)
    {
        try
        {
            using var connection = new SqliteConnection(this.connectionString);
            connection.Open();
            var version = Scalar(connection, "PRAGMA user_version");
            if (version > TaskStoreSchema.Version)
            {
                throw new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.NewerSchema, $"its schema version is {version}, this TrackerRace knows up to {TaskStoreSchema.Version}. Run the newer TrackerRace that wrote it, or move the file away to start empty; it is left untouched.");
            }

            if (version == 0)
            {
                if (existed && Scalar(connection, "SELECT count(*) FROM sqlite_master") > 0)
                {
                    throw new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.NotATaskStore, "it is an SQLite database with tables of its own, not a TrackerRace task store; it is left untouched. Give the task store a file of its own.");
                }

                Execute(connection, "PRAGMA journal_mode = WAL");
                using var transaction = connection.BeginTransaction(deferred: false);

                // Two processes opening a new file at once: the second finds the first's schema under the write lock.
                if (Scalar(connection, "PRAGMA user_version", transaction) == 0)
                {
                    Execute(connection, TaskStoreSchema.Create, transaction);
                }

                transaction.Commit();
            }
            else
            {
                Execute(connection, "PRAGMA journal_mode = WAL");
                if (version < TaskStoreSchema.Version)
                {
                    using var upgrade = connection.BeginTransaction(deferred: false);
                    if (Scalar(connection, "PRAGMA user_version", upgrade) == 1)
                    {
                        Execute(connection, TaskStoreSchema.UpgradeFrom1, upgrade);
                    }

                    upgrade.Commit();
                }
            }

            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var verdict = check.ExecuteScalar() as string;
            if (!string.Equals(verdict, "ok", StringComparison.Ordinal))
            {
                throw new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.Corrupt, $"SQLite's quick_check says: {verdict}. Restore it from a backup; it is left untouched.");
            }

            // SQLite opens a file it may not write (a read-only mount, an immutable file, no permission) read-only
            // without a word, and only the first write fails, mid-job. Writing the header's version (the same value) in
            // a transaction given back finds it now: taking the write lock alone does not.
            using (var probe = connection.BeginTransaction(deferred: false))
            {
                Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {TaskStoreSchema.Version}"), probe);
                probe.Rollback();
            }
        }
        catch (SqliteException e)
        {
            throw this.Explain(e);
        }
    }

    private TaskStoreFileException Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.Locked, $"another connection or process held a lock on it for longer than the busy timeout ({this.Options.BusyTimeout.TotalSeconds:0.#} s). Is a second node using the same file? ({e.Message})", e),
        11 or 26 => new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.Corrupt, $"it is damaged or not an SQLite database (truncated, overwritten?). Restore it from a backup; it is left untouched. ({e.Message})", e),
        3 or 8 or 14 or 23 => new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.NotWritable, $"the process cannot create or write it (read-only directory or file system, or no permission). ({e.Message})", e),
        13 => new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.Unavailable, $"the disk is full; nothing was written. Free space and retry. ({e.Message})", e),
        _ => new TaskStoreFileException(this.FilePath, TaskStoreFileProblem.Unavailable, $"SQLite error {e.SqliteErrorCode} while using it (an I/O failure?); nothing was written by the failed call. ({e.Message})", e),
    };

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
