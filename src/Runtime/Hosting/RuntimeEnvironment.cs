using Microsoft.Extensions.Logging;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Hosting;

/// <summary>What every role of one runtime instance shares: clock, options, transport, diagnostics.</summary>
internal sealed class RuntimeEnvironment
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, RunningJob> jobs = new();
    private readonly Faults.ICrashPoints? crashPoints;
    private long incarnations;

    public RuntimeEnvironment(TrackerOptions options, TimeProvider time, InMemoryTransport transport, ActivityCounter activity, ITrackerEventSink events, ILoggerFactory loggers, Faults.ICrashPoints? crashPoints = null)
    {
        this.crashPoints = crashPoints;
        this.Activity = activity;
        this.Options = options;
        this.Time = time;
        this.Transport = transport;
        this.Events = events;
        this.Loggers = loggers;
    }

    public TrackerOptions Options { get; }

    public TimeProvider Time { get; }

    public TaskScheduler Scheduler => this.Options.TaskScheduler;

    public InMemoryTransport Transport { get; }

    public ITrackerEventSink Events { get; }

    public ILoggerFactory Loggers { get; }

    public ActivityCounter Activity { get; }

    public int NextIncarnation() => (int)Interlocked.Increment(ref this.incarnations);

    /// <summary>
    /// The processor code of each running instance. PowerJob ships the processor's class name in the
    /// start request and loads it on the node; in one process, looking it up here is the equivalent.
    /// </summary>
    public void PublishJob(long instanceId, JobDefinition job, JobHandle handle) => this.jobs[instanceId] = new RunningJob(job, handle);

    public void RetireJob(long instanceId) => this.jobs.TryRemove(instanceId, out _);

    public JobDefinition? FindJob(long instanceId) => this.jobs.GetValueOrDefault(instanceId)?.Job;

    /// <summary>The undecided job with this instance id, if this process submitted or resumed it.</summary>
    public RunningJob? FindRunning(long instanceId) => this.jobs.GetValueOrDefault(instanceId);

    /// <summary>True if the fault injector crashes <paramref name="node"/> at <paramref name="point"/>; the crash itself is done by <see cref="OnCrash"/>.</summary>
    public bool ShouldCrash(string node, Faults.CrashPoint point)
    {
        if (this.crashPoints?.CrashHere(node, point) != true)
        {
            return false;
        }

        this.OnCrash?.Invoke(node, $"crash point {point}");
        return true;
    }

    /// <summary>How the cluster crashes a node (set once by <see cref="TrackerCluster"/>).</summary>
    public Action<string, string>? OnCrash { get; set; }

    /// <summary>A job definition and the handle its submitter holds.</summary>
    public sealed record RunningJob(JobDefinition Job, JobHandle Handle);

    public void Record(string node, string component, TrackerEventKind kind, long instanceId, string? taskId, string detail) =>
        this.Events.Record(new TrackerEvent(this.Time.GetUtcNow(), node, component, kind, instanceId, taskId, detail));
}
