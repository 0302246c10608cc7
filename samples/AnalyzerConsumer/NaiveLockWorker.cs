namespace AnalyzerConsumer;

/// <summary>
/// The naive re-check with a <see cref="Lock"/>: the queue is read after the lock is released, so a
/// post can slip in before the cancel (TRK003). Under nullable analysis the compiler's flow graph
/// hides a <c>lock</c> on <see cref="Lock"/>, so this case is checked here, with the real compiler.
/// </summary>
public sealed class NaiveLockWorker
{
    private readonly Lock gate = new();
    private readonly Queue<Action> pending = new();
    private readonly CancellationTokenSource life = new();
    private bool stopped;

    public bool TryPost(Action item)
    {
        lock (this.gate)
        {
            if (this.stopped)
            {
                return false;
            }

            this.pending.Enqueue(item);
            return true;
        }
    }

    public void RunOne()
    {
        Action? item;
        lock (this.gate)
        {
            if (this.life.IsCancellationRequested || !this.pending.TryDequeue(out item))
            {
                return;
            }
        }

        item();
    }

    public void StopIfIdle()
    {
        bool idle;
        lock (this.gate)
        {
            idle = true;
        }

        if (idle && this.pending.Count == 0)
        {
            this.life.Cancel();
        }
    }

    public void Stop()
    {
        lock (this.gate)
        {
            this.stopped = true;
            this.pending.Clear();
        }

        this.life.Cancel();
    }
}
