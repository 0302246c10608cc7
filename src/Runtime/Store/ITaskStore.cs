using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Store;

/// <summary>
/// The TaskTracker's task table (PowerJob's <c>TaskPersistenceService</c>), one per job instance.
/// Synchronous like the JDBC calls it mirrors; implementations must be safe to call from several
/// threads, because a ProcessorTracker running the last task reads it while the TaskTracker writes.
/// </summary>
public interface ITaskStore
{
    /// <summary>Inserts new tasks. Fails (returns an error) on a duplicate id rather than overwriting: no task is lost silently.</summary>
    StoreResult Insert(IReadOnlyList<TaskRecord> tasks);

    /// <summary>Replaces the row with the same id; fails if it does not exist or the record cannot be stored.</summary>
    StoreResult Update(TaskRecord task);

    /// <summary>Reads one task.</summary>
    TaskRecord? Find(string taskId);

    /// <summary>Tasks in <paramref name="status"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<TaskRecord> GetByStatus(TaskStatus status, int limit);

    /// <summary>PowerJob <c>getAllUnFinishedTaskByAddress</c>: tasks addressed to <paramref name="address"/> in status 1 to 4.</summary>
    IReadOnlyList<TaskRecord> GetUnfinishedByAddress(string address);

    /// <summary>PowerJob <c>getAllTaskResult</c>: every finished task (status 5 or 6) except the last task.</summary>
    IReadOnlyList<TaskRecord> GetFinishedResults();

    /// <summary>Counts by status (PowerJob <c>getTaskStatusStatistics</c>).</summary>
    IReadOnlyDictionary<TaskStatus, int> CountByStatus();

    /// <summary>Every task, for the final report; the order is creation order.</summary>
    IReadOnlyList<TaskRecord> Snapshot();

    /// <summary>The number of tasks stored.</summary>
    int Count { get; }
}
