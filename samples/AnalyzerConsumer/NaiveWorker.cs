using System.Collections.Concurrent;

namespace AnalyzerConsumer;

/// <summary>
/// A worker written the way PowerJob's ProcessorTracker was before 5.1.1, so every TrackerRace rule
/// has something to say. `samples/AnalyzerConsumer/check.sh` builds it against the packed analyzer
/// and expects each rule's warning.
/// </summary>
public sealed class NaiveWorker : IDisposable
{
    private readonly object gate = new();
    private readonly ConcurrentQueue<Action> queue = new();
    private readonly Timer checker;
    private long lastActive = Environment.TickCount64;
    private bool disposed;

    // The checker runs the queued work and then looks at how long the worker has been idle.
    public NaiveWorker() => this.checker = new Timer(_ => { this.RunPending(); this.Check(); }, null, 10_000, 10_000);

    // TRK004: nothing stops work from arriving after Dispose.
    public void Enqueue(Action work) => this.queue.Enqueue(work);

    private void RunPending()
    {
        while (!this.disposed && this.queue.TryDequeue(out var work))
        {
            work();
            this.lastActive = Environment.TickCount64;
        }
    }

    // TRK001: the timer and the flag go, the queued work is never looked at.
    public void Dispose()
    {
        lock (this.gate)
        {
            this.disposed = true;
        }

        this.checker.Dispose();
    }

    // TRK003: the check is stale by the time the teardown runs.
    public async Task StopWhenIdleAsync()
    {
        if (this.queue.IsEmpty)
        {
            await Task.Delay(100);
            this.Dispose();
        }
    }

    // TRK002: idle by time alone.
    private void Check()
    {
        if (Environment.TickCount64 - this.lastActive > 120_000)
        {
            this.Dispose();
        }
    }
}
