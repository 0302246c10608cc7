using TrackerRace.Coyote.Reporting;

namespace TrackerRace.Coyote;

/// <summary>What one exploration of a test did and, if it failed, what it found.</summary>
/// <param name="Test">The test explored.</param>
/// <param name="BugFound">True if some schedule broke the test.</param>
/// <param name="Iterations">Iterations run; when a bug was found, the one that found it.</param>
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

    /// <summary>True when this result replayed a saved trace rather than exploring.</summary>
    public bool Replayed { get; init; }

    /// <summary>Iterations per wall-clock second.</summary>
    public double IterationsPerSecond => this.Elapsed.TotalSeconds > 0 ? this.Iterations / this.Elapsed.TotalSeconds : 0;
}
