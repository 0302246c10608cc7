using TrackerRace.Coyote.Reporting;

namespace TrackerRace.Coyote;

/// <summary>What one exploration of a test did and, if it failed, what it found.</summary>
/// <param name="Test">The test explored.</param>
/// <param name="BugFound">True if some schedule broke the test.</param>
/// <param name="Iterations">
/// Iterations run; when a bug was found, the number of the iteration that found it (shard by shard, so the same on any
/// number of cores; in a run cut short by <see cref="ExplorationOptions.Duration"/>, lower shards may not have run to their end).
/// </param>
/// <param name="SchedulingSteps">Coyote scheduling steps over all iterations.</param>
/// <param name="Elapsed">Wall time of the exploration.</param>
/// <param name="Bug">The oracle's words for the failure, if any.</param>
/// <param name="Timeline">The failing iteration's timeline (empty without a bug).</param>
/// <param name="TracePath">Where the replayable trace was written, if any.</param>
public sealed record ExplorationResult(
    string Test,
    bool BugFound,
    int Iterations,
    long SchedulingSteps,
    TimeSpan Elapsed,
    string? Bug,
    IReadOnlyList<TimelineEvent> Timeline,
    string? TracePath)
{
    /// <summary>Coyote's own trace of the failing schedule (inside the envelope at <see cref="TracePath"/>).</summary>
    public string? CoyoteTrace { get; init; }

    /// <summary>Where the timeline and the Mermaid diagram were written, if a bug was found.</summary>
    public string? TimelinePath { get; init; }

    /// <summary>The Mermaid diagram's path.</summary>
    public string? DiagramPath { get; init; }

    /// <summary>Failing iterations: one when the exploration stops at the first bug, all of them when it does not.</summary>
    public int BugCount { get; init; }

    /// <summary>
    /// The distinct failures (without stack traces; messages that differ only in numbers count once, see
    /// <see cref="BugMessage.Signature"/>), in the order of the shards that found them: one when the exploration
    /// stops at the first bug, every different one when it runs on (<see cref="ExplorationOptions.StopAtFirstBug"/> off).
    /// </summary>
    public IReadOnlyList<string> DistinctBugs { get; init; } = [];

    /// <summary>
    /// Events per iteration by source (<see cref="ExplorationContext.Count"/> and the clock's own), averaged over the
    /// iterations counted: read next to <see cref="SchedulingSteps"/> per iteration to see where the steps come from.
    /// </summary>
    public IReadOnlyDictionary<string, double> PerIteration { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Coyote's scheduling steps per iteration by the kind of point they stopped at ("lock acquires", "tasks started",
    /// "operations ended", "choices"...), averaged like <see cref="PerIteration"/>: which construct the steps come from.
    /// </summary>
    public IReadOnlyDictionary<string, double> StepsByKind { get; init; } = new Dictionary<string, double>();

    /// <summary>True when <see cref="ExplorationOptions.Duration"/> ran out before the iterations did.</summary>
    public bool StoppedByDuration { get; init; }

    /// <summary>True when <see cref="ExplorationOptions.Cancellation"/> stopped the exploration before its budget.</summary>
    public bool Interrupted { get; init; }

    /// <summary>
    /// With <see cref="ExplorationOptions.StopAtFirstBug"/> off: the trace written for each distinct bug (by
    /// <see cref="BugMessage.Signature"/>), as it was found, so that a run cut short still leaves every finding replayable.
    /// </summary>
    public IReadOnlyList<FoundBug> Found { get; init; } = [];

    /// <summary>True when this result replayed a saved trace rather than exploring.</summary>
    public bool Replayed { get; init; }

    /// <summary>Iterations per wall-clock second.</summary>
    public double IterationsPerSecond => this.Elapsed.TotalSeconds > 0 ? this.Iterations / this.Elapsed.TotalSeconds : 0;
}
