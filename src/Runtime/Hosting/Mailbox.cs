namespace TrackerRace.Runtime.Hosting;

/// <summary>
/// Runs one role's handlers one at a time, in the style of an actor: PowerJob's trackers are driven
/// by timers and by message handlers, and this runtime models each role's handlers as atomic steps.
/// One runner drains the queue, spawned on the runtime's <see cref="TaskScheduler"/> so a test can
/// pump it deterministically and a systematic tester can interleave the runners of different roles.
/// The runner counts as activity; handlers waiting behind a handler that waits do not.
/// </summary>
public sealed class Mailbox
{
    // Set while a delivery task hands its message over (see RunDelivery): its scheduler, and the mailbox it will run after.
    [ThreadStatic]
    private static TaskScheduler? deliveringOn;

    [ThreadStatic]
    private static Mailbox? runAfterDelivery;

    private readonly object gate = new();
    private readonly Queue<Func<Task>> queue = new();
    private readonly TaskScheduler scheduler;
    private readonly Action<Exception> onUnhandled;
    private readonly ActivityCounter activity;
    private bool running;
    private bool halted;

    /// <summary>Creates a mailbox whose runner runs on <paramref name="scheduler"/> and counts in <paramref name="activity"/>.</summary>
    public Mailbox(TaskScheduler scheduler, Action<Exception> onUnhandled, ActivityCounter activity)
    {
        this.scheduler = scheduler;
        this.onUnhandled = onUnhandled;
        this.activity = activity;
    }

    /// <summary>Queues <paramref name="handler"/>; the returned task completes when it has run. A handler's exception goes to the unhandled callback.</summary>
    public Task Post(Func<Task> handler)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        this.Enqueue(async () =>
        {
            try
            {
                if (!this.halted)
                {
                    await handler();
                }
            }
            catch (Faults.NodeCrashedException)
            {
                // The node died inside the handler: what the handler had left to do died with it.
            }
            catch (Exception ex)
            {
                // A handler bug must be visible, not lost on an unobserved task.
                this.onUnhandled(ex);
            }
            finally
            {
                done.TrySetResult();
            }
        });
        return done.Task;
    }

    /// <summary>
    /// Its node crashed: handlers queued or posted from now on never run (their tasks still complete, so nothing waits
    /// forever on a dead role). A handler already running stops at its next crash check or finishes against a dead node.
    /// </summary>
    public void Halt() => this.halted = true;

    /// <summary>Starts <paramref name="work"/> on <paramref name="scheduler"/>: the runtime's one way to go concurrent.</summary>
    public static Task Spawn(TaskScheduler scheduler, Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();

    /// <summary>
    /// Runs <paramref name="handOff"/> on a delivery task of <paramref name="scheduler"/> that ends once its message is handed
    /// over; then, instead of ending, the task becomes the runner of the first mailbox the hand-off found idle (on the same
    /// scheduler). A spawned runner could start right after the post; this one starts when the hand-off is done, which is the
    /// same as long as the rest of a hand-off only posts to other mailboxes (a node's receive does nothing else): those get
    /// runners of their own, as before, which may run first. A message so costs one task instead of two (under Coyote 1.7, an
    /// operation and an OS thread each).
    /// </summary>
    public static void RunDelivery(TaskScheduler scheduler, Action handOff)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(handOff);
        var outer = (deliveringOn, runAfterDelivery);
        (deliveringOn, runAfterDelivery) = (scheduler, null);
        try
        {
            handOff();
        }
        finally
        {
            var claimed = runAfterDelivery;
            (deliveringOn, runAfterDelivery) = outer;

            // Even after a failed hand-off: the mailbox is marked running, and nothing else would ever drain it.
            if (claimed is not null)
            {
                _ = claimed.RunAsync();
            }
        }
    }

    private void Enqueue(Func<Task> item)
    {
        lock (this.gate)
        {
            this.queue.Enqueue(item);
            if (this.running)
            {
                return;
            }

            this.running = true;
        }

        this.activity.Enter();
        if (runAfterDelivery is null && deliveringOn == this.scheduler)
        {
            runAfterDelivery = this;
            return;
        }

        _ = Spawn(this.scheduler, this.RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                Func<Task> next;
                lock (this.gate)
                {
                    if (!this.queue.TryDequeue(out next!))
                    {
                        this.running = false;
                        return;
                    }
                }

                await next();
            }
        }
        finally
        {
            this.activity.Exit();
        }
    }
}
