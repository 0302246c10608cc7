using Microsoft.Extensions.Time.Testing;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Runtime.Tests.Simulation;

/// <summary>
/// A cluster on a fake clock and a hand-pumped scheduler: time moves only when the test advances it,
/// and after every step all runnable work finishes before the next, so runs are deterministic.
/// </summary>
internal sealed class Simulation : IAsyncDisposable
{
    /// <summary>Timer lateness used unless a test says otherwise: small, like a real scheduler's.</summary>
    public static readonly TimeSpan DefaultJitter = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    public Simulation(int nodes, TrackerOptions? options = null, TimeSpan? jitter = null, IDeliveryPlan? delivery = null, TrackerRace.Runtime.Faults.ICrashPoints? crashPoints = null)
    {
        this.Fake = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        this.Origin = this.Fake.GetUtcNow();
        this.Time = new JitteredTimeProvider(this.Fake, jitter ?? DefaultJitter);
        this.Scheduler = new ManualTaskScheduler();
        this.Events = new RecordingEventSink();
        this.Cluster = new TrackerCluster(
            nodes, (options ?? new TrackerOptions()) with { TaskScheduler = this.Scheduler }, this.Time, delivery: delivery, events: this.Events, crashPoints: crashPoints);
    }

    public FakeTimeProvider Fake { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset Origin { get; }

    public ManualTaskScheduler Scheduler { get; }

    public RecordingEventSink Events { get; }

    public TrackerCluster Cluster { get; }

    public TimeSpan Elapsed => this.Fake.GetUtcNow() - this.Origin;

    /// <summary>Submits <paramref name="job"/> and runs the clock until it finishes or <paramref name="limit"/> of virtual time passes.</summary>
    public JobResult Run(JobDefinition job, TimeSpan limit)
    {
        var submitted = this.Scheduler.Start(() => this.Cluster.SubmitAsync(job));
        this.Scheduler.RunUntilIdle();
        Assert.True(submitted.IsCompletedSuccessfully, "SubmitAsync did not complete on the pumped scheduler");
        var handle = submitted.Result;
        this.RunUntil(() => handle.Completion.IsCompleted, limit);
        Assert.True(handle.Completion.IsCompleted, $"job '{job.Name}' still {handle.Status} after {limit} of virtual time:{Environment.NewLine}{this.Timeline()}");
        return handle.Completion.Result;
    }

    /// <summary>Submits <paramref name="job"/> and returns its handle once the submission has run; the clock does not move.</summary>
    public JobHandle Submit(JobDefinition job) => this.Await(() => this.Cluster.SubmitAsync(job));

    /// <summary>Runs <paramref name="work"/> on the pumped scheduler until it completes (no time passes).</summary>
    public T Await<T>(Func<Task<T>> work)
    {
        var started = this.Scheduler.Start(work);
        this.Scheduler.RunUntilIdle();
        Assert.True(started.IsCompletedSuccessfully, $"the call did not complete on the pumped scheduler: {started.Exception?.GetBaseException().Message}");
        return started.Result;
    }

    /// <summary>Runs the clock until <paramref name="handle"/>'s job ends; fails with the timeline if <paramref name="limit"/> passes first.</summary>
    public JobResult Finish(JobHandle handle, TimeSpan limit)
    {
        this.RunUntil(() => handle.Completion.IsCompleted, limit);
        Assert.True(handle.Completion.IsCompleted, $"job '{handle.JobName}' still {handle.Status} after {limit} of virtual time:{Environment.NewLine}{this.Timeline()}");
        return handle.Completion.Result;
    }

    /// <summary>Runs the clock for <paramref name="span"/> of virtual time.</summary>
    public void Advance(TimeSpan span) => this.RunUntil(() => false, span);

    public void RunUntil(Func<bool> done, TimeSpan limit)
    {
        var end = this.Fake.GetUtcNow() + limit;
        this.Scheduler.RunUntilIdle();
        while (!done() && this.Fake.GetUtcNow() < end)
        {
            this.Fake.Advance(Step);
            this.Scheduler.RunUntilIdle();
        }
    }

    public string Timeline() => this.Events.Timeline(this.Origin);

    public async ValueTask DisposeAsync()
    {
        var disposing = this.Scheduler.Start(async () => { await this.Cluster.DisposeAsync(); return true; });
        for (var round = 0; round < 1000 && !disposing.IsCompleted; round++)
        {
            this.Scheduler.RunUntilIdle();
            this.Fake.Advance(Step);
        }

        Assert.True(disposing.IsCompleted, "the cluster did not shut down");
        await disposing;
    }
}
