using System.Globalization;
using Microsoft.Coyote.Specifications;
using TrackerRace.CoyoteTests.Time;
using TrackerRace.CoyoteTests.Tracing;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Scenarios;

/// <summary>
/// Controls: a standalone job and a word-count MapReduce over three nodes with short tasks, far from
/// any idle window, with message latencies chosen by Coyote. A harness that "finds" a bug here is
/// broken, not the runtime. Oracles S1 and S3. Expected: clean under every policy.
/// </summary>
public sealed class ControlScenario : IScenario
{
    /// <summary>If set, records every protocol step of each iteration (for printing a replayed failure).</summary>
    public TraceRecorder? Recorder { get; init; }

    /// <inheritdoc />
    public string Name => "control";

    /// <inheritdoc />
    public string Description => "controls: a standalone job and a 3-node word count, far from the idle window";

    /// <inheritdoc />
    public async Task RunAsync(IIdlePolicy policy)
    {
        var clock = new VirtualClock(maxJitter: TimeSpan.FromMilliseconds(5));
        var recorder = Oracles.RecorderFor(this.Recorder);
        var cluster = new TrackerCluster(3, new TrackerOptions { IdlePolicy = policy }, clock, delivery: new CoyoteDelivery(TimeSpan.FromMilliseconds(50)), events: recorder);
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

        await clock.RunAsync(() => standalone.Completion.IsCompleted && wordCount.Completion.IsCompleted, cluster.WhenIdleAsync, TimeSpan.FromMinutes(15));
        Specification.Assert(standalone.Completion.IsCompleted && wordCount.Completion.IsCompleted, "L1: a control job is still running after {0} of virtual time", clock.Elapsed);
        var (first, second) = (await standalone.Completion, await wordCount.Completion);
        Specification.Assert(first.Outcome == JobOutcome.Succeeded, "S1: standalone control job under {0} ended {1}: {2}", policy.Name, first.Outcome, first.FailureReason ?? "-");
        Specification.Assert(second.Outcome == JobOutcome.Succeeded && second.Result == "6", "S1: word-count control job under {0} ended {1} with '{2}': {3}", policy.Name, second.Outcome, second.Result ?? "-", second.FailureReason ?? "-");
        Oracles.AssertReduceRanOnTaskTrackerNode(recorder.Events, "n0");
    }
}
