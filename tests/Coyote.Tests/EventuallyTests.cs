namespace TrackerRace.Coyote.Tests;

/// <summary>Liveness: what is expected and never happens fails the test by name; a system that never settles is named too.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task An_expectation_never_met_fails_naming_it()
    {
        var result = await CoyoteExplorer.ExploreAsync(ctx =>
        {
            ctx.Eventually.Expect("job 7 finishes");
            ctx.Eventually.Expect("tracker n1 is destroyed");
            ctx.Eventually.Met("tracker n1 is destroyed");
            return Task.CompletedTask;
        }, Explore.Options(iterations: 1));

        Assert.True(result.BugFound);
        Assert.Contains("Still expected: job 7 finishes.", result.Bug, StringComparison.Ordinal);
        Assert.DoesNotContain("tracker n1", result.Bug!.Split("Still expected:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public Task Met_expectations_pass() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        ctx.Eventually.Expect("job 7 finishes");
        await Task.Delay(TimeSpan.FromSeconds(30), ctx.Clock);
        ctx.Eventually.Met("job 7 finishes");
    }, Explore.Options(iterations: 5));

    [Fact]
    public async Task A_system_whose_timers_tick_forever_while_the_test_waits_never_settles_and_says_so()
    {
        var result = await CoyoteExplorer.ExploreAsync(async ctx =>
        {
            using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(10), ctx.Clock);
            var beating = Task.Run(async () => { while (await heartbeat.WaitForNextTickAsync()) { } });
            await new TaskCompletionSource().Task; // never completes
            await beating;
        }, Explore.Options(iterations: 1) with { Clock = new() { Limit = TimeSpan.FromMinutes(5) } });

        Assert.True(result.BugFound);
        Assert.Contains("The code under test never settles: virtual-time limit 00:05:00 reached", result.Bug, StringComparison.Ordinal);
        Assert.Contains("PeriodicTimer", result.Bug, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_waiting_on_nothing_that_can_happen_is_a_deadlock()
    {
        var result = await CoyoteExplorer.ExploreAsync(async _ => await new TaskCompletionSource().Task, Explore.Options(iterations: 1));

        Assert.True(result.BugFound);
        Assert.Contains("Deadlock detected", result.Bug, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenSettledAsync_answers_at_quiescence()
    {
        await CoyoteExplorer.AssertNoBugAsync(async ctx =>
        {
            var done = 0;
            _ = Task.Run(async () => { await Task.Delay(TimeSpan.FromSeconds(3), ctx.Clock); Interlocked.Exchange(ref done, 1); });

            Assert.True(await ctx.Clock.WhenSettledAsync(() => Volatile.Read(ref done) == 1));
            Assert.Equal(TimeSpan.FromSeconds(3), ctx.Clock.Elapsed);
            Assert.False(await ctx.Clock.WhenSettledAsync(() => false));
        }, Explore.Options(iterations: 5));
    }
}
