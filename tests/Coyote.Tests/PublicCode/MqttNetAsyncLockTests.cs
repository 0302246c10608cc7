using MQTTnet.Internal;
using TrackerRace.Coyote.Reporting;
using Xunit.Abstractions;

namespace TrackerRace.Coyote.Tests.PublicCode;

/// <summary>
/// A true TRK004 finding in public code, proven on the published binary (MQTTnet 5.2.0.1603 from NuGet, rewritten for
/// Coyote; none of its code is copied here). <c>AsyncLock.EnterAsync</c> reads <c>_isDisposed</c> before taking the lock
/// that <c>Dispose</c> takes to set it and to fail the queued waiters, so a waiter can be queued after <c>Dispose</c> has
/// drained the queue; <c>Release</c> then returns early because the lock is disposed, and nobody ever completes it.
/// </summary>
public sealed class MqttNetAsyncLockTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_waiter_queued_while_the_lock_is_disposed_is_never_completed()
    {
        var found = await CoyoteExplorer.ExploreAsync(EnterWhileDisposingAsync, Explore.Options(iterations: 500));

        Assert.True(found.BugFound, "Coyote should find the waiter that is never completed");
        Assert.Contains("Deadlock detected", found.Bug, StringComparison.Ordinal);
        Assert.Contains("Still expected: the second EnterAsync completes, approved or refused.", found.Bug, StringComparison.Ordinal);
        output.WriteLine($"found at iteration {found.Iterations}: {found.Bug}");
        output.WriteLine(TimelineText.Format(found.Timeline));
    }

    [Fact]
    public Task Without_a_concurrent_dispose_every_waiter_gets_the_lock() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
    {
        using var asyncLock = new AsyncLock();
        var first = await asyncLock.EnterAsync();
        var second = Task.Run(async () => await asyncLock.EnterAsync()); // an async lambda: see CoyoteLimitTests
        ctx.Record("test", "releasing the first holder");
        first.Dispose();
        (await second).Dispose();
    }, Explore.Options(iterations: 200));

    // One holder, a second caller entering, and a Dispose racing it. The second caller must end either way: with the
    // lock, or with ObjectDisposedException.
    private static async Task EnterWhileDisposingAsync(ExplorationContext ctx)
    {
        const string secondEnters = "the second EnterAsync completes, approved or refused";
        var asyncLock = new AsyncLock();
        var first = await asyncLock.EnterAsync();
        ctx.Eventually.Expect(secondEnters);
        var second = Task.Run(async () =>
        {
            try
            {
                (await asyncLock.EnterAsync()).Dispose();
                ctx.Record("second", "got the lock");
            }
            catch (ObjectDisposedException)
            {
                ctx.Record("second", "refused: the lock is disposed");
            }

            ctx.Eventually.Met(secondEnters);
        });
        var dispose = Task.Run(() => { asyncLock.Dispose(); ctx.Record("disposer", "disposed the lock"); });

        await dispose;
        first.Dispose();
        ctx.Record("first", "released");
        await second;
    }
}
