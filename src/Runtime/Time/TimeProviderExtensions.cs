namespace TrackerRace.Runtime.Time;

/// <summary>
/// Time helpers built only on <see cref="TimeProvider.CreateTimer"/> and <see cref="TimeProvider.GetUtcNow"/>,
/// so that a test or Coyote time provider controls every wait the runtime makes.
/// </summary>
public static class TimeProviderExtensions
{
    /// <summary>The current time as Unix milliseconds, PowerJob's timestamp unit.</summary>
    public static long NowMs(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Completes after <paramref name="delay"/> of <paramref name="time"/>'s clock. Deliberately not
    /// <c>Task.Delay(TimeSpan, TimeProvider)</c>: the Coyote rewriter does not know that overload, while
    /// a timer from the provider is exactly what a controlled provider intercepts.
    /// </summary>
    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        return new DelayPromise(time, delay, cancellationToken).Task;
    }

    /// <summary>
    /// <see cref="DelayAsync(TimeProvider, TimeSpan, CancellationToken)"/> for counted runtime work: the
    /// caller stops counting while it waits, and the timer counts it again before waking it.
    /// </summary>
    internal static async Task DelayAsync(this TimeProvider time, TimeSpan delay, Hosting.ActivityCounter activity, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var woken = new Hosting.CountedPromise<bool>(activity);
        using var timer = time.CreateTimer(static s => ((Hosting.CountedPromise<bool>)s!).TrySetResult(true), woken, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(static s => ((Hosting.CountedPromise<bool>)s!).TrySetCanceled(), woken);
        try
        {
            await woken.WaitAsync();
        }
        finally
        {
            registration.Unregister();
        }
    }

    private sealed class DelayPromise
    {
        private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ITimer timer;
        private readonly CancellationTokenRegistration registration;

        public DelayPromise(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
        {
            this.timer = time.CreateTimer(static s => ((DelayPromise)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
            {
                this.registration = cancellationToken.Register(static s => ((DelayPromise)s!).Cancel(), this);
            }

            // Arm after registration so a timer that fires at once still sees a fully built promise.
            this.timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        public Task Task => this.completion.Task;

        private void Fire()
        {
            if (this.completion.TrySetResult())
            {
                this.Cleanup();
            }
        }

        private void Cancel()
        {
            if (this.completion.TrySetCanceled())
            {
                this.Cleanup();
            }
        }

        private void Cleanup()
        {
            this.timer.Dispose();
            // Unregister, not Dispose: Dispose waits for a callback that is still running, and the woken continuation can
            // run before the cancelling thread has left the callback (under a systematic tester, it always may): a hang.
            this.registration.Unregister();
        }
    }
}
