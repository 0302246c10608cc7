using TrackerRace.Coyote;
using Xunit.Abstractions;

namespace Samples.WorkerPool.Tests;

public sealed class WorkerPoolTests(ITestOutputHelper output)
{
    private const int Iterations = 1_000;

    [Fact]
    public Task The_pool_never_loses_a_job_it_accepted() =>
        CoyoteExplorer.AssertNoBugAsync(
            ctx => TwoJobsAcrossTheIdleWindow.RunAsync(ctx, IdleCheck.NothingPending),
            new ExplorationOptions { Iterations = Iterations });

    [Fact]
    public async Task Coyote_finds_the_job_the_racy_pool_loses_and_replays_it()
    {
        Func<ExplorationContext, Task> racy = ctx => TwoJobsAcrossTheIdleWindow.RunAsync(ctx, IdleCheck.TimeSinceLastJob);
        var folder = Directory.CreateTempSubdirectory("workerpool-").FullName;

        var found = await CoyoteExplorer.ExploreAsync(racy, new ExplorationOptions { Iterations = Iterations, OutputDirectory = folder });

        Assert.True(found.BugFound, "the racy pool should lose job b in some schedule");
        Assert.Contains("Accepted work was lost: 1 item(s) neither completed nor failed: b", found.Bug, StringComparison.Ordinal);
        Assert.Contains("accepted b", File.ReadAllText(found.TimelinePath!), StringComparison.Ordinal);

        var replayed = await CoyoteExplorer.ExploreAsync(racy, new ExplorationOptions { ReplayTrace = found.TracePath });

        Assert.True(replayed.Replayed && replayed.BugFound);
        Assert.Equal(found.Bug, replayed.Bug);
        output.WriteLine($"found at iteration {found.Iterations}; trace {found.TracePath}");
    }

    [Fact]
    public async Task The_racy_pool_is_found_under_every_seed()
    {
        // Also the figures the README quotes: iterations to the first bug per seed, and iterations per second.
        var rows = new List<ExplorationResult>();
        foreach (var seed in Enumerable.Range(1, 10).Select(s => (uint)s))
        {
            var result = await CoyoteExplorer.ExploreAsync(
                ctx => TwoJobsAcrossTheIdleWindow.RunAsync(ctx, IdleCheck.TimeSinceLastJob),
                new ExplorationOptions { Iterations = Iterations, Seed = seed, OutputDirectory = Path.Combine(Path.GetTempPath(), "workerpool-seeds") });
            Assert.True(result.BugFound, $"seed {seed}: no bug in {Iterations} iterations");
            rows.Add(result);
        }

        var firsts = rows.Select(r => r.Iterations).Order().ToList();
        output.WriteLine($"racy pool, random strategy, 10 seeds: iterations to first bug median {firsts[4]}-{firsts[5]}, worst {firsts[^1]}; "
            + $"{rows.Sum(r => r.Iterations) / rows.Sum(r => r.Elapsed.TotalSeconds):0} iterations/s");
    }

    [Fact]
    public async Task A_long_run_on_every_core_counts_the_same_bugs_as_one_core()
    {
        // A nightly-style run: every iteration (not stopping at the first bug), shards on every core, a profile.
        Func<ExplorationContext, Task> racy = ctx => TwoJobsAcrossTheIdleWindow.RunAsync(ctx, IdleCheck.TimeSinceLastJob);
        var options = new ExplorationOptions { Iterations = 2_000, Seed = 3, StopAtFirstBug = false };

        var one = await CoyoteExplorer.ExploreAsync(racy, options);
        var every = await CoyoteExplorer.ExploreAsync(racy, options with { Parallelism = Environment.ProcessorCount });

        Assert.True(one.BugCount > 0, "the racy pool lost no job in 2,000 iterations");
        Assert.Equal(one.BugCount, every.BugCount);
        Assert.Equal(one.DistinctBugs, every.DistinctBugs);
        Assert.True(every.PerIteration["timers fired"] > 0);
        Assert.Equal(every.SchedulingSteps, (long)Math.Round(every.StepsByKind.Values.Sum() * every.Iterations));
        output.WriteLine($"{every.BugCount} of {every.Iterations} iterations lost a job ({every.DistinctBugs.Count} distinct); per iteration: "
            + string.Join(", ", every.PerIteration.Select(p => $"{p.Key} {p.Value:0.#}")) + $", {every.SchedulingSteps / every.Iterations} steps ("
            + string.Join(", ", every.StepsByKind.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0.#}")) + ")");
    }

    [Fact]
    public async Task The_fixed_pool_is_measured_in_iterations_per_second()
    {
        var result = await CoyoteExplorer.ExploreAsync(
            ctx => TwoJobsAcrossTheIdleWindow.RunAsync(ctx, IdleCheck.NothingPending),
            new ExplorationOptions { Iterations = Iterations, Seed = 7 });

        Assert.False(result.BugFound, result.Bug);
        Assert.Equal(Iterations, result.Iterations);
        output.WriteLine($"fixed pool: {result.Iterations} iterations, {result.Iterations / result.Elapsed.TotalSeconds:0} iterations/s, {result.SchedulingSteps / result.Iterations} steps/iteration");
    }
}
