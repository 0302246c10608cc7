namespace TrackerRace.Runtime.Time;

/// <summary>How a <see cref="RecurringTimer"/> measures its period.</summary>
public enum RecurrenceMode
{
    /// <summary>The next run is armed a period after the previous run finished (Java's <c>scheduleWithFixedDelay</c>): TaskTracker's dispatcher and status check.</summary>
    FixedDelay,

    /// <summary>Runs are a period apart from the first one (Java's <c>scheduleAtFixedRate</c>): ProcessorTracker's checker.</summary>
    FixedRate,
}

/// <summary>
/// A periodic job on a <see cref="TimeProvider"/>, mirroring the Java scheduled executors PowerJob uses.
/// Each run is handed to <paramref name="post"/>, which puts it on the owner's mailbox; runs never overlap.
/// </summary>
public sealed class RecurringTimer : IDisposable
{
    // A Lock, not a Monitor: the gate only orders this timer's own Change and Dispose calls (from the owner's mailbox, from a
    // crash, from the clock's callback, which a virtual clock runs only when nothing else can), so a preemption before each
    // explores nothing (Coyote 1.7 makes every Monitor enter a scheduling point). No body here may yield (a Lock is not controlled).
    private readonly Lock gate = new();
    private readonly ITimer timer;
    private readonly Func<Func<Task>, Task> post;
    private readonly Func<Task> run;
    private readonly TimeSpan period;
    private readonly RecurrenceMode mode;
    private readonly TimeProvider time;
    private DateTimeOffset nextDue;
    private bool disposed;

    /// <summary>Creates and starts the timer; the first run is due after <paramref name="initialDelay"/>.</summary>
    public RecurringTimer(TimeProvider time, TimeSpan initialDelay, TimeSpan period, RecurrenceMode mode, Func<Func<Task>, Task> post, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        this.time = time;
        this.period = period;
        this.mode = mode;
        this.post = post;
        this.run = run;
        this.nextDue = time.GetUtcNow() + initialDelay;
        this.timer = time.CreateTimer(static s => ((RecurringTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        this.timer.Change(initialDelay < TimeSpan.Zero ? TimeSpan.Zero : initialDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops future runs; a run already posted still completes.</summary>
    public void Dispose()
    {
        lock (this.gate)
        {
            if (this.disposed)
            {
                return;
            }

            this.disposed = true;

            // Under the gate so that Rearm never calls Change on a disposed timer (which throws).
            this.timer.Dispose();
        }
    }

    private void OnDue()
    {
        lock (this.gate)
        {
            if (this.disposed)
            {
                return;
            }
        }

        _ = this.post(this.RunThenRearmAsync);
    }

    private async Task RunThenRearmAsync()
    {
        try
        {
            await this.run();
        }
        finally
        {
            this.Rearm();
        }
    }

    private void Rearm()
    {
        lock (this.gate)
        {
            if (this.disposed)
            {
                return;
            }

            TimeSpan due;
            var now = this.time.GetUtcNow();
            if (this.mode == RecurrenceMode.FixedRate)
            {
                // Like scheduleAtFixedRate: keep the grid; a run that overran fires the next one at once.
                this.nextDue += this.period;
                due = this.nextDue > now ? this.nextDue - now : TimeSpan.Zero;
            }
            else
            {
                this.nextDue = now + this.period;
                due = this.period;
            }

            this.timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }
}
