using TrackerRace.Runtime.Protocol;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Store;

/// <summary>
/// One row of the TaskTracker's task table (PowerJob <c>TaskDO</c>). Immutable: the store replaces
/// rows, so a caller never sees a half-updated task.
/// </summary>
public sealed record TaskRecord
{
    /// <summary>Hierarchical id: <c>"0"</c> for the root, <c>"0.1"</c>, <c>"0.1.3"</c> for children, <c>"9999"</c> for the last task.</summary>
    public required string TaskId { get; init; }

    /// <summary>The task's name: a special name from <see cref="TaskNames"/> or the one given to map.</summary>
    public required string TaskName { get; init; }

    /// <summary>Opaque payload handed to the processor.</summary>
    public string? Content { get; init; }

    /// <summary>Target node; <see langword="null"/> means unassigned (PowerJob's <c>"N/A"</c>).</summary>
    public string? Address { get; init; }

    /// <summary>Current status.</summary>
    public TaskStatus Status { get; init; } = TaskStatus.WaitingDispatch;

    /// <summary>The processor's result or the failure reason, once finished.</summary>
    public string? Result { get; init; }

    /// <summary>How many times the task failed or timed out and was sent again.</summary>
    public int FailedCount { get; init; }

    /// <summary>Creation time, Unix milliseconds.</summary>
    public long CreatedTime { get; init; }

    /// <summary>Last write time, Unix milliseconds; drives the unacknowledged-dispatch timeout.</summary>
    public long LastModifiedTime { get; init; }

    /// <summary>Time of the last accepted report, Unix milliseconds; -1 before any.</summary>
    public long LastReportTime { get; init; } = -1;

    /// <summary>True once a ProcessorTracker acknowledged the task (a report with status 3 or 4 was accepted).</summary>
    public bool EverReceived { get; init; }
}
