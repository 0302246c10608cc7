using System.Globalization;
using Microsoft.Coyote.Specifications;
using TrackerRace.Coyote;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.Scenarios;

/// <summary>
/// PowerJob #1033 with PowerJob's constants on two nodes: the root on the TaskTracker's node n0 maps
/// an instant sub-task (to n0) and a long one (to n1), so n0's ProcessorTracker sits idle for the whole
/// map phase. The map phase's length is Coyote's choice within [<see cref="MinMapSeconds"/>, <see cref="MaxMapSeconds"/>];
/// timer lateness, message latencies (up to <see cref="MaxLatency"/>, none by default) and the order
/// of everything at each instant are Coyote's too.
/// Oracles S1 (with no crash and successful user code, the job succeeds and reduce runs), S2 (no task
/// is failed "unreceived" unless a tracker received it: with latency, the IDLE report can arrive after
/// OMS_LAST_TASK was dispatched, fail it, and be papered over by reduce's late SUCCESS) and S3 (reduce
/// runs on the TaskTracker's node).
/// Expected: found under Legacy and LocalRecheck, never under SkipIdleOnTaskTrackerNode or IdleHandshake.
/// </summary>
public sealed class LastTaskRaceScenario : IScenario
{
    /// <summary>Shortest long sub-task, seconds.</summary>
    public int MinMapSeconds { get; init; } = 100;

    /// <summary>Longest long sub-task, seconds.</summary>
    public int MaxMapSeconds { get; init; } = 160;

    /// <summary>
    /// Largest message latency Coyote may pick for any message; 0 (the default) delivers at once, in
    /// Coyote's order. #1033 needs no delay, and with up to 50 ms it gets rarer (the IDLE report must
    /// then also beat the dispatch): random search stops finding it within 20 iterations per seed.
    /// </summary>
    public TimeSpan MaxLatency { get; init; }

    /// <summary>Check S2 as well as S1 and S3. Off, the scenario judges only what the user sees: the job's outcome.</summary>
    public bool CheckProtocol { get; init; } = true;

    /// <summary>PowerJob's <c>taskRetryNum</c>; 1 masks the race.</summary>
    public int TaskRetryNum { get; init; }

    /// <summary>The runtime options the cluster runs with (PowerJob's constants by default); the idle policy is set per run.</summary>
    public TrackerOptions Options { get; init; } = new();

    /// <inheritdoc />
    public string Name => "last-task-race";

    /// <summary>The same scenario with the map phase fixed at <paramref name="seconds"/>.</summary>
    public LastTaskRaceScenario WithMapSeconds(int seconds) => new()
    {
        MinMapSeconds = seconds,
        MaxMapSeconds = seconds,
        MaxLatency = this.MaxLatency,
        CheckProtocol = this.CheckProtocol,
        TaskRetryNum = this.TaskRetryNum,
        Options = this.Options,
    };

    /// <inheritdoc />
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{this.Name}(map={this.MinMapSeconds}-{this.MaxMapSeconds}s,idle={this.Options.MaxIdleTime.TotalSeconds:0}s,retry={this.TaskRetryNum},latency={this.MaxLatency.TotalMilliseconds:0}ms,protocol={this.CheckProtocol})");

    /// <inheritdoc />
    public string Description => $"#1033: OMS_LAST_TASK vs the idle check of the TaskTracker node's ProcessorTracker; map phase {this.MinMapSeconds}-{this.MaxMapSeconds}s, max idle {this.Options.MaxIdleTime.TotalSeconds:0}s, taskRetryNum {this.TaskRetryNum}";

    /// <inheritdoc />
    public async Task RunAsync(ExplorationContext context, IIdlePolicy policy)
    {
        var clock = context.Clock;
        var mapSeconds = context.Choose.Number(this.MinMapSeconds, this.MaxMapSeconds, "long sub-task (s)");
        var reduced = false;
        var sink = Oracles.StartIteration(context);
        var delivery = this.MaxLatency > TimeSpan.Zero ? new CoyoteDelivery(this.MaxLatency) : null;
        var cluster = new TrackerCluster(2, this.Options with { IdlePolicy = policy }, clock, delivery: new CountingDelivery(delivery, context), events: sink);
        var job = new JobDefinition
        {
            Name = $"map-{mapSeconds}s",
            Kind = JobKind.MapReduce,
            TaskRetryNum = this.TaskRetryNum,
            Process = async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["0", mapSeconds.ToString(CultureInfo.InvariantCulture)], "work", ct);
                    return TaskOutcome.Success();
                }

                await ctx.DelayAsync(TimeSpan.FromSeconds(int.Parse(ctx.Content!, CultureInfo.InvariantCulture)), ct);
                return TaskOutcome.Success();
            },
            Reduce = (ctx, results, ct) =>
            {
                reduced = true;
                return Task.FromResult(TaskOutcome.Success($"{results.Count} results"));
            },
        };

        var handle = await cluster.SubmitAsync(job);
        if (!await clock.WhenSettledAsync(Oracles.Settled(cluster, handle)) && !handle.Completion.IsCompleted)
        {
            return; // L1: the job's expectation is still open and Coyote reports it.
        }

        var result = await handle.Completion;
        Specification.Assert(
            result.Outcome == JobOutcome.Succeeded && reduced,
            "S1: job '{0}' under {1} ended {2}: {3} (reduce ran: {4})",
            job.Name, policy.Name, result.Outcome, result.FailureReason ?? "-", reduced);
        if (this.CheckProtocol)
        {
            Oracles.AssertNoUnreceivedFailureOfUndeliveredTask(sink.Events, policy.Name);
        }

        Oracles.AssertReduceRanOnTaskTrackerNode(sink.Events, "n0");
    }
}
