using System.Collections.Concurrent;
using System.Globalization;
using TrackerRace.Runtime.Jobs;

namespace TrackerRace.Runtime.Tests.Faults;

/// <summary>
/// A MapReduce job on two nodes whose tasks count their runs: root (on n0) maps an instant task (to n0) and one of
/// <c>longSeconds</c> (to n1); reduce counts the results it was given.
/// </summary>
internal sealed class CountingJobs
{
    private readonly ConcurrentDictionary<string, int> runs = new(StringComparer.Ordinal);

    public int Reduces => this.RunsOf("reduce");

    public int RunsOf(string taskId) => this.runs.GetValueOrDefault(taskId);

    public JobDefinition MapReduce(int longSeconds, string name = "counted") => new()
    {
        Name = name,
        Kind = JobKind.MapReduce,
        Process = async (ctx, ct) =>
        {
            this.runs.AddOrUpdate(ctx.TaskId, 1, (_, n) => n + 1);
            if (ctx.IsRoot)
            {
                await ctx.MapAsync(["0", longSeconds.ToString(CultureInfo.InvariantCulture)], "work", ct);
                return TaskOutcome.Success("mapped");
            }

            await ctx.DelayAsync(TimeSpan.FromSeconds(int.Parse(ctx.Content!, CultureInfo.InvariantCulture)), ct);
            return TaskOutcome.Success($"{ctx.Content}s on {ctx.NodeAddress}");
        },
        Reduce = (ctx, results, ct) =>
        {
            this.runs.AddOrUpdate("reduce", 1, (_, n) => n + 1);
            return Task.FromResult(TaskOutcome.Success(string.Join(",", results.Where(r => r.TaskName == "work").Select(r => r.Result).Order(StringComparer.Ordinal))));
        },
    };
}
