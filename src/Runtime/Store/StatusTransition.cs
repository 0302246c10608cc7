using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Store;

/// <summary>
/// The monotonic status rule (PowerJob #404) as the store enforces it, so that no writer, however late or reordered its
/// message, can move a task backwards. A task moves forward through 1-6; it goes back to WaitingDispatch only to be sent
/// again while unfinished (its tracker was lost, its dispatch timed out, it failed and has retries left). Succeeded is final;
/// Failed may still become Succeeded (a late success report, as PowerJob's rule allows: 6 &gt; 5) or go back to
/// WaitingDispatch as a retry (FailedCount grows).
/// </summary>
public static class StatusTransition
{
    /// <summary>Null if <paramref name="from"/> may become <paramref name="to"/>; otherwise why not, naming both statuses.</summary>
    public static string? Refusal(TaskRecord from, TaskRecord to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var allowed = from.Status == to.Status || from.Status switch
        {
            TaskStatus.Succeeded => false,
            TaskStatus.Failed => to.Status == TaskStatus.Succeeded || (to.Status == TaskStatus.WaitingDispatch && to.FailedCount > from.FailedCount),
            _ => to.Status > from.Status || to.Status == TaskStatus.WaitingDispatch,
        };
        return allowed
            ? null
            : $"task '{from.TaskId}' cannot go from {(int)from.Status} {from.Status} to {(int)to.Status} {to.Status} (monotonic status rule: statuses only move forward, or back to WaitingDispatch to be sent again while unfinished or as a retry; Succeeded is final)";
    }
}
