namespace TrackerRace.Runtime.Jobs;

/// <summary>PowerJob's execute types that run on a (heavy) TaskTracker.</summary>
public enum JobKind
{
    /// <summary>One task, the root, on the TaskTracker's node.</summary>
    Standalone,

    /// <summary>The root maps sub-tasks (possibly several levels); succeeds if no task failed.</summary>
    Map,

    /// <summary>Map, then OMS_LAST_TASK runs reduce over every result on the TaskTracker's node.</summary>
    MapReduce,

    /// <summary>The root pre-processes, one task runs on every node, then OMS_LAST_TASK post-processes.</summary>
    Broadcast,
}
