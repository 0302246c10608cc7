using TrackerRace.Runtime.Store;

namespace TrackerRace.Runtime.Jobs;

/// <summary>The final state of a job instance.</summary>
public sealed record JobResult
{
    /// <summary>The instance id the TaskTracker ran under.</summary>
    public required long InstanceId { get; init; }

    /// <summary>The job's name.</summary>
    public required string JobName { get; init; }

    /// <summary>Succeeded, Failed or Cancelled.</summary>
    public required JobOutcome Outcome { get; init; }

    /// <summary>The job's result: the root's (Standalone), reduce's (MapReduce, Broadcast) or a summary (Map).</summary>
    public string? Result { get; init; }

    /// <summary>Why the job did not succeed; <see langword="null"/> when it did.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// What stopped the runtime itself when it, not the job's tasks, decided a Failed outcome: a
    /// <see cref="Store.Sqlite.TaskStoreFileException"/> when the task table could not be written (disk full, read-only
    /// file system, a file that may not be written); <see langword="null"/> otherwise.
    /// </summary>
    public Exception? Error { get; init; }

    /// <summary>True if the TaskTracker saw OMS_LAST_TASK start on a ProcessorTracker (reduce or post-process ran).</summary>
    public bool ReduceRan { get; init; }

    /// <summary>Every task as the TaskTracker last saw it, in creation order. Nothing is dropped: each ended succeeded, failed with a reason, or was still unfinished when the job stopped.</summary>
    public IReadOnlyList<TaskRecord> Tasks { get; init; } = [];

    /// <summary>When the TaskTracker started the job.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the TaskTracker decided the outcome.</summary>
    public DateTimeOffset FinishedAt { get; init; }
}
