namespace Samples.WorkerPool;

/// <summary>How the pool decides it is idle enough to retire.</summary>
public enum IdleCheck
{
    /// <summary>
    /// Nothing queued, nothing running and nothing posted or finished for the idle timeout, decided under the same lock
    /// that accepts work. The default.
    /// </summary>
    NothingPending,

    /// <summary>
    /// The racy form, kept to show what Coyote finds: idle when no job has finished for the idle timeout and no worker is
    /// busy, by time alone. A job posted just before the check is still in the channel, the pool retires, and the accepted
    /// job never runs - PowerJob #1033 in a dozen lines.
    /// </summary>
    TimeSinceLastJob,
}
