using System.Collections.Concurrent;

namespace TrackerRace.Runtime.Store;

/// <summary>
/// Each node's task tables kept in memory for as long as this object lives, as if on a disk that survives the node: a
/// node crashed and restarted inside the process (<see cref="TrackerCluster.CrashNode"/>, <see cref="TrackerCluster.RestartNode"/>)
/// finds its tables and resumes its jobs. For tests and simulations (a systematic tester crashes nodes thousands of times
/// a minute); gone with the process, which <see cref="Sqlite.SqliteTaskStores"/> survives. Use one per cluster.
/// </summary>
public sealed class DurableInMemoryTaskStores : ITaskStoreProvider
{
    private readonly ConcurrentDictionary<(string Node, long InstanceId), InMemoryTaskStore> tables = new();
    private readonly ConcurrentDictionary<(string Node, long InstanceId), JobInstanceRecord> unfinished = new();

    /// <inheritdoc />
    public bool Durable => true;

    /// <inheritdoc />
    public ITaskStore Open(string node, long instanceId, int maxResultLength) =>
        this.tables.GetOrAdd((Key(node), instanceId), _ => new InMemoryTaskStore(maxResultLength));

    /// <inheritdoc />
    public long HighestInstanceId(string node) =>
        this.tables.Keys.Where(k => k.Node == Key(node)).Select(k => k.InstanceId).DefaultIfEmpty(0).Max();

    /// <inheritdoc />
    public void InstanceStarted(string node, JobInstanceRecord instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        this.unfinished[(Key(node), instance.InstanceId)] = instance;
    }

    /// <inheritdoc />
    public void InstanceFinished(string node, long instanceId, Jobs.JobOutcome outcome) => this.unfinished.TryRemove((Key(node), instanceId), out _);

    /// <inheritdoc />
    public IReadOnlyList<JobInstanceRecord> UnfinishedInstances(string node) =>
        [.. this.unfinished.Where(p => p.Key.Node == Key(node)).Select(p => p.Value).OrderBy(r => r.InstanceId)];

    private static string Key(string node) => node.ToLowerInvariant();
}
