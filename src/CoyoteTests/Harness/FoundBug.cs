namespace TrackerRace.Coyote;

/// <summary>A distinct bug a run-to-completion exploration found, and where its replayable trace was written at once.</summary>
/// <param name="Bug">The oracle's words (the first iteration's with this <see cref="BugMessage.Signature"/>).</param>
/// <param name="Iteration">The iteration that found it first, counted over shards as <see cref="ExplorationResult.Iterations"/> is.</param>
/// <param name="TracePath">The trace to replay it.</param>
/// <param name="TimelinePath">Its timeline in virtual time.</param>
public sealed record FoundBug(string Bug, int Iteration, string TracePath, string TimelinePath);
