using System.Globalization;
using TrackerRace.Coyote;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.Scenarios;

/// <summary>
/// Residual race R1 of the design note, which PowerJob 5.1.1 leaves open for remote trackers. On two
/// nodes the root maps a long task (to n0) and an instant one (to n1); n1's tracker then idles and
/// destroys itself at about t=145 s (its checker grid starts when it is created, at 5 s). The long task, after a length Coyote picks around that moment,
/// maps two more tasks (multi-level map); round-robin sends one to n1. Every message has a latency of
/// up to <see cref="MaxLatency"/>, Coyote's choice, so n1's IDLE report can still be in flight when
/// the new task is dispatched to n1; the TaskTracker then fails a task no tracker ever received.
/// Oracle S2. Expected: found under Legacy, LocalRecheck and SkipIdleOnTaskTrackerNode; not under IdleHandshake.
/// </summary>
public sealed class RemoteIdleRaceScenario : IScenario
{
    /// <summary>Shortest long task, seconds.</summary>
    public int MinLongSeconds { get; init; } = 130;

    /// <summary>Longest long task, seconds.</summary>
    public int MaxLongSeconds { get; init; } = 150;

    /// <summary>Largest message latency Coyote may pick.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <inheritdoc />
    public string Name => "remote-idle-race";

    /// <inheritdoc />
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{this.Name}(long={this.MinLongSeconds}-{this.MaxLongSeconds}s,latency={this.MaxLatency.TotalMilliseconds:0}ms)");

    /// <inheritdoc />
    public string Description => $"R1: a new sub-task dispatched to a remote ProcessorTracker whose IDLE report is in flight; long task {this.MinLongSeconds}-{this.MaxLongSeconds}s, latency 0-{this.MaxLatency.TotalMilliseconds:0}ms";

    /// <inheritdoc />
    public async Task RunAsync(ExplorationContext context, IIdlePolicy policy)
    {
        var clock = context.Clock;
        var longSeconds = context.Choose.Number(this.MinLongSeconds, this.MaxLongSeconds, "long task (s)");
        var sink = Oracles.StartIteration(context);
        var cluster = new TrackerCluster(2, new TrackerOptions { IdlePolicy = policy }, clock, delivery: new CountingDelivery(new CoyoteDelivery(this.MaxLatency), context), events: sink);
        var job = new JobDefinition
        {
            Name = $"long-{longSeconds}s",
            Kind = JobKind.Map,
            Process = async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync([longSeconds.ToString(CultureInfo.InvariantCulture), "0"], "first", ct);
                }
                else if (ctx.TaskName == "first" && ctx.Content != "0")
                {
                    await ctx.DelayAsync(TimeSpan.FromSeconds(int.Parse(ctx.Content!, CultureInfo.InvariantCulture)), ct);
                    await ctx.MapAsync(["late-a", "late-b"], "second", ct);
                }

                return TaskOutcome.Success();
            },
        };

        var handle = await cluster.SubmitAsync(job);
        await clock.WhenSettledAsync(Oracles.Settled(cluster, handle));
        Oracles.AssertNoUnreceivedFailureOfUndeliveredTask(sink.Events, policy.Name);
    }
}
