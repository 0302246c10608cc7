namespace TrackerRace.Runtime.Tests.Simulation;

/// <summary>
/// Makes every timer fire <see cref="Jitter"/> late, as real timers do. This matters for #1033: a
/// fixed-delay timer (the TaskTracker's dispatcher) accumulates the lateness run after run, while a
/// fixed-rate one (the ProcessorTracker's checker) keeps its grid. With PowerJob's constants both
/// grids meet every 10 s, and it is this drift that lets the idle check win the tie.
/// </summary>
internal sealed class JitteredTimeProvider : TimeProvider
{
    private readonly TimeProvider inner;

    public JitteredTimeProvider(TimeProvider inner, TimeSpan jitter)
    {
        this.inner = inner;
        this.Jitter = jitter;
    }

    public TimeSpan Jitter { get; }

    public override DateTimeOffset GetUtcNow() => this.inner.GetUtcNow();

    public override long GetTimestamp() => this.inner.GetTimestamp();

    public override long TimestampFrequency => this.inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => this.inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new LateTimer(this.inner.CreateTimer(callback, state, this.Late(dueTime), period), this);

    private TimeSpan Late(TimeSpan due) => due == Timeout.InfiniteTimeSpan ? due : due + this.Jitter;

    private sealed class LateTimer(ITimer timer, JitteredTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(owner.Late(dueTime), period);

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
