using TrackerRace.Coyote;

namespace Samples.WorkerPool.Tests;

/// <summary>
/// What every test here explores: job "a" at t=0 running 1-20 s, a pause of 20-60 s, job "b", then the pool retiring.
/// Coyote chooses the durations (so a failing schedule replays them) and the order of everything that happens at one
/// instant - among them a post of "b" in the same second as the idle check.
/// </summary>
internal static class TwoJobsAcrossTheIdleWindow
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(ExplorationContext ctx, IdleCheck idleCheck)
    {
        var pool = new WorkerPool(new WorkerPoolOptions { IdleCheck = idleCheck }, ctx.Clock);

        Post(ctx, pool, "a", ctx.Choose.Duration(1 * Second, 20 * Second, Second, "job a runs"));
        await Task.Delay(ctx.Choose.Duration(20 * Second, 60 * Second, Second, "pause before job b"), ctx.Clock);
        Post(ctx, pool, "b", ctx.Choose.Duration(1 * Second, 20 * Second, Second, "job b runs"));

        await pool.Completion;
        ctx.Record("pool", "retired: every worker has stopped");
        ctx.Ledger.AssertAll();
    }

    private static void Post(ExplorationContext ctx, WorkerPool pool, string id, TimeSpan length)
    {
        // Accepted first: a worker may start the job before TryPost returns.
        ctx.Ledger.Accepted(id, by: "test");
        var accepted = pool.TryPost(async cancellation =>
        {
            ctx.Ledger.Delivered(id, to: "worker");
            try
            {
                await Task.Delay(length, ctx.Clock, cancellation);
            }
            catch (OperationCanceledException)
            {
                ctx.Record("worker", $"job {id} cancelled: the pool is retiring");
                throw;
            }

            ctx.Ledger.Completed(id, by: "worker");
        });
        if (!accepted)
        {
            ctx.Ledger.Refused(id, "the pool has retired", by: "pool");
        }
    }
}
