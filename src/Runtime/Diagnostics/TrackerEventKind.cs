namespace TrackerRace.Runtime.Diagnostics;

/// <summary>The protocol steps the runtime reports to an <see cref="ITrackerEventSink"/>.</summary>
public enum TrackerEventKind
{
    /// <summary>The TaskTracker started a job.</summary>
    JobStarted,

    /// <summary>Tasks were inserted into the task table (root, mapped, broadcast).</summary>
    TasksCreated,

    /// <summary>OMS_LAST_TASK was inserted: the map phase is over.</summary>
    LastTaskCreated,

    /// <summary>The dispatcher sent a task to a node.</summary>
    TaskDispatched,

    /// <summary>A task went back to waiting (retry, unacknowledged timeout, lost tracker).</summary>
    TaskRequeued,

    /// <summary>The TaskTracker accepted a status report.</summary>
    StatusAccepted,

    /// <summary>The TaskTracker accepted a task's result (a final status a ProcessorTracker reported): once per task.</summary>
    ResultAccepted,

    /// <summary>The TaskTracker dropped a status report (expired, or it would move the task backwards).</summary>
    StatusDropped,

    /// <summary>The TaskTracker failed a task because its ProcessorTracker reported IDLE.</summary>
    TaskFailedByIdle,

    /// <summary>The TaskTracker treated a ProcessorTracker as lost (no heartbeat).</summary>
    TrackerLost,

    /// <summary>A ProcessorTracker incarnation was created on a node.</summary>
    ProcessorTrackerCreated,

    /// <summary>A ProcessorTracker accepted a task into its pool.</summary>
    TaskReceived,

    /// <summary>A ProcessorTracker refused a task (shut down or pool full).</summary>
    TaskRejected,

    /// <summary>A processor started running a task.</summary>
    TaskStarted,

    /// <summary>A processor finished a task.</summary>
    TaskFinished,

    /// <summary>OMS_LAST_TASK's reduce or post-process ran, with the results it read.</summary>
    ReduceExecuted,

    /// <summary>A ProcessorTracker's checker ran its idle rule.</summary>
    IdleCheck,

    /// <summary>A ProcessorTracker asked its TaskTracker for permission to go idle.</summary>
    IdleRequested,

    /// <summary>The TaskTracker answered an idle request.</summary>
    IdleAnswered,

    /// <summary>A ProcessorTracker sent an IDLE report.</summary>
    IdleReported,

    /// <summary>The TaskTracker handled an IDLE report.</summary>
    IdleReportHandled,

    /// <summary>A ProcessorTracker incarnation started tearing down.</summary>
    ProcessorTrackerDestroying,

    /// <summary>A ProcessorTracker incarnation is gone from its node.</summary>
    ProcessorTrackerDestroyed,

    /// <summary>The transport dropped a message (fault injection or unknown target).</summary>
    MessageDropped,

    /// <summary>The TaskTracker decided the job's outcome.</summary>
    JobFinished,

    /// <summary>A ProcessorTracker incarnation died without reporting (its process restarted or its node crashed).</summary>
    ProcessorTrackerKilled,

    /// <summary>A node crashed: its trackers stopped where they were, messages to it are lost until it restarts.</summary>
    NodeCrashed,

    /// <summary>A crashed node came back, empty, under the same address.</summary>
    NodeRestarted,

    /// <summary>A tracker's handler threw: a bug in the runtime or a store that failed; the step did not complete.</summary>
    HandlerFailed,

    /// <summary>A restarted TaskTracker took up an unfinished job instance from its durable task store.</summary>
    JobResumed,
}
