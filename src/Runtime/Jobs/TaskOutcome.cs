namespace TrackerRace.Runtime.Jobs;

/// <summary>What a processor returns for one task (PowerJob <c>ProcessResult</c>).</summary>
public readonly record struct TaskOutcome(bool Succeeded, string? Result)
{
    /// <summary>A successful task with its result.</summary>
    public static TaskOutcome Success(string? result = null) => new(true, result);

    /// <summary>A failed task with the reason.</summary>
    public static TaskOutcome Failure(string reason) => new(false, reason);
}
