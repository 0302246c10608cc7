using System.Globalization;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;

await using var cluster = new TrackerCluster(nodeCount: 3, new TrackerOptions
{
    // PowerJob's constants are the defaults; shorter periods make a demo finish quickly.
    DispatchInterval = TimeSpan.FromMilliseconds(50),
    StatusCheckInterval = TimeSpan.FromMilliseconds(100),
    StatusCheckInitialDelay = TimeSpan.FromMilliseconds(50),
    IdlePolicy = IdlePolicies.IdleHandshake,
}, TimeProvider.System);

var text = "the quick brown fox jumps over the lazy dog the end";
var job = JobDefinition.MapReduce(
    "word-count",
    process: async (ctx, ct) =>
    {
        if (ctx.IsRoot)
        {
            await ctx.MapAsync(ctx.JobParameters!.Split(' ').Chunk(3).Select(w => string.Join(' ', w)), "count", ct);
            return TaskOutcome.Success();
        }

        return TaskOutcome.Success(ctx.Content!.Split(' ').Length.ToString(CultureInfo.InvariantCulture));
    },
    reduce: (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(
        results.Where(r => r.TaskName == "count").Sum(r => int.Parse(r.Result!, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)))) with { Parameters = text };

var handle = await cluster.SubmitAsync(job);
var result = await handle.WaitAsync();
Console.WriteLine($"{result.Outcome}: {result.Result ?? result.FailureReason}");   // Succeeded: 11
return result.Outcome == JobOutcome.Succeeded ? 0 : 1;
