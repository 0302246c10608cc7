using System.Globalization;
using Microsoft.Coyote.Specifications;
using TrackerRace.Coyote;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Faults;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Store;
using TrackerRace.Scenarios.Faults;

namespace TrackerRace.Scenarios;

/// <summary>
/// A MapReduce job on three nodes (root on n0 maps four 10-second tasks, reduce joins their results) under up to
/// <see cref="Faults"/> faults a nemesis plans with Coyote's choices. <c>crash</c>: workers n1 and n2 crash (inside a
/// handler too) and may come back empty, ProcessorTrackers restart, messages are lost, duplicated or delayed on any link;
/// the task table is in memory. <c>restart</c>: the TaskTracker's node n0 crashes (between messages or inside a handler)
/// and restarts on a durable table, with message faults besides.
/// Oracles: F1 the job succeeds (the faults stay within what retries absorb), F2 no accepted task lost (reduce sees each
/// mapped task's result once), F3 no result accepted twice, F4 reduce accepted exactly once, S2, S3, L1, L2.
/// </summary>
public sealed class FaultScenario : IScenario
{
    private static readonly string[] Parts = ["a", "b", "c", "d"];

    /// <summary>True for <c>restart</c> (the TaskTracker's node), false for <c>crash</c> (workers).</summary>
    public bool RestartTaskTracker { get; init; }

    /// <summary>The fault budget per iteration (<c>--faults</c>).</summary>
    public int Faults { get; init; } = 2;

    /// <inheritdoc />
    public string Name => this.RestartTaskTracker ? "restart" : "crash";

    /// <inheritdoc />
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{this.Name}(faults={this.Faults})");

    /// <inheritdoc />
    public string Description => this.RestartTaskTracker
        ? $"the TaskTracker's node crashes and resumes from its durable table, plus message faults; up to {this.Faults} fault(s) per iteration"
        : $"workers crash and restart, ProcessorTrackers restart, messages are lost/duplicated/delayed; up to {this.Faults} fault(s) per iteration";

    /// <summary>What this scenario's nemesis may do.</summary>
    public FaultModel Model => this.RestartTaskTracker
        ? new FaultModel
        {
            Kinds = [FaultKind.CrashTaskTrackerNode, FaultKind.CrashInsideHandler, FaultKind.DropMessage, FaultKind.DuplicateMessage, FaultKind.DelayMessage],
            Nodes = ["n0", "n1", "n2"],
            Crashable = ["n0"],
            TaskTrackerNode = "n0",
        }
        : new FaultModel
        {
            Kinds = [FaultKind.CrashWorker, FaultKind.RestartProcessorTracker, FaultKind.CrashInsideHandler, FaultKind.DropMessage, FaultKind.DuplicateMessage, FaultKind.DelayMessage],
            Nodes = ["n0", "n1", "n2"],
            Crashable = ["n1", "n2"],
            TaskTrackerNode = "n0",
            Points = [CrashPoint.ProcessorTrackerAfterAcceptBeforeAck, CrashPoint.ProcessorTrackerAfterRunBeforeReport],
        };

    /// <inheritdoc />
    public async Task RunAsync(ExplorationContext context, IIdlePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = context.Clock;
        var log = new FaultLog(context);
        var nemesis = new Nemesis(FaultPlan.Choose(context, this.Model, this.Faults), log, clock);
        var sink = Oracles.StartIteration(context);
        ITaskStoreProvider stores = this.RestartTaskTracker ? new DurableInMemoryTaskStores() : InMemoryTaskStores.Instance;
        var cluster = new TrackerCluster(3, new TrackerOptions { IdlePolicy = policy, TaskStores = stores }, clock, delivery: new CountingDelivery(nemesis, context), events: sink, crashPoints: nemesis);
        var handle = await cluster.SubmitAsync(Job());
        nemesis.Start(cluster, () => handle.Completion.IsCompleted);
        if (!await clock.WhenSettledAsync(Oracles.Settled(cluster, handle)) && !handle.Completion.IsCompleted)
        {
            return; // L1: the job's expectation is still open and Coyote reports it.
        }

        var result = await handle.Completion;
        Specification.Assert(result.Outcome == JobOutcome.Succeeded, "F1: under {0} with faults [{1}] the job ended {2}: {3}", policy.Name, log, result.Outcome, result.FailureReason ?? "-");
        Specification.Assert(result.Result == string.Join(",", Parts), "F2: under {0} with faults [{1}] reduce saw '{2}', not each mapped task's result once ({3})", policy.Name, log, result.Result ?? "-", string.Join(",", Parts));
        Oracles.AssertEachResultAcceptedOnce(sink.Events, policy.Name, log.ToString());
        var reduces = sink.Events.Count(e => e.Kind == TrackerEventKind.ResultAccepted && e.TaskId == TaskNames.LastTaskId);
        Specification.Assert(reduces == 1, "F4: under {0} with faults [{1}] the job succeeded with reduce's result accepted {2} times", policy.Name, log, reduces);
        Oracles.AssertNoUnreceivedFailureOfUndeliveredTask(sink.Events, policy.Name);
        Oracles.AssertReduceRanOnTaskTrackerNode(sink.Events, "n0");
        context.Count(Exploration.ExplorationReport.FaultsSurvived, log.Injected.Count);
    }

    private static JobDefinition Job() => JobDefinition.MapReduce(
        "four-parts",
        async (ctx, ct) =>
        {
            if (ctx.IsRoot)
            {
                await ctx.MapAsync(Parts, "part", ct);
                return TaskOutcome.Success();
            }

            await ctx.DelayAsync(TimeSpan.FromSeconds(10), ct);
            return TaskOutcome.Success(ctx.Content);
        },
        (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(string.Join(",", results.Where(r => r.TaskName == "part").Select(r => r.Result).Order(StringComparer.Ordinal)))));
}
