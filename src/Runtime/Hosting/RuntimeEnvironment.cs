using Microsoft.Extensions.Logging;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Hosting;

/// <summary>What every role of one runtime instance shares: clock, options, transport, diagnostics.</summary>
internal sealed class RuntimeEnvironment
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, JobDefinition> jobs = new();
    private long incarnations;

    public RuntimeEnvironment(TrackerOptions options, TimeProvider time, InMemoryTransport transport, ActivityCounter activity, ITrackerEventSink events, ILoggerFactory loggers)
    {
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
    public void PublishJob(long instanceId, JobDefinition job) => this.jobs[instanceId] = job;

    public void RetireJob(long instanceId) => this.jobs.TryRemove(instanceId, out _);

    public JobDefinition? FindJob(long instanceId) => this.jobs.GetValueOrDefault(instanceId);

    public void Record(string node, string component, TrackerEventKind kind, long instanceId, string? taskId, string detail) =>
        this.Events.Record(new TrackerEvent(this.Time.GetUtcNow(), node, component, kind, instanceId, taskId, detail));
}
