using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Faults;
using TrackerRace.Runtime.Hosting;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Processing;
using TrackerRace.Runtime.Tracking;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime;

/// <summary>
/// A set of worker nodes in one process, joined by an in-memory transport: the entry point of the
/// runtime. Submit a job to get a <see cref="JobHandle"/>; its TaskTracker runs on the node you name
/// (the first by default) and ProcessorTrackers appear on the nodes it dispatches to.
/// </summary>
public sealed class TrackerCluster : IAsyncDisposable
{
    /// <summary>Most nodes one cluster may have.</summary>
    public const int MaxNodes = 1024;

    private readonly RuntimeEnvironment env;
    private readonly InMemoryTransport transport;

    // An array, not a list: a restart swaps one element, and readers enumerating it meanwhile must not throw.
    private readonly WorkerNode[] nodes;
    private long nextInstanceId;

    /// <summary>Creates <paramref name="nodeCount"/> nodes named <c>n0</c>, <c>n1</c>, ...</summary>
    /// <param name="nodeCount">How many worker nodes (1 to <see cref="MaxNodes"/>).</param>
    /// <param name="options">Protocol constants and idle policy; PowerJob's defaults if omitted. Validated here.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> if omitted.</param>
    /// <param name="loggerFactory">Where logs go; nowhere if omitted.</param>
    /// <param name="delivery">Message fate (delay, drop, duplicate); reliable if omitted.</param>
    /// <param name="events">Receives every protocol step; ignored if omitted.</param>
    /// <param name="crashPoints">Crashes a node inside a handler when it says so (fault injection); never if omitted.</param>
    public TrackerCluster(
        int nodeCount,
        TrackerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IDeliveryPlan? delivery = null,
        ITrackerEventSink? events = null,
        ICrashPoints? crashPoints = null)
    {
        if (nodeCount is < 1 or > MaxNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), nodeCount, $"A cluster needs between 1 and {MaxNodes} nodes.");
        }

        options ??= new TrackerOptions();
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        var sink = events ?? NullTrackerEventSink.Instance;
        var activity = new ActivityCounter();
        this.transport = new InMemoryTransport(time, options.TaskScheduler, delivery ?? ReliableDelivery.Instance, sink, loggers.CreateLogger<InMemoryTransport>(), activity);
        this.env = new RuntimeEnvironment(options, time, this.transport, activity, sink, loggers, crashPoints) { OnCrash = (node, why) => this.Crash(this.Node(node), why) };
        this.nodes = Enumerable.Range(0, nodeCount).Select(i => new WorkerNode(this.env, $"n{i}")).ToArray();
        foreach (var node in this.nodes)
        {
            this.transport.Register(node.Address, node);
        }

        // A durable store may hold instances of an earlier process: new ones are numbered after them, never over them.
        this.nextInstanceId = this.nodes.Max(n => options.TaskStores.HighestInstanceId(n.Address));
    }

    /// <summary>The nodes' addresses, <c>n0</c> first.</summary>
    public IReadOnlyList<string> NodeAddresses => this.nodes.Select(n => n.Address).ToList();

    /// <summary>
    /// Messages in flight plus handlers queued or running. Zero means the runtime only waits on timers:
    /// a simulator advancing virtual time should wait for zero so that it delays nothing.
    /// </summary>
    public int PendingWork => this.env.Activity.Pending;

    /// <summary>Completes when <see cref="PendingWork"/> is zero: the runtime is waiting on timers only.</summary>
    public Task WhenIdleAsync() => this.env.Activity.WhenIdleAsync();

    /// <summary>The options in force.</summary>
    public TrackerOptions Options => this.env.Options;

    /// <summary>
    /// Starts <paramref name="job"/> with its TaskTracker on <paramref name="taskTrackerNode"/> (default <c>n0</c>).
    /// An invalid definition does not throw: the handle comes back already Failed with the reason.
    /// </summary>
    public async Task<JobHandle> SubmitAsync(JobDefinition job, string? taskTrackerNode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var instanceId = Interlocked.Increment(ref this.nextInstanceId);
        var handle = new JobHandle(instanceId, job.Name ?? string.Empty);
        var node = taskTrackerNode is null ? this.nodes[0] : this.nodes.FirstOrDefault(n => string.Equals(n.Address, taskTrackerNode, StringComparison.OrdinalIgnoreCase));
        var invalid = job.Validate()
            ?? (node is null ? $"job '{job.Name}': taskTrackerNode '{taskTrackerNode}' is not a node of this cluster; expected one of {string.Join(", ", this.NodeAddresses)}." : null)
            ?? (node!.Down ? $"job '{job.Name}': taskTrackerNode '{node.Address}' is down; restart it (RestartNode) or choose another node." : null);
        if (invalid is not null)
        {
            var now = this.env.Time.GetUtcNow();
            handle.TryComplete(new JobResult
            {
                InstanceId = instanceId, JobName = handle.JobName, Outcome = JobOutcome.Failed,
                FailureReason = $"invalid job definition: {invalid}", StartedAt = now, FinishedAt = now,
            });
            return handle;
        }

        this.env.PublishJob(instanceId, job, handle);
        await this.StartTaskTracker(node!, job, handle, resumeFrom: null);
        return handle;
    }

    /// <summary>True unless <paramref name="node"/> crashed and has not been restarted.</summary>
    public bool IsUp(string node) => !this.Node(node).Down;

    /// <summary>
    /// Crashes <paramref name="node"/> as a killed process would: its ProcessorTrackers vanish with their queues and
    /// unsent results (nothing is reported), its TaskTrackers stop where they are, messages to it are lost until
    /// <see cref="RestartNode"/>. A job whose TaskTracker ran there stays Running if <see cref="TrackerOptions.TaskStores"/>
    /// is durable (a restart resumes it) and otherwise ends Failed, naming the crash.
    /// </summary>
    /// <exception cref="ArgumentException">No such node.</exception>
    /// <exception cref="InvalidOperationException">The node is already down.</exception>
    public void CrashNode(string node, string why = "crashed")
    {
        var target = this.Node(node);
        if (target.Down)
        {
            throw new InvalidOperationException($"Node '{target.Address}' is already down; restart it first (RestartNode).");
        }

        this.Crash(target, why);
    }

    /// <summary>
    /// Brings a crashed node back, empty, under the same address, and resumes every unfinished instance its durable task
    /// store holds for a job this cluster knows (submitted here): finished results are kept, tasks that were on the crashed
    /// node are sent again, reduce runs once. Instances of an earlier process wait for <see cref="ResumeAsync"/>.
    /// </summary>
    /// <returns>The handles of the jobs resumed.</returns>
    /// <exception cref="InvalidOperationException">The node is up.</exception>
    public async Task<IReadOnlyList<JobHandle>> RestartNode(string node)
    {
        var old = this.Node(node);
        if (!old.Down)
        {
            throw new InvalidOperationException($"Node '{old.Address}' is up; only a crashed node restarts (CrashNode first).");
        }

        var fresh = new WorkerNode(this.env, old.Address);
        this.nodes[Array.IndexOf(this.nodes, old)] = fresh;
        this.env.Record(fresh.Address, "node", TrackerEventKind.NodeRestarted, 0, null, $"node {fresh.Address} restarted empty");
        var resumed = new List<(JobHandle Handle, Task Started)>();
        foreach (var instance in this.env.Options.TaskStores.UnfinishedInstances(fresh.Address))
        {
            if (this.env.FindRunning(instance.InstanceId) is { } running)
            {
                resumed.Add((running.Handle, this.StartTaskTracker(fresh, running.Job, running.Handle, instance)));
            }
        }

        // Reachable only now: every resumed TaskTracker is in place, its resume first on its mailbox, so no report or map
        // request for one of them meets a node that answers "no TaskTracker, the job has finished".
        this.transport.Register(fresh.Address, fresh);
        foreach (var (_, started) in resumed)
        {
            await started;
        }

        return [.. resumed.Select(r => r.Handle)];
    }

    /// <summary>
    /// Kills the ProcessorTracker of <paramref name="instanceId"/> on <paramref name="node"/> without a word, as if its
    /// process restarted: the next start request there creates a new incarnation. False if there was none.
    /// </summary>
    public bool RestartProcessorTracker(string node, long instanceId)
    {
        var target = this.Node(node);
        var killed = target.Registry.RemoveAll(instanceId);
        foreach (var processor in killed)
        {
            processor.Kill("process restarted");
        }

        return killed.Count > 0;
    }

    /// <summary>
    /// After a process restart on a durable <see cref="TrackerOptions.TaskStores"/>: resumes every unfinished instance the
    /// nodes' stores hold, finding each job by name among <paramref name="jobs"/>. Fails before resuming anything if an
    /// instance's job is not given (naming the instances and names), so that none is silently left behind.
    /// </summary>
    /// <returns>A handle per resumed instance, oldest first.</returns>
    public async Task<IReadOnlyList<JobHandle>> ResumeAsync(IEnumerable<JobDefinition> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var byName = new Dictionary<string, JobDefinition>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (job.Validate() is { } invalid)
            {
                throw new ArgumentException($"Cannot resume with job '{job.Name}': {invalid}", nameof(jobs));
            }

            if (!byName.TryAdd(job.Name, job))
            {
                throw new ArgumentException($"Two job definitions are named '{job.Name}'; a resumed instance is found by its job's name, so names must be unique.", nameof(jobs));
            }
        }

        var pending = this.nodes
            .Where(n => !n.Down)
            .SelectMany(n => this.env.Options.TaskStores.UnfinishedInstances(n.Address).Select(i => (Node: n, Instance: i)))
            .Where(p => this.env.FindRunning(p.Instance.InstanceId) is null)
            .ToList();
        var unknown = pending.Where(p => !byName.ContainsKey(p.Instance.JobName)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Cannot resume {unknown.Count} unfinished instance(s): no job definition given for " +
                string.Join("; ", unknown.Select(p => $"instance {p.Instance.InstanceId} on {p.Node.Address} (job '{p.Instance.JobName}')")) +
                ". Pass every job that may have been running; nothing was resumed.",
                nameof(jobs));
        }

        var handles = new List<JobHandle>();
        foreach (var (node, instance) in pending)
        {
            var job = byName[instance.JobName];
            var handle = new JobHandle(instance.InstanceId, job.Name);
            this.env.PublishJob(instance.InstanceId, job, handle);
            await this.StartTaskTracker(node, job, handle, instance);
            handles.Add(handle);
        }

        return handles;
    }

    /// <summary>Creates, registers and starts (or resumes) a TaskTracker; the task completes once its first step has run.</summary>
    private Task StartTaskTracker(WorkerNode node, JobDefinition job, JobHandle handle, Store.JobInstanceRecord? resumeFrom)
    {
        TaskTracker tracker;
        try
        {
            tracker = new TaskTracker(this.env, node, job, handle, this.NodeAddresses, resumeFrom);
        }
        catch (Store.Sqlite.TaskStoreFileException e)
        {
            // The node's task table cannot be opened (read-only, owned by another process...): the job fails with the
            // error on its handle, as every other failure to run it does, and nothing of it is left registered.
            this.env.RetireJob(handle.InstanceId);
            var now = this.env.Time.GetUtcNow();
            handle.TryComplete(new JobResult
            {
                InstanceId = handle.InstanceId, JobName = handle.JobName, Outcome = JobOutcome.Failed, Error = e,
                FailureReason = $"the task store cannot be opened on {node.Address}: {e.Message}", StartedAt = now, FinishedAt = now,
            });
            return Task.CompletedTask;
        }

        handle.BindCancel(_ => node.Down ? this.CancelWhileDown(node, tracker) : tracker.CancelAsync());
        node.AddTaskTracker(tracker);
        return tracker.StartAsync();
    }

    /// <summary>
    /// A cancel for a job whose TaskTracker's node is down (its table durable, waiting for a restart): decided here and
    /// recorded in the store, so that the restart does not resume it. Its mailbox would drop the request with the node.
    /// </summary>
    private Task CancelWhileDown(WorkerNode node, TaskTracker tracker)
    {
        if (this.env.FindRunning(tracker.InstanceId) is null)
        {
            return Task.CompletedTask;
        }

        this.env.Options.TaskStores.InstanceFinished(node.Address, tracker.InstanceId, JobOutcome.Cancelled);
        this.DecideWithoutTracker(node, tracker, JobOutcome.Cancelled, $"cancelled by the submitter while its TaskTracker node {node.Address} was down");
        return Task.CompletedTask;
    }

    private void Crash(WorkerNode node, string why)
    {
        var led = node.TaskTrackers;
        this.env.Record(node.Address, "node", TrackerEventKind.NodeCrashed, 0, null, $"node {node.Address} {why}: {node.Registry.Snapshot().Count} ProcessorTracker(s) and {led.Count} TaskTracker(s) gone");
        this.transport.Unregister(node.Address);
        node.Crash();
        if (this.env.Options.TaskStores.Durable)
        {
            return;
        }

        // Nothing to resume from: say so on each handle rather than leave it Running for ever.
        foreach (var tracker in led)
        {
            this.DecideWithoutTracker(node, tracker, JobOutcome.Failed, $"TaskTracker node {node.Address} {why}: the task table of instance {tracker.InstanceId} was in memory and is lost (TrackerOptions.TaskStores is not durable)");
        }
    }

    /// <summary>Ends a still-undecided job whose TaskTracker cannot decide (its node is down): the handle, the timeline, the registry.</summary>
    private void DecideWithoutTracker(WorkerNode node, TaskTracker tracker, JobOutcome outcome, string reason)
    {
        if (this.env.FindRunning(tracker.InstanceId) is not { } running)
        {
            return;
        }

        this.env.RetireJob(tracker.InstanceId);
        this.env.Record(node.Address, "TT", TrackerEventKind.JobFinished, tracker.InstanceId, null, $"job {outcome}: {reason}");
        running.Handle.TryComplete(new JobResult
        {
            InstanceId = tracker.InstanceId, JobName = running.Job.Name, Outcome = outcome, FailureReason = reason,
            StartedAt = tracker.StartedAt, FinishedAt = this.env.Time.GetUtcNow(),
        });
    }

    private WorkerNode Node(string address) =>
        this.nodes.FirstOrDefault(n => string.Equals(n.Address, address, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{address}' is not a node of this cluster; expected one of {string.Join(", ", this.NodeAddresses)}.", nameof(address));

    /// <summary>The ProcessorTracker incarnations currently registered on each node (for diagnostics and oracles).</summary>
    public IReadOnlyList<ProcessorTrackerInfo> ProcessorTrackers() =>
        this.nodes.SelectMany(n => n.Registry.Snapshot().Select(p => new ProcessorTrackerInfo(n.Address, p.InstanceId, p.Incarnation, p.TaskTrackerAddress, p.State))).ToList();

    /// <summary>
    /// Stops every TaskTracker and ProcessorTracker where it is, as a process exit would: running jobs stay undecided and
    /// nothing more is written, so a durable store keeps them for <see cref="ResumeAsync"/> (interrupted tasks are not
    /// recorded as failed).
    /// </summary>
    public ValueTask DisposeAsync()
    {
        foreach (var node in this.nodes)
        {
            foreach (var tracker in node.TaskTrackers)
            {
                tracker.Halt();
            }

            foreach (var processor in node.Registry.Close())
            {
                processor.Kill("runtime disposed");
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A live ProcessorTracker incarnation.</summary>
public sealed record ProcessorTrackerInfo(string Node, long InstanceId, int Incarnation, string TaskTrackerAddress, ProcessorTrackerState State);
