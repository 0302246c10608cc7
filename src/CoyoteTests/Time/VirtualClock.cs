using Microsoft.Coyote.Random;

namespace TrackerRace.CoyoteTests.Time;

/// <summary>
/// A <see cref="TimeProvider"/> for Coyote runs. Time stands still until <see cref="RunAsync"/>
/// advances it to the next due timer, which it does only when the runtime is idle, so Coyote decides
/// what runs at the current instant and in which order, and nothing runnable is ever delayed by time. Each timer fires up to <c>maxJitter</c> late, the
/// lateness drawn from Coyote's own nondeterminism, so a found schedule replays exactly.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>Virtual t=0.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object gate = new();
    private readonly List<VirtualTimer> pending = [];
    private readonly Generator random = Generator.Create();
    private readonly int maxJitterMs;
    private TimeSpan now;
    private long sequence;

    /// <summary>Creates a clock at virtual t=0 whose timers fire up to <paramref name="maxJitter"/> late.</summary>
    public VirtualClock(TimeSpan maxJitter) => this.maxJitterMs = (int)maxJitter.TotalMilliseconds;

    /// <summary>Virtual time since the clock started.</summary>
    public TimeSpan Elapsed
    {
        get { lock (this.gate) { return this.now; } }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Origin + this.Elapsed;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Fires timers in due order until <paramref name="done"/> holds, nothing is scheduled, or
    /// <paramref name="limit"/> of virtual time has passed. Before each step the clock waits until the
    /// runtime is idle (<paramref name="whenIdle"/>): blocked, not polling, so under every strategy
    /// Coyote must run all work of the current instant, in whatever order it picks, before time moves.
    /// </summary>
    public async Task RunAsync(Func<bool> done, Func<Task> whenIdle, TimeSpan limit)
    {
        while (true)
        {
            // "Done" is judged at quiescence: a condition read mid-step (e.g. a registry emptied by a stop
            // request whose destroy handlers are still queued) would end the run too early.
            await whenIdle();
            if (done())
            {
                return;
            }

            VirtualTimer? next;
            lock (this.gate)
            {
                next = this.pending.Count == 0 ? null : this.pending.MinBy(t => (t.Due, t.Sequence))!;
            }

            if (next is null)
            {
                return;
            }

            lock (this.gate)
            {

                if (next.Due > limit)
                {
                    return;
                }

                this.pending.Remove(next);
                if (next.Due > this.now)
                {
                    this.now = next.Due;
                }

                if (next.Period > TimeSpan.Zero)
                {
                    this.Arm(next, next.Period);
                }
            }

            next.Fire();
        }
    }

    private void Arm(VirtualTimer timer, TimeSpan due)
    {
        // Caller holds the gate.
        var jitter = this.maxJitterMs > 0 ? TimeSpan.FromMilliseconds(this.random.NextInteger(this.maxJitterMs + 1)) : TimeSpan.Zero;
        timer.Due = this.now + due + jitter;
        timer.Sequence = ++this.sequence;
        this.pending.Add(timer);
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan Due { get; set; }

        public long Sequence { get; set; }

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
