namespace TrackerRace.Coyote.Tests;

/// <summary>
/// Long runs: iterations cut into numbered shards, so what a run finds does not depend on how many engines explore it at
/// once; a wall-clock budget that ends a run early and says so; progress after every iteration; and, when a run goes on
/// past its bugs, failing iterations counted by distinct message.
/// </summary>
public sealed class LongRunTests
{
    // A bug in roughly one iteration in 700: the first one falls somewhere in the first few shards, seed by seed.
    private static Task RareBug(ExplorationContext ctx)
    {
        Assert.True(ctx.Choose.Number(1, 700, "ticket") != 1, "drew the losing ticket");
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(3u)]
    [InlineData(7u)]
    public async Task The_first_bug_and_its_iteration_do_not_depend_on_how_many_engines_run(uint seed)
    {
        var options = Explore.Options(iterations: 5 * ExplorationOptions.ShardIterations, seed) with { Name = "rare bug" };

        var alone = await CoyoteExplorer.ExploreAsync(RareBug, options);
        var side = await CoyoteExplorer.ExploreAsync(RareBug, options with { Parallelism = 4 });

        Assert.True(alone.BugFound, "no losing ticket in 5,000 iterations");
        Assert.Equal(alone.Iterations, side.Iterations);
        Assert.Equal(alone.DistinctBugs, side.DistinctBugs);
        Assert.Equal(alone.SchedulingSteps, side.SchedulingSteps);
    }

    [Theory]
    [InlineData(3u)]
    [InlineData(11u)]
    public async Task A_short_run_is_the_first_shard_of_a_long_one(uint seed)
    {
        var options = Explore.Options(iterations: ExplorationOptions.ShardIterations, seed) with { Name = "rare bug" };

        var shortRun = await CoyoteExplorer.ExploreAsync(RareBug, options);
        var longRun = await CoyoteExplorer.ExploreAsync(RareBug, options with { Iterations = 4 * ExplorationOptions.ShardIterations, Parallelism = 2 });

        if (shortRun.BugFound)
        {
            Assert.Equal(shortRun.Iterations, longRun.Iterations);
        }
        else
        {
            Assert.True(!longRun.BugFound || longRun.Iterations > ExplorationOptions.ShardIterations, $"the long run failed at {longRun.Iterations}, inside the short run's iterations");
        }
    }

    [Fact]
    public async Task A_failure_found_in_a_later_shard_replays_from_its_trace()
    {
        // The first seed whose first bug falls past shard 0, so the trace comes from an engine with a mixed seed.
        ExplorationResult? found = null;
        var options = Explore.Options(iterations: 5 * ExplorationOptions.ShardIterations) with { Name = "rare bug", Parallelism = 2 };
        for (var seed = 1u; seed <= 30 && found is null; seed++)
        {
            var result = await CoyoteExplorer.ExploreAsync(RareBug, options with { Seed = seed });
            found = result.BugFound && result.Iterations > ExplorationOptions.ShardIterations ? result : null;
        }

        Assert.True(found is not null, "no seed of 30 found the rare bug after the first shard");
        var replayed = await CoyoteExplorer.ExploreAsync(RareBug, options with { ReplayTrace = found.TracePath });

        Assert.True(replayed.Replayed && replayed.BugFound, $"iteration {found.Iterations} did not replay");
        Assert.Contains($"-it{found.Iterations}.trace.json", found.TracePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_ends_the_run_early_and_the_result_says_so()
    {
        var result = await CoyoteExplorer.ExploreAsync(_ => Task.CompletedTask, Explore.Options(iterations: 10_000_000) with { Duration = TimeSpan.FromMilliseconds(1), Parallelism = 2 });

        Assert.True(result.StoppedByDuration);
        Assert.False(result.BugFound);
        Assert.InRange(result.Iterations, 0, 10_000_000 - 1);
    }

    [Fact]
    public async Task Progress_is_told_after_every_iteration_and_ends_at_the_result()
    {
        var seen = new List<ExplorationProgress>();
        var progress = new Collect(seen);

        var result = await CoyoteExplorer.ExploreAsync(_ => Task.CompletedTask, Explore.Options(iterations: 2_500) with { Progress = progress, Parallelism = 2 });

        Assert.Equal(result.Iterations, seen.Count);
        Assert.Equal(Enumerable.Range(1, result.Iterations), seen.Select(p => p.Iterations).Order());
        Assert.All(seen, p => Assert.Equal(0, p.Bugs));
    }

    [Fact]
    public async Task Running_on_past_bugs_counts_failing_iterations_and_distinct_messages()
    {
        var result = await CoyoteExplorer.ExploreAsync(
            ctx => throw new InvalidOperationException(ctx.Choose.Boolean("which") ? "lost job-1" : "failed job-2 never delivered"),
            Explore.Options(iterations: 50) with { StopAtFirstBug = false });

        Assert.Equal(50, result.BugCount);
        Assert.Equal(2, result.DistinctBugs.Count);
        Assert.Contains(result.DistinctBugs, b => b.Contains("lost job-1", StringComparison.Ordinal));
        Assert.Contains(result.DistinctBugs, b => b.Contains("failed job-2 never delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_that_differ_only_in_chosen_numbers_are_one_bug()
    {
        var result = await CoyoteExplorer.ExploreAsync(
            ctx => throw new InvalidOperationException($"job map-{ctx.Choose.Number(100, 160, "map (s)")}s lost after {ctx.Choose.Number(1, 9, "tasks")} tasks"),
            Explore.Options(iterations: 40) with { StopAtFirstBug = false });

        Assert.Equal(40, result.BugCount);
        var bug = Assert.Single(result.DistinctBugs);
        Assert.Matches(@"job map-\d+s lost after \d tasks", bug);
    }

    [Fact]
    public async Task Progress_counts_each_failing_iteration_including_a_shard_s_last()
    {
        var seen = new List<ExplorationProgress>();

        var result = await CoyoteExplorer.ExploreAsync(
            ctx => ctx.Choose.Boolean("fail") ? throw new InvalidOperationException("lost job-1") : Task.CompletedTask,
            Explore.Options(iterations: 1_500) with { StopAtFirstBug = false, Progress = new Collect(seen), Parallelism = 2 });

        Assert.True(result.BugCount > 0);
        Assert.Equal(result.BugCount, seen.Max(p => p.Bugs));
        Assert.Equal(1_500, seen.Max(p => p.Iterations));
    }

    private sealed class Collect(List<ExplorationProgress> seen) : IProgress<ExplorationProgress>
    {
        public void Report(ExplorationProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
