namespace TrackerRace.Runtime.Jobs;

/// <summary>A submitted job instance: its status, its final result, and a way to stop it.</summary>
public sealed class JobHandle
{
    private readonly TaskCompletionSource<JobResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<CancellationToken, Task>? cancel;

    internal JobHandle(long instanceId, string jobName)
    {
        this.InstanceId = instanceId;
        this.JobName = jobName;
    }

    /// <summary>The instance id.</summary>
    public long InstanceId { get; }

    /// <summary>The job's name.</summary>
    public string JobName { get; }

    /// <summary>Running until the TaskTracker decides, then the final outcome.</summary>
    public JobOutcome Status => this.completion.Task.IsCompletedSuccessfully ? this.completion.Task.Result.Outcome : JobOutcome.Running;

    /// <summary>Completes with the final result; never faults.</summary>
    public Task<JobResult> Completion => this.completion.Task;

    /// <summary>Waits for the final result or for <paramref name="cancellationToken"/> (which does not stop the job).</summary>
    public Task<JobResult> WaitAsync(CancellationToken cancellationToken = default) => this.completion.Task.WaitAsync(cancellationToken);

    /// <summary>Stops the job: it ends Cancelled and every ProcessorTracker of it is told to stop.</summary>
    public Task CancelAsync(CancellationToken cancellationToken = default) =>
        this.cancel is { } c ? c(cancellationToken) : Task.CompletedTask;

    internal void BindCancel(Func<CancellationToken, Task> cancelAction) => this.cancel = cancelAction;

    internal bool TryComplete(JobResult result) => this.completion.TrySetResult(result);
}
