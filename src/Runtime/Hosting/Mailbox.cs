namespace TrackerRace.Runtime.Hosting;

/// <summary>
/// Runs one role's handlers one at a time, in the style of an actor: PowerJob's trackers are
/// driven by timers and by message handlers, and this runtime models each role's handlers as
/// atomic steps. Work is spawned on the runtime's <see cref="TaskScheduler"/> so a test can pump
/// it deterministically, and a systematic tester can interleave the steps of different roles.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never allocates a wait handle (only WaitAsync is used), so there is nothing to dispose.")]
public sealed class Mailbox
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly TaskScheduler scheduler;
    private readonly Action<Exception> onUnhandled;
    private readonly ActivityCounter? activity;

    /// <summary>Creates a mailbox whose handlers run on <paramref name="scheduler"/>; <paramref name="activity"/> counts them while queued or running.</summary>
    public Mailbox(TaskScheduler scheduler, Action<Exception> onUnhandled, ActivityCounter? activity = null)
    {
        this.scheduler = scheduler;
        this.onUnhandled = onUnhandled;
        this.activity = activity;
    }

    /// <summary>Queues <paramref name="handler"/>; the returned task completes when it has run.</summary>
    public Task Post(Func<Task> handler)
    {
        this.activity?.Enter();
        return Spawn(this.scheduler, () => this.RunTurnAsync(handler));
    }

    /// <summary>Queues <paramref name="handler"/> and returns its result.</summary>
    public Task<T> Post<T>(Func<Task<T>> handler)
    {
        this.activity?.Enter();
        return Spawn(this.scheduler, () => this.RunTurnAsync(handler));
    }

    /// <summary>Starts <paramref name="work"/> on <paramref name="scheduler"/>: the runtime's one way to go concurrent.</summary>
    public static Task Spawn(TaskScheduler scheduler, Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();

    /// <summary>Starts <paramref name="work"/> on <paramref name="scheduler"/> and returns its result.</summary>
    public static Task<T> Spawn<T>(TaskScheduler scheduler, Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();

    private async Task RunTurnAsync(Func<Task> handler)
    {
        await this.turn.WaitAsync();
        try
        {
            await handler();
        }
        catch (Exception ex)
        {
            // A handler bug must be visible, not lost on an unobserved task.
            this.onUnhandled(ex);
        }
        finally
        {
            this.turn.Release();
            this.activity?.Exit();
        }
    }

    private async Task<T> RunTurnAsync<T>(Func<Task<T>> handler)
    {
        await this.turn.WaitAsync();
        try
        {
            return await handler();
        }
        finally
        {
            this.turn.Release();
            this.activity?.Exit();
        }
    }
}
