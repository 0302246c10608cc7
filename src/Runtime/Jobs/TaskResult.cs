namespace TrackerRace.Runtime.Jobs;

/// <summary>One finished task as reduce sees it (PowerJob <c>TaskResult</c>).</summary>
public sealed record TaskResult(string TaskId, string TaskName, bool Succeeded, string? Result);
