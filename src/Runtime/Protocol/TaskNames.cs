namespace TrackerRace.Runtime.Protocol;

/// <summary>PowerJob's special task names and ids (<c>TaskConstant.java</c>).</summary>
public static class TaskNames
{
    /// <summary>The root task every job starts with; it runs on the TaskTracker's node.</summary>
    public const string Root = "OMS_ROOT_TASK";

    /// <summary>The last task: reduce (MapReduce) or post-process (Broadcast). It must run on the TaskTracker's node.</summary>
    public const string Last = "OMS_LAST_TASK";

    /// <summary>One task per worker node of a broadcast job.</summary>
    public const string Broadcast = "OMS_BROADCAST_TASK";

    /// <summary>The root task's id; children are <c>"0.1"</c>, <c>"0.1.3"</c>, ...</summary>
    public const string RootTaskId = "0";

    /// <summary>The last task's fixed id.</summary>
    public const string LastTaskId = "9999";

    /// <summary>True for tasks whose address is fixed at creation and kept on retry (PowerJob keeps it for ROOT, LAST and BROADCAST).</summary>
    public static bool HasFixedAddress(string taskName) =>
        taskName is Root or Last or Broadcast;
}
