using TrackerRace.Coyote.Time;

namespace TrackerRace.Coyote.Tests;

/// <summary>Bad input gets an error that names what is wrong and how to fix it, never a hang or a silent pass.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, ExplorationOptions> OutOfRange => new()
    {
        { "ExplorationOptions.Iterations must be at least 1.", new() { Iterations = 0 } },
        { "ExplorationOptions.MaxSteps must be at least 1.", new() { MaxSteps = -5 } },
        { "ExplorationOptions.Strategy must be one of Random, Prioritization, Probabilistic.", new() { Strategy = (ExplorationStrategy)42 } },
        { "ExplorationOptions.Parallelism must be from 1 to 1024", new() { Parallelism = 0 } },
        { "ExplorationOptions.Duration must be positive", new() { Duration = TimeSpan.Zero } },
        { "VirtualClockOptions.MaxTimerLateness must be zero or positive.", new() { Clock = new() { MaxTimerLateness = TimeSpan.FromSeconds(-1) } } },
        { "VirtualClockOptions.LatenessStep must be positive.", new() { Clock = new() { LatenessStep = TimeSpan.Zero } } },
        { "VirtualClockOptions.Limit must be positive.", new() { Clock = new() { Limit = TimeSpan.Zero } } },
        { "VirtualClockOptions.CoalesceWindow must be zero or positive.", new() { Clock = new() { CoalesceWindow = TimeSpan.FromTicks(-1) } } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task An_option_out_of_range_is_refused_by_name(string message, ExplorationOptions options)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CoyoteExplorer.ExploreAsync(_ => Task.CompletedTask, options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_that_does_not_exist_is_named()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => CoyoteExplorer.ExploreAsync(_ => Task.CompletedTask, new() { ReplayTrace = "/no/such/run.trace.json" }));

        Assert.Contains("ReplayTrace '/no/such/run.trace.json' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_from_another_test_is_refused_naming_both()
    {
        var trace = await RecordFailure("recording test");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            CoyoteExplorer.ExploreAsync(Fails, Explore.Options() with { Name = "another test", ReplayTrace = trace }));

        Assert.Contains("was recorded by test 'recording test', not 'another test'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_recorded_with_other_clock_options_is_refused()
    {
        var trace = await RecordFailure("clock test");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CoyoteExplorer.ExploreAsync(
            Fails,
            Explore.Options() with { Name = "clock test", ReplayTrace = trace, Clock = new VirtualClockOptions { MaxTimerLateness = TimeSpan.FromMilliseconds(5) } }));

        Assert.Contains("was recorded with other clock options", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_that_no_longer_fails_says_it_did_not_reproduce()
    {
        var failing = true;
        Func<ExplorationContext, Task> body = async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ctx.Clock);
            Assert.False(Volatile.Read(ref failing), "the code under test is broken");
        };
        var found = await CoyoteExplorer.ExploreAsync(body, Explore.Options() with { Name = "fixed since" });
        Assert.True(found.BugFound);

        Volatile.Write(ref failing, false); // "the code was fixed"
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CoyoteExplorer.ExploreAsync(body, Explore.Options() with { Name = "fixed since", ReplayTrace = found.TracePath }));

        Assert.Contains($"The trace '{found.TracePath}' did not reproduce in test 'fixed since'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_that_is_not_rewritten_is_refused_naming_the_assembly_and_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RewriteGuard.EnsureRewritten(typeof(FactAttribute).Assembly));

        Assert.Contains("not rewritten for testing: xunit.core (", error.Message, StringComparison.Ordinal);
        Assert.Contains("CoyoteRewrite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_test_assembly_and_the_harness_are_rewritten() =>
        RewriteGuard.EnsureRewritten(typeof(BadInputTests).Assembly, typeof(CoyoteExplorer).Assembly);

    [Fact]
    public async Task An_api_Coyote_cannot_control_fails_the_test_naming_it()
    {
        var result = await CoyoteExplorer.ExploreAsync(_ =>
        {
            using var timer = new Timer(_ => { }, null, 1000, Timeout.Infinite);
            return Task.CompletedTask;
        }, Explore.Options(iterations: 1));

        Assert.True(result.BugFound);
        Assert.Contains("System.Threading.Timer", result.Bug, StringComparison.Ordinal);
    }

    private static Task Fails(ExplorationContext ctx)
    {
        Assert.Fail("always fails");
        return Task.CompletedTask;
    }

    private static async Task<string> RecordFailure(string name)
    {
        var found = await CoyoteExplorer.ExploreAsync(Fails, Explore.Options() with { Name = name });
        Assert.True(found.BugFound);
        return found.TracePath!;
    }
}
