using Microsoft.Extensions.Logging;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Time;

namespace TrackerRace.Runtime.Jobs;

/// <summary>What a processor knows about the task it runs (PowerJob <c>TaskContext</c>), and its way to map.</summary>
public sealed class TaskContext
{
    private readonly Func<string, IReadOnlyList<string?>, CancellationToken, Task> map;
    private readonly Hosting.ActivityCounter activity;

    internal TaskContext(
        string jobName,
        long instanceId,
        string taskId,
        string taskName,
        string? content,
        string? jobParameters,
        int currentRetry,
        string nodeAddress,
        TimeProvider timeProvider,
        Hosting.ActivityCounter activity,
        ILogger logger,
        Func<string, IReadOnlyList<string?>, CancellationToken, Task> map)
    {
        this.JobName = jobName;
        this.InstanceId = instanceId;
        this.TaskId = taskId;
        this.TaskName = taskName;
        this.Content = content;
        this.JobParameters = jobParameters;
        this.CurrentRetry = currentRetry;
        this.NodeAddress = nodeAddress;
        this.TimeProvider = timeProvider;
        this.activity = activity;
        this.Logger = logger;
        this.map = map;
    }

    /// <summary>The job's name.</summary>
    public string JobName { get; }

    /// <summary>The job instance.</summary>
    public long InstanceId { get; }

    /// <summary>This task's hierarchical id.</summary>
    public string TaskId { get; }

    /// <summary>This task's name (<see cref="TaskNames.Root"/> for the root).</summary>
    public string TaskName { get; }

    /// <summary>This task's payload: the job parameters for the root, the mapped content for a sub-task.</summary>
    public string? Content { get; }

    /// <summary>The job's parameters.</summary>
    public string? JobParameters { get; }

    /// <summary>How many times this task failed before this attempt.</summary>
    public int CurrentRetry { get; }

    /// <summary>The node the task runs on.</summary>
    public string NodeAddress { get; }

    /// <summary>The runtime's clock, for reading time. Wait with <see cref="DelayAsync"/>, which a simulator can see as waiting.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>A logger for user code.</summary>
    public ILogger Logger { get; }

    /// <summary>True for the root task.</summary>
    public bool IsRoot => this.TaskName == TaskNames.Root;

    /// <summary>
    /// Emits sub-tasks named <paramref name="taskName"/> (PowerJob <c>map</c>): an ask to the TaskTracker,
    /// which persists them for dispatch. Throws if the TaskTracker refused or did not answer in time.
    /// </summary>
    public Task MapAsync(IEnumerable<string?> contents, string taskName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskName);
        if (taskName is TaskNames.Root or TaskNames.Last or TaskNames.Broadcast)
        {
            throw new ArgumentException($"'{taskName}' is reserved for the runtime; choose another sub-task name.", nameof(taskName));
        }

        return this.map(taskName, contents.ToList(), cancellationToken);
    }

    /// <summary>
    /// Waits on the runtime's clock. Use this rather than waiting on <see cref="TimeProvider"/> yourself:
    /// the runtime then knows the task is waiting for time, not working, and a simulator can move time on.
    /// </summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        this.TimeProvider.DelayAsync(delay, this.activity, cancellationToken);
}
