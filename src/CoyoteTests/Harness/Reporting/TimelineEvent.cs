namespace TrackerRace.Coyote.Reporting;

/// <summary>One thing that happened in an iteration, at a virtual time: what a failure report shows, in order.</summary>
/// <param name="At">Virtual time since the iteration started.</param>
/// <param name="Source">Who recorded it: <c>clock</c>, <c>ledger</c>, <c>choice</c>, <c>oracle</c> or <c>user</c>.</param>
/// <param name="Actor">The component it happened to or in ("worker-1", "pool"); a lane of the sequence diagram.</param>
/// <param name="Text">What happened, in words.</param>
/// <param name="Target">For a message or hand-off, the component it went to; null otherwise.</param>
public sealed record TimelineEvent(TimeSpan At, string Source, string Actor, string Text, string? Target = null);
