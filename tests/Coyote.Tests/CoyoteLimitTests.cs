namespace TrackerRace.Coyote.Tests;

/// <summary>
/// Coyote 1.7 limits a user meets, pinned so a Coyote upgrade that lifts one shows up here, and documented in
/// docs/testing-your-tracker.md with the way around.
/// </summary>
public sealed class CoyoteLimitTests
{
    [Fact]
    public async Task Task_Run_of_a_lambda_returning_an_asynchronous_completion_source_s_task_is_a_false_deadlock()
    {
        var result = await CoyoteExplorer.ExploreAsync(async ctx =>
        {
            var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = Task.Run(() => tcs.Task);
            await Task.Delay(TimeSpan.FromSeconds(1), ctx.Clock); // time moves only once the lambda has returned the task
            tcs.TrySetResult(1);
            await waiter;
        }, Explore.Options(iterations: 5));

        Assert.True(result.BugFound);
        Assert.Contains("Deadlock detected", result.Bug, StringComparison.Ordinal);
    }

    [Fact]
    public Task The_same_with_an_async_lambda_is_controlled() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Task.Run(async () => await tcs.Task);
        await Task.Delay(TimeSpan.FromSeconds(1), ctx.Clock);
        tcs.TrySetResult(1);
        Assert.Equal(1, await waiter);
    }, Explore.Options(iterations: 20));
}
