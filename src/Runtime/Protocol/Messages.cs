namespace TrackerRace.Runtime.Protocol;

/// <summary>Any message that crosses the transport between nodes.</summary>
public interface ITrackerMessage
{
    /// <summary>The job instance the message belongs to.</summary>
    long InstanceId { get; }
}

/// <summary>TaskTracker to ProcessorTracker: run this task (PowerJob <c>TaskTrackerStartTaskReq</c>, a tell). Creates the ProcessorTracker if the node has none.</summary>
public sealed record StartTask(
    long InstanceId,
    string TaskTrackerAddress,
    string TaskId,
    string TaskName,
    string? Content,
    int CurrentRetry) : ITrackerMessage;

/// <summary>TaskTracker to ProcessorTracker: the job is over, destroy every ProcessorTracker of it (PowerJob <c>TaskTrackerStopInstanceReq</c>, a tell).</summary>
public sealed record StopInstance(long InstanceId) : ITrackerMessage;

/// <summary>ProcessorTracker to TaskTracker: a task's status changed (PowerJob <c>ProcessorReportTaskStatusReq</c>). A tell for 3 and 4, an ask for 5 and 6.</summary>
public sealed record TaskStatusReport(
    long InstanceId,
    string TaskId,
    TaskStatus Status,
    string? Result,
    long ReportTime,
    string ReporterAddress) : ITrackerMessage
{
    /// <summary>Which incarnation of the ProcessorTracker reported (0: not told).</summary>
    public int Incarnation { get; init; }
}

/// <summary>The two kinds of <see cref="ProcessorTrackerStatusReport"/>.</summary>
public enum ProcessorTrackerReportKind
{
    /// <summary>"I was idle too long and destroyed myself."</summary>
    Idle = 1,

    /// <summary>The periodic heartbeat with the pool's queue length.</summary>
    Load = 2,
}

/// <summary>ProcessorTracker to TaskTracker: heartbeat or idle notice (PowerJob <c>ProcessorTrackerStatusReportReq</c>, a tell).</summary>
public sealed record ProcessorTrackerStatusReport(
    long InstanceId,
    ProcessorTrackerReportKind Kind,
    string Address,
    long Time,
    int RemainTaskCount) : ITrackerMessage
{
    /// <summary>
    /// With a heartbeat: the tasks this incarnation holds (accepted, not yet finished and acknowledged). A task the
    /// TaskTracker sent here long enough ago and that is not listed was lost with an earlier incarnation. Null: not told.
    /// </summary>
    public IReadOnlyList<string>? HeldTaskIds { get; init; }

    /// <summary>Which incarnation of the ProcessorTracker sent it (0: not told); a change tells the TaskTracker its predecessor died.</summary>
    public int Incarnation { get; init; }
}

/// <summary>One child task emitted by a map call.</summary>
public sealed record SubTask(string TaskId, string? Content);

/// <summary>ProcessorTracker to TaskTracker: persist these children (PowerJob <c>ProcessorMapTaskRequest</c>, an ask).</summary>
public sealed record MapTaskRequest(
    long InstanceId,
    string ParentTaskId,
    string TaskName,
    IReadOnlyList<SubTask> SubTasks) : ITrackerMessage;

/// <summary>Reply to <see cref="MapTaskRequest"/>.</summary>
public sealed record MapTaskResponse(bool Accepted, string? Error);

/// <summary>Reply to a final <see cref="TaskStatusReport"/> (PowerJob's <c>AskResponse.succeed</c>).</summary>
public sealed record ReportAck(bool Accepted);

/// <summary>
/// ProcessorTracker to TaskTracker, only under the <c>IdleHandshake</c> policy: "may I destroy myself?" (an ask).
/// This replaces PowerJob's IDLE-then-destroy with a request the TaskTracker can refuse.
/// </summary>
public sealed record IdleRequest(long InstanceId, string Address, long Time) : ITrackerMessage;

/// <summary>The TaskTracker's answer to an <see cref="IdleRequest"/>.</summary>
public sealed record IdleVerdict(bool Approved, int PendingTaskCount);
