namespace TrackerRace.Runtime.Processing;

/// <summary>The life of one ProcessorTracker incarnation.</summary>
public enum ProcessorTrackerState
{
    /// <summary>Accepting and running tasks.</summary>
    Alive,

    /// <summary>Pool shut down but still registered on its node: a start request arriving now is refused (residual race R2).</summary>
    Destroying,

    /// <summary>Gone from its node; the next start request creates a new incarnation.</summary>
    Destroyed,
}
