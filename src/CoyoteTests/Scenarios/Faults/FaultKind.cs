namespace TrackerRace.Scenarios.Faults;

/// <summary>What a planned fault does; a scenario says which kinds its nemesis may choose.</summary>
public enum FaultKind
{
    /// <summary>A worker node dies (trackers, queues, heartbeats gone; messages to it lost), maybe to restart empty later.</summary>
    CrashWorker,

    /// <summary>A ProcessorTracker's process restarts: the incarnation dies without a word, the next start creates a new one.</summary>
    RestartProcessorTracker,

    /// <summary>The TaskTracker's node dies and restarts, resuming from its durable task store.</summary>
    CrashTaskTrackerNode,

    /// <summary>A node dies inside a handler, at one of the runtime's <see cref="Runtime.Faults.CrashPoint"/>s, and restarts.</summary>
    CrashInsideHandler,

    /// <summary>The next message on one link is lost.</summary>
    DropMessage,

    /// <summary>The next message on one link arrives twice.</summary>
    DuplicateMessage,

    /// <summary>The next message on one link arrives seconds late, after messages sent behind it.</summary>
    DelayMessage,
}
