namespace TrackerRace.Runtime.Jobs;

/// <summary>A job a user submits: what to run and the per-job settings PowerJob keeps on the job.</summary>
public sealed record JobDefinition
{
    /// <summary>Most threads a ProcessorTracker may use for one job.</summary>
    public const int MaxThreadConcurrency = 1024;

    /// <summary>Most retries per task.</summary>
    public const int MaxTaskRetryNum = 100;

    /// <summary>The job's name, used in logs, results and error messages.</summary>
    public required string Name { get; init; }

    /// <summary>How the job runs.</summary>
    public JobKind Kind { get; init; } = JobKind.Standalone;

    /// <summary>Processes the root, mapped and broadcast tasks.</summary>
    public required TaskProcessor Process { get; init; }

    /// <summary>Reduce (MapReduce) or post-process (Broadcast); required for those kinds, forbidden for the others.</summary>
    public ReduceProcessor? Reduce { get; init; }

    /// <summary>Handed to the root task as its content (PowerJob's job params).</summary>
    public string? Parameters { get; init; }

    /// <summary>Pool threads per ProcessorTracker (PowerJob <c>threadConcurrency</c>).</summary>
    public int ThreadConcurrency { get; init; } = 5;

    /// <summary>Retries of a failed task (PowerJob <c>taskRetryNum</c>, default 0, which is what lets #1033 show).</summary>
    public int TaskRetryNum { get; init; }

    /// <summary>The job fails if still running after this long; <see langword="null"/> for none.</summary>
    public TimeSpan? InstanceTimeout { get; init; }

    /// <summary>A MapReduce job with the given map (root and sub-task) and reduce functions.</summary>
    public static JobDefinition MapReduce(string name, TaskProcessor process, ReduceProcessor reduce) =>
        new() { Name = name, Kind = JobKind.MapReduce, Process = process, Reduce = reduce };

    /// <summary>A single-task job.</summary>
    public static JobDefinition Standalone(string name, TaskProcessor process) =>
        new() { Name = name, Kind = JobKind.Standalone, Process = process };

    /// <summary>Returns why this definition cannot run, or <see langword="null"/> if it can.</summary>
    public string? Validate()
    {
        var who = string.IsNullOrWhiteSpace(this.Name) ? "job with an empty name" : $"job '{this.Name}'";
        if (string.IsNullOrWhiteSpace(this.Name))
        {
            return $"{who}: Name must be a non-empty string.";
        }

        if (!Enum.IsDefined(this.Kind))
        {
            return $"{who}: Kind {(int)this.Kind} is not a JobKind; expected one of {string.Join(", ", Enum.GetNames<JobKind>())}.";
        }

        if (this.Process is null)
        {
            return $"{who}: Process must be set.";
        }

        var needsReduce = this.Kind is JobKind.MapReduce or JobKind.Broadcast;
        if (needsReduce && this.Reduce is null)
        {
            return $"{who}: Reduce must be set for a {this.Kind} job (it runs as OMS_LAST_TASK).";
        }

        if (!needsReduce && this.Reduce is not null)
        {
            return $"{who}: Reduce is set but a {this.Kind} job never runs it; use JobKind.MapReduce or remove Reduce.";
        }

        if (this.ThreadConcurrency is < 1 or > MaxThreadConcurrency)
        {
            return $"{who}: ThreadConcurrency must be between 1 and {MaxThreadConcurrency} (was {this.ThreadConcurrency}).";
        }

        if (this.TaskRetryNum is < 0 or > MaxTaskRetryNum)
        {
            return $"{who}: TaskRetryNum must be between 0 and {MaxTaskRetryNum} (was {this.TaskRetryNum}).";
        }

        if (this.InstanceTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            return $"{who}: InstanceTimeout must be positive or null for none (was {timeout}).";
        }

        return null;
    }
}
