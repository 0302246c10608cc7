namespace TrackerRace.Runtime.Protocol;

/// <summary>Result strings the runtime writes itself, worded as PowerJob words them so logs can be compared.</summary>
public static class SystemResults
{
    /// <summary>Written to every unfinished task addressed to a ProcessorTracker that reported IDLE (PowerJob #1033's symptom).</summary>
    public const string UnreceivedProcessResult = "SYSTEM: unreceived process result";

    /// <summary>Written by lost-tracker handling when retries are off.</summary>
    public const string MaybeWorkerDown = "maybe worker down";

    /// <summary>The job ran longer than its instance timeout.</summary>
    public const string InstanceExecuteTimeout = "instance execute timeout";

    /// <summary>The root task could not be created.</summary>
    public const string CreateRootTaskFailed = "create root task failed";

    /// <summary>
    /// True for a result the TaskTracker wrote itself (a task failed by an IDLE report, a lost tracker, exhausted
    /// re-sends, an unstorable result) rather than one a processor returned: such a status may still give way to a
    /// processor's late result, a processor's result never gives way to another.
    /// </summary>
    public static bool IsSystemDecided(string? result) =>
        result is not null && (result.StartsWith("SYSTEM:", StringComparison.Ordinal) || result.StartsWith(MaybeWorkerDown, StringComparison.Ordinal));
}
