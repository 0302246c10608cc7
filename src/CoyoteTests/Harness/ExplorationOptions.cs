using TrackerRace.Coyote.Time;

namespace TrackerRace.Coyote;

/// <summary>
/// How <see cref="CoyoteExplorer"/> explores a test. Immutable; the defaults are what a test wants without choosing:
/// 100 random schedules from seed 0 (the same schedules on every run, so a test never flakes), strict control of
/// concurrency, and a step bound that fails instead of passing silently.
/// </summary>
public sealed record ExplorationOptions
{
    /// <summary>The environment variable that replays a saved trace in the test that recorded it.</summary>
    public const string ReplayVariable = "TRACKERRACE_REPLAY";

    /// <summary>The scheduling strategy.</summary>
    public ExplorationStrategy Strategy { get; init; } = ExplorationStrategy.Random;

    /// <summary>Schedules to explore before the test passes.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>
    /// The seed of Coyote's decisions: a run with the same seed explores the same schedules. Nearby seeds (1, 2, 3...)
    /// explore unrelated schedules: the harness spreads the seed before Coyote's generator sees it.
    /// </summary>
    public uint Seed { get; init; }

    /// <summary>
    /// Scheduling steps one iteration may take. Reaching it fails the iteration ("never settles" or a livelock): Coyote's
    /// default would end it quietly and call it a pass.
    /// </summary>
    public int MaxSteps { get; init; } = 20_000;

    /// <summary>How the iteration's <see cref="VirtualClock"/> moves time (timer lateness, virtual-time limit).</summary>
    public VirtualClockOptions Clock { get; init; } = new();

    /// <summary>
    /// Fail on concurrency Coyote cannot control (a <c>System.Threading.Timer</c>, a thread of your own, <c>DateTime.UtcNow</c>)
    /// instead of exploring it by luck. On by default; turn off only for code you cannot change, and expect weaker results.
    /// </summary>
    public bool FailOnUncontrolledConcurrency { get; init; } = true;

    /// <summary>A trace saved by a failing run of the same test: replays exactly that schedule instead of exploring.</summary>
    public string? ReplayTrace { get; init; }

    /// <summary>Where a failure writes its trace, timeline and diagram; <c>coyote-out</c> under the working directory by default.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// The test's identity in its saved traces (a replay must come from the same test): by default the test class and
    /// method that called the explorer. Set it when one method explores several things (a scenario per policy).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Stop at the first failing iteration (the default) or run every iteration and count the failing ones.</summary>
    public bool StopAtFirstBug { get; init; } = true;

    /// <summary>
    /// Iterations one Coyote engine runs before the next shard takes over with its own seed. A run of more iterations is
    /// cut into shards of this size, numbered in order, so that what it finds does not depend on how many run at once.
    /// </summary>
    public const int ShardIterations = 1_000;

    /// <summary>
    /// Shards explored side by side, one engine per core: 1 (the default) for a test among others, up to
    /// <see cref="Environment.ProcessorCount"/> for a long run. The result does not depend on it: the first bug reported
    /// is the one the lowest-numbered shard finds, whichever finished first.
    /// </summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// A wall-clock budget for long runs (a nightly "explore for 10 minutes"): no shard starts after it and running ones
    /// stop at their next iteration's end. Unlike <see cref="Iterations"/>, how far a timed run gets depends on the machine.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// Stops the exploration as <see cref="Duration"/> does (a Ctrl-C): no shard starts after it, running ones stop at
    /// their next iteration's end, and the result reports what ran, with the traces of the bugs found so far.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Told after every iteration how far the exploration is; for progress lines on long runs.</summary>
    public IProgress<ExplorationProgress>? Progress { get; init; }

    /// <summary>Checks every value and names the first one out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(this.Strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(this.Strategy), this.Strategy, $"ExplorationOptions.Strategy must be one of {string.Join(", ", Enum.GetNames<ExplorationStrategy>())}.");
        }

        if (this.Iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(this.Iterations), this.Iterations, "ExplorationOptions.Iterations must be at least 1.");
        }

        if (this.MaxSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(this.MaxSteps), this.MaxSteps, "ExplorationOptions.MaxSteps must be at least 1.");
        }

        if (this.Parallelism < 1 || this.Parallelism > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(this.Parallelism), this.Parallelism, "ExplorationOptions.Parallelism must be from 1 to 1024 (Environment.ProcessorCount for a long run).");
        }

        if (this.Duration is { } duration && duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.Duration), duration, "ExplorationOptions.Duration must be positive, or null for no time limit.");
        }

        ArgumentNullException.ThrowIfNull(this.Clock, nameof(this.Clock));
        this.Clock.Validate();
        if (this.ReplayTrace is { } trace && !File.Exists(trace))
        {
            throw new FileNotFoundException($"ReplayTrace '{trace}' does not exist: give the .trace.json path a failing run printed.", trace);
        }
    }
}
