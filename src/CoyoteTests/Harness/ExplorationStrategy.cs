namespace TrackerRace.Coyote;

/// <summary>How Coyote picks the next operation at each scheduling decision.</summary>
public enum ExplorationStrategy
{
    /// <summary>Uniformly random decisions: the robust default.</summary>
    Random,

    /// <summary>Priority-based (PCT): few, well-placed priority changes; finds bugs that need a long run of one operation.</summary>
    Prioritization,

    /// <summary>Random with a bias to keep running the current operation.</summary>
    Probabilistic,
}
