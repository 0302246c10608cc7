using System.Globalization;
using TrackerRace.Runtime.Jobs;

namespace TrackerRace.Runtime.Tests.Simulation;

/// <summary>Job shapes the tests reuse.</summary>
internal static class TestJobs
{
    /// <summary>
    /// The #1033 shape on two nodes: the root (on the TaskTracker's node n0) maps an instant sub-task
    /// and a long one; round-robin sends the first to n0 and the second to n1. From then on n0's
    /// ProcessorTracker is idle until reduce, while the map phase lasts as long as the long sub-task.
    /// </summary>
    public static JobDefinition LongMapPhase(TimeSpan subTaskDuration, int taskRetryNum = 0, Action? onReduce = null) => new()
    {
        Name = $"map-{subTaskDuration.TotalSeconds:0}s",
        Kind = JobKind.MapReduce,
        TaskRetryNum = taskRetryNum,
        Process = async (ctx, ct) =>
        {
            if (ctx.IsRoot)
            {
                await ctx.MapAsync(["0", subTaskDuration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)], "work", ct);
                return TaskOutcome.Success("mapped");
            }

            await ctx.DelayAsync(TimeSpan.FromMilliseconds(double.Parse(ctx.Content!, CultureInfo.InvariantCulture)), ct);
            return TaskOutcome.Success($"done on {ctx.NodeAddress}");
        },
        Reduce = (ctx, results, ct) =>
        {
            onReduce?.Invoke();
            return Task.FromResult(TaskOutcome.Success($"reduced {results.Count} result(s)"));
        },
    };
}
