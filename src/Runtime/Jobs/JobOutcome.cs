namespace TrackerRace.Runtime.Jobs;

/// <summary>A job instance's status.</summary>
public enum JobOutcome
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Succeeded,

    /// <summary>Finished with a failure; <see cref="JobResult.FailureReason"/> says why.</summary>
    Failed,

    /// <summary>Stopped by its submitter.</summary>
    Cancelled,
}
