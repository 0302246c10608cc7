namespace TrackerRace.Coyote;

/// <summary>
/// Coyote found a schedule that breaks the test: the message holds the oracle's words, the timeline in virtual time,
/// where the trace, timeline and diagram were written, and the command that replays exactly this schedule.
/// </summary>
public sealed class CoyoteBugException : Exception
{
    /// <summary>A failure with its report.</summary>
    public CoyoteBugException(string message, ExplorationResult result)
        : base(message) => this.Result = result;

    /// <summary>What the exploration found and where it wrote it.</summary>
    public ExplorationResult Result { get; }
}
