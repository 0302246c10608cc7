using System.Globalization;
using Microsoft.Coyote.Specifications;
using TrackerRace.Coyote;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;
using TrackerRace.Runtime.Transport;

namespace TrackerRace.Scenarios;

/// <summary>
/// Controls: a standalone job and a word-count MapReduce over three nodes with short tasks, far from
/// any idle window, with message latencies chosen by Coyote. A harness that "finds" a bug here is
/// broken, not the runtime. Oracles S1, S3, L1 and L2. Expected: clean under every policy.
/// With <see cref="LoseStopRequests"/> it becomes residual race R3: the job's trackers must then go
/// away by idling out, which the TaskTracker node's tracker no longer does under PowerJob 5.1.1's
/// fix, so L2 fails under SkipIdleOnTaskTrackerNode only.
/// </summary>
public sealed class ControlScenario : IScenario
{
    /// <summary>Lose every stop request the TaskTracker sends when the job ends (R3).</summary>
    public bool LoseStopRequests { get; init; }

    /// <inheritdoc />
    public string Name => this.LoseStopRequests ? "lost-stop" : "control";

    /// <inheritdoc />
    public string Key => this.Name;

    /// <inheritdoc />
    public string Description => this.LoseStopRequests
        ? "R3: the control jobs with every stop request lost; trackers must idle out"
        : "controls: a standalone job and a 3-node word count, far from the idle window";

    private IDeliveryPlan Delivery()
    {
        var latency = new CoyoteDelivery(TimeSpan.FromMilliseconds(50));
        return this.LoseStopRequests ? new LoseStopRequests(latency) : latency;
    }

    /// <inheritdoc />
    public async Task RunAsync(ExplorationContext context, IIdlePolicy policy)
    {
        var clock = context.Clock;
        var sink = Oracles.StartIteration(context);
        var cluster = new TrackerCluster(3, new TrackerOptions { IdlePolicy = policy }, clock, delivery: new CountingDelivery(this.Delivery(), context), events: sink);
        var standalone = await cluster.SubmitAsync(JobDefinition.Standalone("standalone", (ctx, ct) => Task.FromResult(TaskOutcome.Success("ok"))));
        var wordCount = await cluster.SubmitAsync(JobDefinition.MapReduce(
            "word-count",
            async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["a b", "c d e", "f"], "count", ct);
                    return TaskOutcome.Success();
                }

                await ctx.DelayAsync(TimeSpan.FromSeconds(2), ct);
                return TaskOutcome.Success(ctx.Content!.Split(' ').Length.ToString(CultureInfo.InvariantCulture));
            },
            (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(results.Where(r => r.TaskName == "count").Sum(r => int.Parse(r.Result!, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)))));

        await clock.WhenSettledAsync(Oracles.Settled(cluster, standalone, wordCount));
        if (!standalone.Completion.IsCompleted || !wordCount.Completion.IsCompleted)
        {
            return; // L1: the jobs' expectation is still open and Coyote reports it.
        }

        var (first, second) = (await standalone.Completion, await wordCount.Completion);
        Specification.Assert(first.Outcome == JobOutcome.Succeeded, "S1: standalone control job under {0} ended {1}: {2}", policy.Name, first.Outcome, first.FailureReason ?? "-");
        Specification.Assert(second.Outcome == JobOutcome.Succeeded && second.Result == "6", "S1: word-count control job under {0} ended {1} with '{2}': {3}", policy.Name, second.Outcome, second.Result ?? "-", second.FailureReason ?? "-");
        Oracles.AssertReduceRanOnTaskTrackerNode(sink.Events, "n0");
    }
}
