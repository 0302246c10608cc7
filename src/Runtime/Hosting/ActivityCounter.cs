namespace TrackerRace.Runtime.Hosting;

/// <summary>
/// Counts work that can make progress without time passing: messages in flight and handlers queued
/// or running. Zero means the runtime is waiting only on timers, which is when a simulator may move
/// virtual time forward without delaying anything.
/// </summary>
public sealed class ActivityCounter
{
    private int pending;

    /// <summary>Work items that can still run at the current instant.</summary>
    public int Pending => Volatile.Read(ref this.pending);

    internal void Enter() => Interlocked.Increment(ref this.pending);

    internal void Exit() => Interlocked.Decrement(ref this.pending);
}
