using TrackerRace.Runtime.Policies;

namespace TrackerRace.Runtime;

/// <summary>
/// Protocol constants of one runtime instance. Every default is PowerJob's value, with the
/// PowerJob source it comes from, so that the #1033 race appears with its real timing.
/// </summary>
public sealed record TrackerOptions
{
    /// <summary>TaskTracker dispatcher period, fixed delay (<c>CommonTaskTracker</c>: 5000 ms).</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First dispatcher run after the job starts (<c>CommonTaskTracker</c>: 10 ms).</summary>
    public TimeSpan DispatchInitialDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>TaskTracker status check period, fixed delay; creates the last task and decides the outcome (<c>powerjob.worker.status-check.normal.period</c>: 13 s).</summary>
    public TimeSpan StatusCheckInterval { get; init; } = TimeSpan.FromSeconds(13);

    /// <summary>First status check after the job starts (<c>CommonTaskTracker</c>: 3 s).</summary>
    public TimeSpan StatusCheckInitialDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A dispatched task not acknowledged for this long is dispatched again (<c>DISPATCH_TIME_OUT_MS</c>: 15000 ms).</summary>
    public TimeSpan DispatchTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A dispatched ProcessorTracker silent for this long is lost (<c>ProcessorTrackerStatus.HEARTBEAT_TIMEOUT_MS</c>: 60000 ms).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Added to <see cref="HeartbeatTimeout"/> for each task addressed to a ProcessorTracker and not finished (its queue,
    /// counted at each status check): a tracker sent more than it can take at once reports later, and must not be taken
    /// for lost and have its tasks run again elsewhere. Not PowerJob's (its timeout is fixed); 0 gives PowerJob's. The
    /// price: a node that dies holding a long queue is found later (500 tasks queued: 110 s after its last report
    /// instead of 60 s). <see cref="DispatchTimeout"/> stays fixed: a task refused by a full pool queue is never
    /// acknowledged, and must be sent again soon.
    /// </summary>
    public TimeSpan TimeoutPerQueuedTask { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// PowerJob's rule, kept as an explicit choice for comparing with it: a ProcessorTracker dispatched to and not heard
    /// from yet counts as timed out at once (its last report time is -1), so under load it is taken for lost at the next
    /// status check and its tasks are sent again, often to run twice. Off by default: silence then counts from the
    /// dispatch.
    /// </summary>
    public bool UnheardTrackersTimeOutAtOnce { get; init; }

    /// <summary>The timeout in force for a tracker with <paramref name="queued"/> tasks to work through (<see cref="TimeoutPerQueuedTask"/>).</summary>
    public TimeSpan TimeoutFor(TimeSpan timeout, int queued) => timeout + (this.TimeoutPerQueuedTask * Math.Max(queued, 0));

    /// <summary>ProcessorTracker checker period, fixed rate, first run at creation (<c>ProcessorTracker.initTimingJob</c>: 10 s).</summary>
    public TimeSpan ProcessorCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A ProcessorTracker idle for more than this since idleness was first seen destroys itself (<c>MAX_IDLE_TIME</c>: 120000 ms, strict &gt;).</summary>
    public TimeSpan MaxIdleTime { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// A ProcessorTracker on another node than its TaskTracker, running nothing, that has heard nothing from the TaskTracker
    /// for this long is orphaned (its TaskTracker's node crashed and never came back) and destroys itself without a report.
    /// A live TaskTracker is never that quiet: it answers an idle tracker's request once per idle period. Null (the default)
    /// means twice <see cref="MaxIdleTime"/> plus <see cref="HeartbeatTimeout"/> (300 s with PowerJob's constants); a value
    /// must be longer than twice <see cref="MaxIdleTime"/>. Not in PowerJob, whose trackers wait for ever.
    /// </summary>
    public TimeSpan? OrphanTimeout { get; init; }

    /// <summary>The orphan timeout in force (<see cref="OrphanTimeout"/> or its default).</summary>
    public TimeSpan EffectiveOrphanTimeout => this.OrphanTimeout ?? (2 * this.MaxIdleTime) + this.HeartbeatTimeout;

    /// <summary>Timeout of an ask (<c>RemoteConstant.DEFAULT_TIMEOUT_MS</c>: 5000 ms).</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>ProcessorTracker pool queue capacity (<c>THREAD_POOL_QUEUE_MAX_SIZE</c>: 128, abort when full).</summary>
    public int PoolQueueCapacity { get; init; } = 128;

    /// <summary>A ProcessorTracker reporting at least this many queued tasks gets no more (<c>DISPATCH_THRESHOLD</c>: 20).</summary>
    public int DispatchThreshold { get; init; } = 20;

    /// <summary>Rows per dispatcher query (<c>DB_QUERY_LIMIT</c>: 100).</summary>
    public int DispatchBatchLimit { get; init; } = 100;

    /// <summary>
    /// How many times a task may be sent again because it was never acknowledged or its ProcessorTracker was lost, beyond
    /// the job's retries; then it fails with a reason naming the node (PowerJob re-sends without end, so a node that never
    /// comes back kept a job Running for ever). With this, a job always ends.
    /// </summary>
    public int MaxRedispatches { get; init; } = 5;

    /// <summary>Shortest <see cref="MaxResultLength"/> allowed: every reason the runtime writes itself fits in it.</summary>
    public const int MinMaxResultLength = 256;

    /// <summary>Longest task result the task store accepts; a longer one fails the task with a reason instead of being truncated.</summary>
    public int MaxResultLength { get; init; } = 1 << 20;

    /// <summary>
    /// What a ProcessorTracker does once idle for longer than <see cref="MaxIdleTime"/>. The default is
    /// <see cref="IdlePolicies.IdleHandshake"/>, the one policy Coyote finds neither #1033 nor the residual races under;
    /// <see cref="IdlePolicies.Legacy"/> (PowerJob before 5.1.1, #1033 reachable) has to be asked for by name.
    /// </summary>
    public IIdlePolicy IdlePolicy { get; init; } = IdlePolicies.IdleHandshake;

    /// <summary>
    /// Where each TaskTracker keeps its task table: in memory by default; <see cref="Store.Sqlite.SqliteTaskStores"/> for a
    /// file per node that outlives the process.
    /// </summary>
    public Store.ITaskStoreProvider TaskStores { get; init; } = Store.InMemoryTaskStores.Instance;

    /// <summary>
    /// Where the runtime runs its handlers. <see cref="TaskScheduler.Default"/> in production; a test
    /// can pass a single-threaded scheduler and pump it between steps of a fake clock.
    /// </summary>
    public TaskScheduler TaskScheduler { get; init; } = TaskScheduler.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range and what was expected.</summary>
    public void Validate()
    {
        Positive(this.DispatchInterval, nameof(this.DispatchInterval));
        NotNegative(this.DispatchInitialDelay, nameof(this.DispatchInitialDelay));
        Positive(this.StatusCheckInterval, nameof(this.StatusCheckInterval));
        NotNegative(this.StatusCheckInitialDelay, nameof(this.StatusCheckInitialDelay));
        Positive(this.DispatchTimeout, nameof(this.DispatchTimeout));
        Positive(this.HeartbeatTimeout, nameof(this.HeartbeatTimeout));
        Positive(this.ProcessorCheckInterval, nameof(this.ProcessorCheckInterval));
        NotNegative(this.MaxIdleTime, nameof(this.MaxIdleTime));
        Positive(this.AskTimeout, nameof(this.AskTimeout));
        AtLeast(this.PoolQueueCapacity, 0, nameof(this.PoolQueueCapacity));
        AtLeast(this.DispatchThreshold, 1, nameof(this.DispatchThreshold));
        AtLeast(this.DispatchBatchLimit, 1, nameof(this.DispatchBatchLimit));
        AtLeast(this.MaxResultLength, MinMaxResultLength, nameof(this.MaxResultLength));
        AtLeast(this.MaxRedispatches, 0, nameof(this.MaxRedispatches));
        NotNegative(this.TimeoutPerQueuedTask, nameof(this.TimeoutPerQueuedTask));
        if (this.OrphanTimeout is { } orphan && orphan <= 2 * this.MaxIdleTime)
        {
            throw new ArgumentException($"TrackerOptions.{nameof(this.OrphanTimeout)} must be longer than twice MaxIdleTime ({2 * this.MaxIdleTime}) (was {orphan}): a live TaskTracker answers an idle tracker once per idle period, so a shorter timeout would destroy trackers whose TaskTracker is only quiet.", nameof(this.OrphanTimeout));
        }
        if (this.IdlePolicy is null)
        {
            throw new ArgumentException($"TrackerOptions.{nameof(this.IdlePolicy)} must be set; use one of IdlePolicies.All.", nameof(this.IdlePolicy));
        }

        if (this.TaskStores is null)
        {
            throw new ArgumentException($"TrackerOptions.{nameof(this.TaskStores)} must be set (InMemoryTaskStores.Instance, or SqliteTaskStores for files).", nameof(this.TaskStores));
        }

        if (this.TaskScheduler is null)
        {
            throw new ArgumentException($"TrackerOptions.{nameof(this.TaskScheduler)} must be set (TaskScheduler.Default in production).", nameof(this.TaskScheduler));
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"TrackerOptions.{name} must be greater than zero (was {value}).", name);
        }
    }

    private static void NotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"TrackerOptions.{name} must not be negative (was {value}).", name);
        }
    }

    private static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentException($"TrackerOptions.{name} must be at least {minimum} (was {value}).", name);
        }
    }
}
