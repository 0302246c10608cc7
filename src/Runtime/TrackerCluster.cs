using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrackerRace.Runtime.Diagnostics;
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
    private readonly List<WorkerNode> nodes;
    private long nextInstanceId;

    /// <summary>Creates <paramref name="nodeCount"/> nodes named <c>n0</c>, <c>n1</c>, ...</summary>
    /// <param name="nodeCount">How many worker nodes (1 to <see cref="MaxNodes"/>).</param>
    /// <param name="options">Protocol constants and idle policy; PowerJob's defaults if omitted. Validated here.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> if omitted.</param>
    /// <param name="loggerFactory">Where logs go; nowhere if omitted.</param>
    /// <param name="delivery">Message fate (delay, drop, duplicate); reliable if omitted.</param>
    /// <param name="events">Receives every protocol step; ignored if omitted.</param>
    public TrackerCluster(
        int nodeCount,
        TrackerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IDeliveryPlan? delivery = null,
        ITrackerEventSink? events = null)
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
        var transport = new InMemoryTransport(time, options.TaskScheduler, delivery ?? ReliableDelivery.Instance, sink, loggers.CreateLogger<InMemoryTransport>(), activity);
        this.env = new RuntimeEnvironment(options, time, transport, activity, sink, loggers);
        this.nodes = Enumerable.Range(0, nodeCount).Select(i => new WorkerNode(this.env, $"n{i}")).ToList();
        foreach (var node in this.nodes)
        {
            transport.Register(node.Address, node);
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
            ?? (node is null ? $"job '{job.Name}': taskTrackerNode '{taskTrackerNode}' is not a node of this cluster; expected one of {string.Join(", ", this.NodeAddresses)}." : null);
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

        this.env.PublishJob(instanceId, job);
        var tracker = new TaskTracker(this.env, node!, job, handle, this.NodeAddresses);
        handle.BindCancel(_ => tracker.CancelAsync());
        node!.AddTaskTracker(tracker);
        await tracker.StartAsync();
        return handle;
    }

    /// <summary>The ProcessorTracker incarnations currently registered on each node (for diagnostics and oracles).</summary>
    public IReadOnlyList<ProcessorTrackerInfo> ProcessorTrackers() =>
        this.nodes.SelectMany(n => n.Registry.Snapshot().Select(p => new ProcessorTrackerInfo(n.Address, p.InstanceId, p.Incarnation, p.TaskTrackerAddress, p.State))).ToList();

    /// <summary>Stops every timer and ProcessorTracker; running jobs stay undecided.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in this.nodes)
        {
            foreach (var tracker in node.TaskTrackers)
            {
                tracker.DisposeTimers();
            }

            foreach (var processor in node.Registry.Snapshot())
            {
                await processor.StopAsync("runtime disposed");
            }
        }
    }
}

/// <summary>A live ProcessorTracker incarnation.</summary>
public sealed record ProcessorTrackerInfo(string Node, long InstanceId, int Incarnation, string TaskTrackerAddress, ProcessorTrackerState State);
