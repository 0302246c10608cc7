namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// A durable task table per node: <c>{directory}/{node}.tasks.db</c>, opened (and checked) the first time the node needs
/// it. PowerJob keeps its task table in an embedded H2 file per worker for the same reason. The process owns each file
/// it opened until this is disposed or the process exits (<see cref="SqliteTaskDatabase"/>): a second process on the
/// same directory is refused with a <see cref="TaskStoreFileException"/> naming the first.
/// </summary>
public sealed class SqliteTaskStores : ITaskStoreProvider, IDisposable
{
    private readonly Dictionary<string, SqliteTaskDatabase> databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly SqliteTaskDatabaseOptions options;
    private bool disposed;

    /// <summary>Keeps each node's file in <paramref name="directory"/>, which must exist.</summary>
    public SqliteTaskStores(string directory, SqliteTaskDatabaseOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        this.Directory = Path.GetFullPath(directory);
        this.options = options ?? new SqliteTaskDatabaseOptions();
    }

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>The file of <paramref name="node"/>.</summary>
    public string FileOf(string node) => Path.Combine(this.Directory, $"{node}.tasks.db");

    /// <summary>The opened database of <paramref name="node"/> (opening it on first use).</summary>
    /// <remarks>A failed open is not remembered: once the other process is gone or the disk is back, the next call opens it.</remarks>
    public SqliteTaskDatabase Database(string node)
    {
        lock (this.databases)
        {
            ObjectDisposedException.ThrowIf(this.disposed, this);
            if (!this.databases.TryGetValue(node, out var database))
            {
                database = SqliteTaskDatabase.Open(this.FileOf(node), this.options);
                this.databases.Add(node, database);
            }

            return database;
        }
    }

    /// <summary>Closes the files it opened and gives up owning them (other processes may then open them).</summary>
    public void Dispose()
    {
        lock (this.databases)
        {
            this.disposed = true;
            foreach (var database in this.databases.Values)
            {
                database.Dispose();
            }

            this.databases.Clear();
        }
    }

    /// <inheritdoc />
    public ITaskStore Open(string node, long instanceId, int maxResultLength) => this.Database(node).ForInstance(instanceId, maxResultLength);

    /// <inheritdoc />
    public long HighestInstanceId(string node) => File.Exists(this.FileOf(node)) ? this.Database(node).HighestInstanceId() : 0;

    /// <inheritdoc />
    public bool Durable => true;

    /// <inheritdoc />
    public void InstanceStarted(string node, JobInstanceRecord instance) => this.Database(node).RecordInstance(instance);

    /// <inheritdoc />
    public void InstanceFinished(string node, long instanceId, Jobs.JobOutcome outcome) => this.Database(node).RecordOutcome(instanceId, outcome);

    /// <inheritdoc />
    public IReadOnlyList<JobInstanceRecord> UnfinishedInstances(string node) =>
        File.Exists(this.FileOf(node)) ? this.Database(node).UnfinishedInstances() : [];
}
