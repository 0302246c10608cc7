namespace TrackerRace.Runtime.Store;

/// <summary>
/// Where each TaskTracker's task table lives (<see cref="TrackerOptions.TaskStores"/>): in memory (the default, for
/// tests and for jobs that need not survive a restart) or in a file per node (<see cref="Sqlite.SqliteTaskStores"/>).
/// </summary>
public interface ITaskStoreProvider
{
    /// <summary>The task table of job instance <paramref name="instanceId"/> whose TaskTracker runs on <paramref name="node"/>.</summary>
    ITaskStore Open(string node, long instanceId, int maxResultLength);

    /// <summary>
    /// The highest instance id the provider already holds tasks of on <paramref name="node"/> (0 if none): a cluster
    /// numbers new instances after it, so a restarted process never reuses an id a file still holds.
    /// </summary>
    long HighestInstanceId(string node);

    /// <summary>
    /// True if what a node's TaskTracker wrote survives that node's crash, so a restarted node resumes its unfinished
    /// instances; false if a crash loses it (the runtime then fails those jobs, naming the crash).
    /// </summary>
    bool Durable { get; }

    /// <summary>Remembers that <paramref name="node"/>'s TaskTracker started <paramref name="instance"/> (before its first task is written).</summary>
    void InstanceStarted(string node, JobInstanceRecord instance);

    /// <summary>Remembers that the instance is decided: a restart must not resume it.</summary>
    void InstanceFinished(string node, long instanceId, Jobs.JobOutcome outcome);

    /// <summary>The instances <paramref name="node"/>'s TaskTracker started and never decided, oldest first: what a restart resumes.</summary>
    IReadOnlyList<JobInstanceRecord> UnfinishedInstances(string node);
}
