namespace TrackerRace.Runtime.Store;

/// <summary>
/// A fresh <see cref="InMemoryTaskStore"/> per job instance: the default, gone with the process, and with its node when the
/// node crashes (<see cref="Durable"/> is false: the runtime fails that node's jobs instead of resuming them).
/// </summary>
public sealed class InMemoryTaskStores : ITaskStoreProvider
{
    /// <summary>The shared instance.</summary>
    public static InMemoryTaskStores Instance { get; } = new();

    /// <inheritdoc />
    public ITaskStore Open(string node, long instanceId, int maxResultLength) => new InMemoryTaskStore(maxResultLength);

    /// <inheritdoc />
    public long HighestInstanceId(string node) => 0;

    /// <inheritdoc />
    public bool Durable => false;

    /// <inheritdoc />
    public void InstanceStarted(string node, JobInstanceRecord instance)
    {
    }

    /// <inheritdoc />
    public void InstanceFinished(string node, long instanceId, Jobs.JobOutcome outcome)
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<JobInstanceRecord> UnfinishedInstances(string node) => [];
}
