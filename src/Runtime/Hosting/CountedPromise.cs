namespace TrackerRace.Runtime.Hosting;

/// <summary>
/// A promise awaited by counted work. The waiter stops counting while it waits; the waker counts it
/// again before completing the promise, so the runtime never looks idle between the wake-up and the
/// waiter's next step.
/// </summary>
internal sealed class CountedPromise<T>
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActivityCounter activity;

    public CountedPromise(ActivityCounter activity) => this.activity = activity;

    public bool TrySetResult(T value)
    {
        this.activity.Enter();
        if (this.completion.TrySetResult(value))
        {
            return true;
        }

        this.activity.Exit();
        return false;
    }

    public bool TrySetCanceled()
    {
        this.activity.Enter();
        if (this.completion.TrySetCanceled())
        {
            return true;
        }

        this.activity.Exit();
        return false;
    }

    /// <summary>Waits for the value; call once, from counted work.</summary>
    public Task<T> WaitAsync()
    {
        this.activity.Exit();
        return this.completion.Task;
    }
}
