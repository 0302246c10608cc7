namespace TrackerRace.Coyote.Tests;

/// <summary>Every TimeProvider API .NET code uses runs on the virtual clock, and time moves only when nothing else can run.</summary>
public sealed class VirtualClockTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public Task Task_Delay_and_GetUtcNow_and_GetTimestamp_follow_virtual_time() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        var start = ctx.Clock.GetTimestamp();

        await Task.Delay(5 * Second, ctx.Clock);

        Assert.Equal(5 * Second, ctx.Clock.Elapsed);
        Assert.Equal(Time.VirtualClock.Origin + 5 * Second, ctx.Clock.GetUtcNow());
        Assert.Equal(5 * Second, ctx.Clock.GetElapsedTime(start));
    }, Explore.Options());

    [Fact]
    public Task A_PeriodicTimer_ticks_at_its_period() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        using var timer = new PeriodicTimer(10 * Second, ctx.Clock);
        var ticks = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await timer.WaitForNextTickAsync());
            ticks.Add(ctx.Clock.Elapsed);
        }

        Assert.Equal([10 * Second, 20 * Second, 30 * Second], ticks);
    }, Explore.Options());

    [Fact]
    public Task A_CancellationTokenSource_and_WaitAsync_time_out_in_virtual_time() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        using var cts = new CancellationTokenSource(3 * Second, ctx.Clock);
        await ThrowsAsync<TaskCanceledException>(() => Task.Delay(TimeSpan.FromHours(1), ctx.Clock, cts.Token));
        Assert.Equal(3 * Second, ctx.Clock.Elapsed);

        var never = new TaskCompletionSource();
        await ThrowsAsync<TimeoutException>(() => never.Task.WaitAsync(4 * Second, ctx.Clock));
        Assert.Equal(7 * Second, ctx.Clock.Elapsed);
    }, Explore.Options());

    [Fact]
    public Task Time_stands_still_while_other_work_can_run() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        var delay = Task.Delay(Second, ctx.Clock);
        var busy = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await Task.Yield();
            }

            return ctx.Clock.Elapsed;
        });

        Assert.Equal(TimeSpan.Zero, await busy);
        await delay;
        Assert.Equal(Second, ctx.Clock.Elapsed);
    }, Explore.Options());

    [Fact]
    public async Task Timers_due_at_one_instant_race_in_either_order()
    {
        // Coyote orders what happens at one instant: both orders show up within a few iterations.
        var seen = new HashSet<string>();

        await CoyoteExplorer.AssertNoBugAsync(async ctx =>
        {
            var order = new List<string>();
            var a = Task.Run(async () => { await Task.Delay(Second, ctx.Clock); lock (order) { order.Add("a"); } });
            var b = Task.Run(async () => { await Task.Delay(Second, ctx.Clock); lock (order) { order.Add("b"); } });
            await Task.WhenAll(new[] { a, b });
            lock (seen)
            {
                seen.Add(string.Join(",", order));
            }
        }, Explore.Options(iterations: 40));

        Assert.Equal(["a,b", "b,a"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Timer_lateness_is_a_bounded_choice()
    {
        var options = Explore.Options(iterations: 60) with { Clock = new() { MaxTimerLateness = TimeSpan.FromMilliseconds(3) } };
        var fired = new HashSet<TimeSpan>();

        await CoyoteExplorer.AssertNoBugAsync(async ctx =>
        {
            await Task.Delay(Second, ctx.Clock);
            lock (fired)
            {
                fired.Add(ctx.Clock.Elapsed);
            }
        }, options);

        Assert.Subset(new HashSet<TimeSpan>(Enumerable.Range(0, 4).Select(ms => Second + TimeSpan.FromMilliseconds(ms))), fired);
        Assert.True(fired.Count > 1, "lateness never varied");
    }

    // xUnit's async asserts live in xunit.assert.dll, which is not rewritten: Coyote refuses a task it does not control
    // (see docs/testing-your-tracker.md). An await in this rewritten assembly is controlled.
    private static async Task ThrowsAsync<TException>(Func<Task> action)
        where TException : Exception
    {
        try
        {
            await action();
        }
        catch (TException)
        {
            return;
        }

        Assert.Fail($"expected {typeof(TException).Name}");
    }
}
