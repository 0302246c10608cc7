namespace TrackerRace.Runtime.Store;

/// <summary>
/// A job instance as its node's task store remembers it: enough for a restarted TaskTracker to know what it was running
/// (the job is found again by <see cref="JobName"/>) and since when (the instance timeout counts from <see cref="StartedAt"/>).
/// </summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="JobName">The job definition's name; empty for an instance a schema-1 file holds without one.</param>
/// <param name="StartedAt">When the first TaskTracker of the instance started it.</param>
public sealed record JobInstanceRecord(long InstanceId, string JobName, DateTimeOffset StartedAt);
