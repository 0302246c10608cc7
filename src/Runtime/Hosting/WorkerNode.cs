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

    public ProcessorTrackerRegistry Registry { get; } = new();

    public void AddTaskTracker(TaskTracker tracker) => this.taskTrackers[tracker.InstanceId] = tracker;

    public void RemoveTaskTracker(long instanceId) => this.taskTrackers.TryRemove(instanceId, out _);

    public IReadOnlyList<TaskTracker> TaskTrackers => this.taskTrackers.Values.ToList();

    /// <summary>The task table of an instance whose TaskTracker lives on this node, if any.</summary>
    public ITaskStore? FindLocalTaskStore(long instanceId) =>
        this.taskTrackers.TryGetValue(instanceId, out var tracker) ? tracker.Store : null;

    /// <inheritdoc />
    public void Receive(Envelope envelope, Action<object?>? reply)
    {
        switch (envelope.Message)
        {
            case StartTask start:
                var tracker = this.Registry.GetOrCreate(start.InstanceId, start.TaskTrackerAddress, () => new ProcessorTracker(this.env, this, start.InstanceId, start.TaskTrackerAddress), out _);
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
