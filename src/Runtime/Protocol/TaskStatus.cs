namespace TrackerRace.Runtime.Protocol;

/// <summary>
/// A task's status in the TaskTracker's table. The numeric values and their order are PowerJob's
/// (<c>common/constants/TaskStatus.java</c>): the TaskTracker drops any report that would move a
/// task backwards (the monotonic rule added for PowerJob #404).
/// </summary>
public enum TaskStatus
{
    /// <summary>In the TaskTracker's table only, waiting for the dispatcher.</summary>
    WaitingDispatch = 1,

    /// <summary>Sent to a ProcessorTracker, not yet acknowledged.</summary>
    DispatchedUnchecked = 2,

    /// <summary>Accepted into a ProcessorTracker's pool.</summary>
    WorkerReceived = 3,

    /// <summary>Running on a ProcessorTracker.</summary>
    WorkerProcessing = 4,

    /// <summary>Finished with a failure.</summary>
    Failed = 5,

    /// <summary>Finished successfully.</summary>
    Succeeded = 6,
}

/// <summary>Helpers over <see cref="TaskStatus"/>.</summary>
public static class TaskStatusExtensions
{
    /// <summary>PowerJob's <c>FINISHED_STATUS = {5, 6}</c>.</summary>
    public static bool IsFinished(this TaskStatus status) => status is TaskStatus.Failed or TaskStatus.Succeeded;

    /// <summary>True once some ProcessorTracker incarnation acknowledged the task (status 3 or later, reached by a report).</summary>
    public static bool WasReceived(this TaskStatus status) => status is TaskStatus.WorkerReceived or TaskStatus.WorkerProcessing;
}
