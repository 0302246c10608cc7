using TrackerRace.Coyote;

namespace Samples.WorkerPool.Tests;

/// <summary>
/// The racy pool as a user first meets it: an ordinary test that fails, with the timeline and the command that replays
/// the schedule. Excluded from the normal run (it fails on purpose); check.sh runs it and then runs its replay command.
/// </summary>
[Trait("Category", "Demo")]
public sealed class RacyPoolDemo
{
    [Fact]
    public Task The_racy_pool_never_loses_a_job_it_accepted() =>
        CoyoteExplorer.AssertNoBugAsync(
            ctx => TwoJobsAcrossTheIdleWindow.RunAsync(ctx, IdleCheck.TimeSinceLastJob),
            new ExplorationOptions { Iterations = 1_000 });
}
