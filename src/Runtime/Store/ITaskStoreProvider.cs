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
}
