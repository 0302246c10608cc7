using System.Collections.Concurrent;

namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// A durable task table per node: <c>{directory}/{node}.tasks.db</c>, opened (and checked) the first time the node needs
/// it. PowerJob keeps its task table in an embedded H2 file per worker for the same reason.
/// </summary>
public sealed class SqliteTaskStores : ITaskStoreProvider
{
    private readonly ConcurrentDictionary<string, Lazy<SqliteTaskDatabase>> databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly SqliteTaskDatabaseOptions options;

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
    public SqliteTaskDatabase Database(string node) =>
        this.databases.GetOrAdd(node, n => new Lazy<SqliteTaskDatabase>(() => SqliteTaskDatabase.Open(this.FileOf(n), this.options))).Value;

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
