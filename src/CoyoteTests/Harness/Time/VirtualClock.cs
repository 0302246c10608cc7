using Microsoft.Coyote.Random;
using Microsoft.Coyote.Specifications;

namespace TrackerRace.Coyote.Time;

/// <summary>
/// A <see cref="TimeProvider"/> for Coyote explorations that drives everything .NET code does with one:
/// <see cref="CreateTimer"/>, and so <c>Task.Delay(t, clock)</c>, <c>new PeriodicTimer(t, clock)</c>,
/// <c>new CancellationTokenSource(t, clock)</c>, <c>task.WaitAsync(t, clock)</c>, and <see cref="GetUtcNow"/> and
/// <see cref="GetTimestamp"/>. Time stands still while anything else can run and then moves straight to the next due
/// timer, so a component under test needs no change beyond taking a <see cref="TimeProvider"/>: no work counters, no hooks.
/// </summary>
/// <remarks>
/// A driver operation, started with the clock, parks itself the way Coyote parks a rewritten <c>Task.Delay</c>: Coyote
/// runs it again only when no other controlled operation is enabled, whatever the strategy. It then looks once more
/// (an operation whose wait just ended may be enabled in the same pass), fires the due timers, and parks again. Timer
/// lateness is a Coyote choice drawn by the driver, never in <see cref="CreateTimer"/>: Coyote ends an iteration by
/// throwing at its scheduling points, and a <see cref="PeriodicTimer"/> whose constructor throws crashes the process from
/// its finalizer. The clock's own lock is a <see cref="Lock"/>, which Coyote 1.7 does not rewrite, so the clock adds no
/// scheduling points of its own.
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>Virtual t=0 as a date.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly List<VirtualTimer> pending = [];
    private readonly List<SettleWaiter> waiters = [];
    private readonly Generator random = Generator.Create();
    private readonly VirtualClockOptions options;
    private readonly object runtime;
    private readonly Action<string>? record;
    private TimeSpan now;
    private long sequence;

    /// <summary>Starts a clock at virtual t=0. Must be created inside a Coyote iteration (a test body).</summary>
    public VirtualClock(VirtualClockOptions? options = null)
        : this(options, record: null)
    {
    }

    internal VirtualClock(VirtualClockOptions? options, Action<string>? record)
    {
        this.options = options ?? new VirtualClockOptions();
        this.options.Validate();
        CoyoteScheduler.EnsureSupported();
        this.runtime = CoyoteScheduler.CurrentRuntime
            ?? throw new InvalidOperationException("A VirtualClock runs inside a Coyote exploration: create it in the test body given to CoyoteExplorer (or ctx.Clock).");
        if (!CoyoteScheduler.IsInterleaving(this.runtime))
        {
            throw new InvalidOperationException("The VirtualClock needs Coyote's interleaving exploration; Coyote's fuzzing mode controls nothing for it to wait on.");
        }

        this.record = record;
        _ = Task.Run(this.Drive);
    }

    /// <summary>Virtual time since the clock started.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (this.gate)
            {
                return this.now;
            }
        }
    }

    /// <summary>Timers that fired so far (a measure of how much the clock did, for reports).</summary>
    public int Fires { get; private set; }

    /// <summary>How many times the clock waited for everything else to stop before it moved time: its own scheduling cost.</summary>
    public int Waits { get; private set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Origin + this.Elapsed;

    /// <inheritdoc />
    public override long GetTimestamp() => this.Elapsed.Ticks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (state is Task promise)
        {
            CoyoteScheduler.RegisterControlledTask(this.runtime, promise);
        }

        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Completes with true once <paramref name="settled"/> holds at a moment when nothing else can run, or with false when
    /// nothing is left to run or the <see cref="VirtualClockOptions.Limit"/> comes first. "Settled" is judged only at such
    /// moments: state read halfway through a step (a registry emptied while its handlers are still queued) would end a test
    /// too early.
    /// </summary>
    public Task<bool> WhenSettledAsync(Func<bool> settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        var waiter = new SettleWaiter(settled);
        lock (this.gate)
        {
            this.waiters.Add(waiter);
        }

        return waiter.Completion.Task;
    }

    private void Drive()
    {
        while (true)
        {
            CoyoteScheduler.PauseUntil(this.runtime, () => this.pending.Count > 0 || this.waiters.Count > 0, "a VirtualClock timer to be armed");
            this.WaitUntilNothingElseCanRun();
            if (!CoyoteScheduler.IsRunning(this.runtime))
            {
                return; // The iteration is over: this is a leftover thread.
            }

            if (this.ReleaseSettledWaiters())
            {
                continue;
            }

            var batch = this.NextBatch(out var due, out var stop);
            if (stop is not null)
            {
                Stop(stop);
                return;
            }

            if (batch is null)
            {
                continue;
            }

            this.record?.Invoke($"time moves to {due.TotalSeconds:0.000}s: {string.Join(", ", batch.Select(t => t.Describe()))}");
            foreach (var timer in batch)
            {
                this.Fires++;
                if (this.options.Callbacks == TimerCallbacks.Inline)
                {
                    timer.Fire();
                }
                else
                {
                    _ = Task.Run(timer.Fire);
                }
            }
        }
    }

    private void WaitUntilNothingElseCanRun()
    {
        this.Waits++;
        CoyoteScheduler.ParkUntilNothingElseCanRun(this.runtime);
        while (CoyoteScheduler.IsRunning(this.runtime) && CoyoteScheduler.AnyOtherEnabled(this.runtime))
        {
            CoyoteScheduler.ParkUntilNothingElseCanRun(this.runtime);
        }
    }

    // At quiescence, before time moves: waiters whose condition now holds go first, and time waits for them.
    private bool ReleaseSettledWaiters()
    {
        List<SettleWaiter> done;
        lock (this.gate)
        {
            done = this.waiters.Where(w => w.Settled()).ToList();
            foreach (var waiter in done)
            {
                this.waiters.Remove(waiter);
            }
        }

        foreach (var waiter in done)
        {
            waiter.Completion.TrySetResult(true);
        }

        return done.Count > 0;
    }

    // The timers due next (with Coyote-chosen lateness), and the instant they fire at; or why the clock must stop.
    private List<VirtualTimer>? NextBatch(out TimeSpan due, out string? stop)
    {
        stop = null;
        due = TimeSpan.Zero;
        List<SettleWaiter> unsettled;
        lock (this.gate)
        {
            foreach (var timer in this.pending.Where(t => !t.LatenessDrawn).OrderBy(t => t.Sequence))
            {
                timer.LatenessDrawn = true;
                var steps = (int)(this.options.MaxTimerLateness.Ticks / this.options.LatenessStep.Ticks);
                if (steps > 0)
                {
                    timer.Due += this.options.LatenessStep * this.random.NextInteger(steps + 1);
                }
            }

            if (this.pending.Count > 0)
            {
                due = this.pending.Min(t => t.Due);
                if (due <= this.options.Limit)
                {
                    var until = due + this.options.CoalesceWindow;
                    var batch = this.pending.Where(t => t.Due <= until).OrderBy(t => t.Due).ThenBy(t => t.Sequence).ToList();
                    due = batch.Max(t => t.Due);
                    this.now = due > this.now ? due : this.now;
                    foreach (var timer in batch)
                    {
                        this.pending.Remove(timer);
                        if (timer.Period > TimeSpan.Zero)
                        {
                            this.Arm(timer, timer.Period);
                        }
                    }

                    return batch;
                }
            }

            unsettled = [.. this.waiters];
            this.waiters.Clear();
            if (unsettled.Count == 0 && this.pending.Count > 0)
            {
                stop = $"virtual-time limit {this.options.Limit} reached at {this.now} with {this.pending.Count} timer(s) pending "
                    + $"(next: {string.Join(", ", this.pending.OrderBy(t => t.Due).Take(5).Select(t => $"{t.Describe()} at {t.Due}"))})";
            }
        }

        // Waiters learn the truth and decide; with none, a clock past its limit while timers still tick never settles.
        foreach (var waiter in unsettled)
        {
            waiter.Completion.TrySetResult(false);
        }

        return null;
    }

    private static void Stop(string reason) =>
        Specification.Assert(false, "The code under test never settles: {0}. Raise VirtualClockOptions.Limit if it legitimately runs longer.", reason);

    private void Arm(VirtualTimer timer, TimeSpan due)
    {
        // Caller holds the gate. No Coyote call here: the lateness, a Coyote choice, is drawn by the driver.
        timer.Due = this.now + due;
        timer.LatenessDrawn = false;
        timer.Sequence = ++this.sequence;
        this.pending.Add(timer);
    }

    private sealed class SettleWaiter(Func<bool> settled)
    {
        public Func<bool> Settled { get; } = settled;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan Due { get; set; }

        public long Sequence { get; set; }

        public bool LatenessDrawn { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.pending.Remove(this);
                this.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock.Arm(this, dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        // What .NET uses this timer for, from the state it passes: how the timeline names a firing.
        public string Describe() => state switch
        {
            PeriodicTimer => "PeriodicTimer tick",
            CancellationTokenSource => "CancelAfter",
            Task => state.GetType().Name.StartsWith("Delay", StringComparison.Ordinal) ? "Task.Delay" : "WaitAsync timeout",
            _ when state?.GetType().DeclaringType == typeof(PeriodicTimer) => "PeriodicTimer tick",
            _ => "timer",
        };

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.pending.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            this.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
