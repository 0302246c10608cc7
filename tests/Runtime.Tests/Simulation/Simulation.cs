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

    public Simulation(int nodes, TrackerOptions? options = null, TimeSpan? jitter = null, IDeliveryPlan? delivery = null)
    {
        this.Fake = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        this.Origin = this.Fake.GetUtcNow();
        this.Time = new JitteredTimeProvider(this.Fake, jitter ?? DefaultJitter);
        this.Scheduler = new ManualTaskScheduler();
        this.Events = new RecordingEventSink();
        this.Cluster = new TrackerCluster(
            nodes, (options ?? new TrackerOptions()) with { TaskScheduler = this.Scheduler }, this.Time, delivery: delivery, events: this.Events);
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
