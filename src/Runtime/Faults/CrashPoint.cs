namespace TrackerRace.Runtime.Faults;

/// <summary>
/// Places inside a handler where a node can die with half of the handler's work done: the state is written, the
/// message that would tell the other side is not sent. Crashes between messages need no point; these are the ones in between.
/// </summary>
public enum CrashPoint
{
    /// <summary>The TaskTracker applied a message to its task table and has not replied yet (the asker will time out).</summary>
    TaskTrackerAfterWriteBeforeReply = 1,

    /// <summary>A ProcessorTracker accepted a task into its pool and has not acknowledged it yet.</summary>
    ProcessorTrackerAfterAcceptBeforeAck = 2,

    /// <summary>A task finished on a ProcessorTracker and its result has not been reported yet.</summary>
    ProcessorTrackerAfterRunBeforeReport = 3,
}
