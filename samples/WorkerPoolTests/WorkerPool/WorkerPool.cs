using System.Threading.Channels;

namespace Samples.WorkerPool;

/// <summary>
/// A pool of workers that retires itself once it has been idle for a while, written the ordinary way: a channel of jobs,
/// a lock, worker loops and a <see cref="PeriodicTimer"/>. Time comes from a <see cref="TimeProvider"/>; that is all a
/// Coyote test needs from it.
/// </summary>
public sealed class WorkerPool
{
    private readonly WorkerPoolOptions options;
    private readonly TimeProvider time;
    private readonly Channel<Func<CancellationToken, Task>> jobs = Channel.CreateUnbounded<Func<CancellationToken, Task>>();
    private readonly CancellationTokenSource retired = new();
    // A plain object monitor, not System.Threading.Lock: Coyote 1.7 controls Monitor (it can interleave at `lock`) but
    // not Lock, whose contention between two controlled operations it cannot see.
    private readonly object gate = new();
    private int queued;
    private int running;
    private DateTimeOffset lastActivity;
    private bool closed;

    public WorkerPool(WorkerPoolOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        this.options = options;
        this.time = time;
        this.lastActivity = time.GetUtcNow();
        var loops = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(this.WorkAsync)).Append(Task.Run(this.RetireWhenIdleAsync));
        this.Completion = Task.WhenAll(loops.ToArray());
    }

    /// <summary>Completes once the pool has retired and every worker has stopped.</summary>
    public Task Completion { get; }

    /// <summary>Queues <paramref name="job"/>; false once the pool has retired. A job this accepts must run.</summary>
    public bool TryPost(Func<CancellationToken, Task> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (this.options.IdleCheck == IdleCheck.TimeSinceLastJob)
        {
            lock (this.gate)
            {
                if (this.closed)
                {
                    return false;
                }

                this.queued++;
            }

            return this.jobs.Writer.TryWrite(job);
        }

        // The refusal, the count the idle check reads and the hand-off are one step under the lock the check takes.
        lock (this.gate)
        {
            if (this.closed)
            {
                return false;
            }

            this.queued++;
            this.lastActivity = this.time.GetUtcNow();
            return this.jobs.Writer.TryWrite(job);
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            while (await this.jobs.Reader.WaitToReadAsync(this.retired.Token))
            {
                if (!this.jobs.Reader.TryRead(out var job))
                {
                    continue;
                }

                lock (this.gate)
                {
                    this.queued--;
                    this.running++;
                }

                try
                {
                    await job(this.retired.Token);
                }
                finally
                {
                    lock (this.gate)
                    {
                        this.running--;
                        this.lastActivity = this.time.GetUtcNow();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (this.retired.IsCancellationRequested)
        {
            // Retired.
        }
    }

    private async Task RetireWhenIdleAsync()
    {
        using var timer = new PeriodicTimer(this.options.CheckInterval, this.time);
        while (await timer.WaitForNextTickAsync())
        {
            lock (this.gate)
            {
                var nothingPending = this.running == 0 && (this.options.IdleCheck == IdleCheck.TimeSinceLastJob || this.queued == 0);
                if (!nothingPending || this.time.GetUtcNow() - this.lastActivity < this.options.IdleTimeout)
                {
                    continue;
                }

                this.closed = true;
                this.jobs.Writer.TryComplete();
            }

            this.retired.Cancel();
            return;
        }
    }
}
