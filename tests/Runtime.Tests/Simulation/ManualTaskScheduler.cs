namespace TrackerRace.Runtime.Tests.Simulation;

/// <summary>
/// A single-threaded scheduler the test pumps by hand: every handler, delivery and continuation of
/// the runtime runs here, in order, on the test thread, so a run is repeatable step for step.
/// </summary>
internal sealed class ManualTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> queue = new();

    public int ExecutedCount { get; private set; }

    /// <summary>Runs queued work until nothing is runnable; returns how many tasks ran.</summary>
    public int RunUntilIdle()
    {
        // xUnit runs tests under its own SynchronizationContext, and await prefers a context over the
        // current scheduler: without this, continuations would leave the pump for xUnit's threads.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var ran = 0;
            while (true)
            {
                Task? next;
                lock (this.queue)
                {
                    if (!this.queue.TryDequeue(out next))
                    {
                        return ran;
                    }
                }

                this.TryExecuteTask(next);
                ran++;
                this.ExecutedCount++;
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Starts <paramref name="work"/> on this scheduler, so its continuations stay here too.</summary>
    public Task<T> Start<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    protected override void QueueTask(Task task)
    {
        lock (this.queue)
        {
            this.queue.Enqueue(task);
        }
    }

    // Never inline: work posted from a timer callback must wait for the pump, like a real thread hop.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (this.queue)
        {
            return this.queue.ToArray();
        }
    }
}
