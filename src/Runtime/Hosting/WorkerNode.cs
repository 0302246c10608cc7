using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Processing;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Store;
using TrackerRace.Runtime.Tracking;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Hosting;

/// <summary>
/// One worker node: hosts the TaskTrackers of the jobs it leads and a ProcessorTracker per job that
/// sends it work, and routes incoming messages to them (PowerJob's TaskTrackerActor and ProcessorTrackerActor).
/// </summary>
internal sealed class WorkerNode : IMessageEndpoint
{
    private readonly RuntimeEnvironment env;
    private readonly ConcurrentDictionary<long, TaskTracker> taskTrackers = new();
    private readonly ILogger logger;

    public WorkerNode(RuntimeEnvironment env, string address)
    {
        this.env = env;
        this.Address = address;
        this.logger = env.Loggers.CreateLogger<WorkerNode>();
    }

    public string Address { get; }

    /// <summary>
    /// This incarnation of the node crashed. A restart makes a new <see cref="WorkerNode"/> under the same address, so
    /// whatever still runs on this one (a pool worker, an ask's continuation) can only talk into the void.
    /// </summary>
    public bool Down { get; private set; }

    public ProcessorTrackerRegistry Registry { get; } = new();

    public void AddTaskTracker(TaskTracker tracker) => this.taskTrackers[tracker.InstanceId] = tracker;

    public void RemoveTaskTracker(long instanceId) => this.taskTrackers.TryRemove(instanceId, out _);

    public IReadOnlyList<TaskTracker> TaskTrackers => this.taskTrackers.Values.ToList();

    /// <summary>The task table of an instance whose TaskTracker lives on this node, if any.</summary>
    public ITaskStore? FindLocalTaskStore(long instanceId) =>
        this.taskTrackers.TryGetValue(instanceId, out var tracker) ? tracker.Store : null;

    /// <summary>A tell from this node; a crashed node sends nothing (recorded, so a lost message is never silent).</summary>
    public void Tell(string to, ITrackerMessage message)
    {
        if (this.Down)
        {
            this.DroppedByCrash(to, message);
            return;
        }

        this.env.Transport.Tell(this.Address, to, message);
    }

    /// <summary>An ask from this node; a crashed node gets no answer, at once.</summary>
    public Task<TReply?> AskAsync<TReply>(string to, ITrackerMessage message, CancellationToken cancellationToken)
        where TReply : class
    {
        if (this.Down)
        {
            this.DroppedByCrash(to, message);
            return Task.FromResult<TReply?>(null);
        }

        return this.env.Transport.AskAsync<TReply>(this.Address, to, message, this.env.Options.AskTimeout, cancellationToken);
    }

    /// <summary>Asks the fault injector whether the node dies here; if so it crashes and the calling handler unwinds.</summary>
    public void CrashPoint(Faults.CrashPoint point)
    {
        if (!this.Down && this.env.ShouldCrash(this.Address, point))
        {
            throw new Faults.NodeCrashedException(this.Address, point);
        }
    }

    /// <summary>
    /// The process dies: every ProcessorTracker vanishes with its queue and unsent reports (no report, no IDLE), every
    /// TaskTracker stops where it is. What a TaskTracker wrote to a durable store stays there for the restart.
    /// </summary>
    public void Crash()
    {
        this.Down = true;
        foreach (var processor in this.Registry.Close())
        {
            processor.Kill("node crashed");
        }

        foreach (var tracker in this.taskTrackers.Values)
        {
            tracker.Halt();
        }

        this.taskTrackers.Clear();
    }

    /// <inheritdoc />
    public void Receive(Envelope envelope, Action<object?>? reply)
    {
        if (this.Down)
        {
            // Delivered to an incarnation that has just died (the transport no longer routes to it).
            this.DroppedByCrash(this.Address, envelope.Message);
            return;
        }

        switch (envelope.Message)
        {
            case StartTask start:
                var tracker = this.Registry.GetOrCreate(start.InstanceId, start.TaskTrackerAddress, () => new ProcessorTracker(this.env, this, start.InstanceId, start.TaskTrackerAddress), out _);
                if (tracker is null)
                {
                    this.DroppedByCrash(this.Address, envelope.Message);
                    break;
                }

                _ = tracker.SubmitAsync(start);
                break;

            case StopInstance stop:
                foreach (var stopping in this.Registry.RemoveAll(stop.InstanceId))
                {
                    _ = stopping.StopAsync("job finished (stop instance)");
                }

                break;

            default:
                if (this.taskTrackers.TryGetValue(envelope.Message.InstanceId, out var taskTracker))
                {
                    taskTracker.Receive(envelope.Message, reply);
                }
                else
                {
                    reply?.Invoke(this.NoTaskTracker(envelope));
                }

                break;
        }
    }

    private void DroppedByCrash(string to, ITrackerMessage message) =>
        this.env.Record(this.Address, "net", TrackerEventKind.MessageDropped, message.InstanceId, null, $"{message.GetType().Name} {this.Address}->{to} lost: node {this.Address} crashed");

    /// <summary>A report for a TaskTracker that is gone (the job finished): logged and answered so nobody waits or retries forever.</summary>
    private object? NoTaskTracker(Envelope envelope)
    {
        this.logger.NoTaskTracker(envelope.Message.GetType().Name, envelope.From, envelope.Message.InstanceId, this.Address);
        return envelope.Message switch
        {
            TaskStatusReport => new ReportAck(true),
            MapTaskRequest => new MapTaskResponse(false, $"no TaskTracker for instance {envelope.Message.InstanceId} on {this.Address}: the job has finished"),
            IdleRequest => new IdleVerdict(true, 0),
            _ => null,
        };
    }
}
