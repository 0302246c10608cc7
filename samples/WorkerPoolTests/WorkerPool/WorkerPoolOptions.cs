namespace Samples.WorkerPool;

/// <summary>Settings of a <see cref="WorkerPool"/>.</summary>
public sealed record WorkerPoolOptions
{
    /// <summary>How many jobs run at once.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How long the pool waits without work before it retires.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the idle check runs.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How the idle check decides; <see cref="IdleCheck.NothingPending"/> unless you want the race.</summary>
    public IdleCheck IdleCheck { get; init; } = IdleCheck.NothingPending;

    internal void Validate()
    {
        if (this.Workers is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(this.Workers), this.Workers, "WorkerPoolOptions.Workers expects 1 to 1024.");
        }

        if (this.IdleTimeout <= TimeSpan.Zero || this.CheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.IdleTimeout), "WorkerPoolOptions.IdleTimeout and CheckInterval expect positive durations.");
        }
    }
}
