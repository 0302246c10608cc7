namespace TrackerRace.Scenarios.Sweep;

/// <summary>One map-phase length: what Coyote measured and what the constants predict.</summary>
/// <param name="MapSeconds">The long sub-task's length.</param>
/// <param name="Iterations">Schedules explored.</param>
/// <param name="Buggy">Schedules that lost the reduce phase.</param>
/// <param name="Predicted">Where <see cref="RaceWindow"/> puts this length.</param>
public sealed record SweepPoint(int MapSeconds, int Iterations, int Buggy, WindowPosition Predicted)
{
    /// <summary>The race was hit at least once.</summary>
    public bool Reachable => this.Buggy > 0;

    /// <summary>The share of explored schedules that lost the reduce phase.</summary>
    public double Share => this.Iterations == 0 ? 0 : (double)this.Buggy / this.Iterations;
}
