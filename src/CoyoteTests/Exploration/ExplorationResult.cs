namespace TrackerRace.CoyoteTests.Exploration;

/// <summary>The outcome of one Coyote run (one seed) of a scenario under a policy and a strategy.</summary>
/// <param name="BugFound">True if an oracle failed.</param>
/// <param name="Iterations">Iterations explored; when a bug was found, the iteration that found it.</param>
/// <param name="SchedulingSteps">Scheduling steps over all explored iterations.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="BugReport">The failed oracle's message, if any.</param>
/// <param name="ReproducibleTrace">Coyote's trace of the failing schedule, for replay.</param>
public sealed record ExplorationResult(
    bool BugFound,
    int Iterations,
    long SchedulingSteps,
    TimeSpan Elapsed,
    string? BugReport,
    string? ReproducibleTrace)
{
    /// <summary>Failing iterations (more than one only when the run did not stop at the first bug).</summary>
    public int BugCount { get; init; }

    /// <summary>Explored iterations per wall-clock second.</summary>
    public double IterationsPerSecond => this.Elapsed.TotalSeconds > 0 ? this.Iterations / this.Elapsed.TotalSeconds : 0;
}
