namespace TrackerRace.Coyote;

/// <summary>
/// Where a running exploration stands, for a progress line on long runs: <see cref="ExplorationOptions.Progress"/> gets
/// one after every iteration, from whichever thread ran it.
/// </summary>
/// <param name="Iterations">Iterations finished so far, over all shards.</param>
/// <param name="Bugs">Failing iterations so far.</param>
/// <param name="Elapsed">Wall time since the exploration started.</param>
public sealed record ExplorationProgress(int Iterations, int Bugs, TimeSpan Elapsed)
{
    /// <summary>Iterations per wall-clock second so far.</summary>
    public double IterationsPerSecond => this.Elapsed.TotalSeconds > 0 ? this.Iterations / this.Elapsed.TotalSeconds : 0;
}
