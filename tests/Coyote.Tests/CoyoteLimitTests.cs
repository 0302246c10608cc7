namespace TrackerRace.Coyote.Tests;

/// <summary>
/// The ways around Coyote 1.7 limits that docs/testing-your-tracker.md recommends, proven to work. The limits themselves
/// are not pinned here: Coyote 1.7's false deadlock on <c>Task.Run(() =&gt; tcs.Task)</c> leaves a continuation it does not
/// control, which may later post to a detached runtime and crash the test host.
/// </summary>
public sealed class CoyoteLimitTests
{
    [Fact]
    public Task Task_Run_of_an_async_lambda_awaiting_an_asynchronous_completion_source_is_controlled() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Task.Run(async () => await tcs.Task);
        await Task.Delay(TimeSpan.FromSeconds(1), ctx.Clock);
        tcs.TrySetResult(1);
        Assert.Equal(1, await waiter);
    }, Explore.Options(iterations: 20));
}
