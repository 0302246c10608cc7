namespace TrackerRace.Coyote.Time;

/// <summary>How a <see cref="VirtualClock"/> moves time. The defaults suit most components: exact timers, fired concurrently.</summary>
public sealed record VirtualClockOptions
{
    /// <summary>
    /// How late a timer may fire, chosen by Coyote per firing in whole <see cref="LatenessStep"/>s from zero up to this,
    /// so a drift that loses work is found and replays. Zero (the default) fires every timer on time.
    /// </summary>
    public TimeSpan MaxTimerLateness { get; init; }

    /// <summary>The unit of <see cref="MaxTimerLateness"/>; one millisecond by default.</summary>
    public TimeSpan LatenessStep { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Timers due within this window of the earliest due one fire together, in an order Coyote picks. Work takes no virtual
    /// time, so without it two timers race only when due at the same instant. Zero by default.
    /// </summary>
    public TimeSpan CoalesceWindow { get; init; }

    /// <summary>
    /// The virtual time after which the clock stops and fails the iteration ("never settles") if the test is still waiting.
    /// Ten virtual minutes by default; a test of a longer process sets more.
    /// </summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How a due timer's callback runs: on its own controlled task (the default, like the thread pool) or inline.</summary>
    public TimerCallbacks Callbacks { get; init; } = TimerCallbacks.Concurrent;

    /// <summary>Checks the values and names the first one out of range.</summary>
    public void Validate()
    {
        if (this.MaxTimerLateness < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.MaxTimerLateness), this.MaxTimerLateness, "VirtualClockOptions.MaxTimerLateness must be zero or positive.");
        }

        if (this.LatenessStep <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.LatenessStep), this.LatenessStep, "VirtualClockOptions.LatenessStep must be positive.");
        }

        if (this.MaxTimerLateness.Ticks / this.LatenessStep.Ticks > int.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(this.MaxTimerLateness), this.MaxTimerLateness, "VirtualClockOptions.MaxTimerLateness is too many LatenessSteps for Coyote to choose among.");
        }

        if (this.CoalesceWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.CoalesceWindow), this.CoalesceWindow, "VirtualClockOptions.CoalesceWindow must be zero or positive.");
        }

        if (this.Limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.Limit), this.Limit, "VirtualClockOptions.Limit must be positive.");
        }
    }
}
