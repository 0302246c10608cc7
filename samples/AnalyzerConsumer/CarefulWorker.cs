namespace AnalyzerConsumer;

/// <summary>
/// The same worker done right, guarded by a <see cref="Lock"/> (C# 13 lowers <c>lock</c> on it to
/// <c>EnterScope</c>/<c>Dispose</c>). check.sh expects no warning from this file.
/// </summary>
public sealed class CarefulWorker : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<Action> pending = new();
    private bool disposed;

    public bool TryEnqueue(Action work)
    {
        lock (this.gate)
        {
            if (this.disposed)
            {
                return false;
            }

            this.pending.Enqueue(work);
            return true;
        }
    }

    public void Dispose()
    {
        lock (this.gate)
        {
            if (this.pending.Count > 0)
            {
                throw new InvalidOperationException($"{this.pending.Count} queued item(s) would be lost");
            }

            this.disposed = true;
        }
    }

    public void StopWhenIdle()
    {
        lock (this.gate)
        {
            if (this.pending.Count > 0)
            {
                return;
            }

            this.disposed = true;
        }

        this.Dispose();
    }
}
