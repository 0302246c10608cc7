using TrackerRace.Runtime.Hosting;

namespace TrackerRace.Runtime.Processing;

/// <summary>
/// A ProcessorTracker's bounded executor: PowerJob's <c>ThreadPoolExecutor(n, n)</c> over an
/// <c>ArrayBlockingQueue(128)</c> with <c>AbortPolicy</c>. It keeps the two counters PowerJob's idle
/// rule reads (active and completed) and <see cref="ShutdownNow"/> cancels running work.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Running work holds the interrupt token until it observes it; the source is cancelled by ShutdownNow and owns no unmanaged resource.")]
internal sealed class ProcessorPool
{
    private readonly object gate = new();
    private readonly Queue<Func<CancellationToken, Task>> queue = new();
    private readonly CancellationTokenSource interrupt = new();
    private readonly int threads;
    private readonly int queueCapacity;
    private readonly TaskScheduler scheduler;
    private readonly ActivityCounter activity;
    private int active;
    private long completed;
    private bool shutdown;

    public ProcessorPool(int threads, int queueCapacity, TaskScheduler scheduler, ActivityCounter activity)
    {
        this.activity = activity;
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        this.scheduler = scheduler;
    }

    public int ActiveCount
    {
        get { lock (this.gate) { return this.active; } }
    }

    public long CompletedCount
    {
        get { lock (this.gate) { return this.completed; } }
    }

    public int QueueLength
    {
        get { lock (this.gate) { return this.queue.Count; } }
    }

    /// <summary>Runs or queues <paramref name="work"/>; false if the pool is shut down or full (the caller reports the rejection).</summary>
    public bool TrySubmit(Func<CancellationToken, Task> work)
    {
        lock (this.gate)
        {
            if (this.shutdown)
            {
                return false;
            }

            if (this.active < this.threads)
            {
                this.active++;
                this.activity.Enter();
                _ = Mailbox.Spawn(this.scheduler, () => this.WorkerAsync(work));
                return true;
            }

            if (this.queue.Count < this.queueCapacity)
            {
                this.queue.Enqueue(work);
                return true;
            }

            return false;
        }
    }

    /// <summary>Java's <c>shutdownNow</c>: refuse new work, drop the queue, interrupt what runs.</summary>
    public int ShutdownNow()
    {
        int dropped;
        lock (this.gate)
        {
            this.shutdown = true;
            dropped = this.queue.Count;
            this.queue.Clear();
        }

        this.interrupt.Cancel();
        return dropped;
    }

    private async Task WorkerAsync(Func<CancellationToken, Task> work)
    {
        while (true)
        {
            try
            {
                await work(this.interrupt.Token);
            }
            catch (Exception)
            {
                // The work item reports its own failure; a worker thread survives it, as in Java's pool.
            }

            lock (this.gate)
            {
                this.completed++;
                if (this.shutdown || !this.queue.TryDequeue(out var next))
                {
                    this.active--;
                    this.activity.Exit();
                    return;
                }

                work = next;
            }
        }
    }
}
