namespace TrackerRace.Runtime.Hosting;

/// <summary>
/// Counts runtime work that can make progress without time passing. Every concurrent piece of
/// work the runtime starts (a mailbox's runner, a message delivery, a pool worker, a reliable report)
/// counts while it runs; while it waits for a reply or a delay it does not, and whoever wakes it
/// counts it again before waking it (see <see cref="CountedPromise{T}"/>), so there is no gap.
/// Zero therefore means "waiting only on timers": the moment a simulator may advance virtual time.
/// </summary>
public sealed class ActivityCounter
{
    // A Lock, not a Monitor: Coyote 1.7 makes every Monitor enter a scheduling point and this counter is only read by a
    // simulator's idle test, so a preemption before it explores nothing. No body here may yield (a Lock is not controlled).
    private readonly Lock gate = new();
    private int pending;
    private TaskCompletionSource? idle;

    /// <summary>Work items that can still run at the current instant.</summary>
    public int Pending
    {
        get { lock (this.gate) { return this.pending; } }
    }

    /// <summary>Completes when <see cref="Pending"/> is zero (at once if it already is).</summary>
    public Task WhenIdleAsync()
    {
        lock (this.gate)
        {
            if (this.pending == 0)
            {
                return Task.CompletedTask;
            }

            this.idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return this.idle.Task;
        }
    }

    internal void Enter()
    {
        lock (this.gate)
        {
            this.pending++;
        }
    }

    internal void Exit()
    {
        TaskCompletionSource? woken = null;
        lock (this.gate)
        {
            this.pending--;
            if (this.pending < 0)
            {
                throw new InvalidOperationException("ActivityCounter went below zero: an Exit without its Enter.");
            }

            if (this.pending == 0)
            {
                (woken, this.idle) = (this.idle, null);
            }
        }

        woken?.TrySetResult();
    }
}
