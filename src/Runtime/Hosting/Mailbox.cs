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
    [ThreadStatic]
    private static bool deliveryMayRunHere;

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
    /// Runs <paramref name="delivery"/>, a message delivery that is a spawned task of its own and ends once the message is
    /// queued: the first mailbox it posts to and finds idle is run on this task instead of a new one. The delivery task already
    /// stood between the send and the handler, so a second hop adds no ordering a scheduler could explore, only a task (under
    /// Coyote, an operation and an OS thread each).
    /// </summary>
    public static void RunDelivery(Action delivery)
    {
        deliveryMayRunHere = true;
        try
        {
            delivery();
        }
        finally
        {
            deliveryMayRunHere = false;
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
        if (deliveryMayRunHere)
        {
            // Once per delivery: a second mailbox posted to by the same message (a stop for several trackers) gets a task of its own.
            deliveryMayRunHere = false;
            _ = this.RunAsync();
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
