namespace TrackerRace.Coyote.Oracles;

/// <summary>Where one item of work stands in a <see cref="WorkLedger"/>.</summary>
public enum WorkItemState
{
    /// <summary>The system took it: from now on it must be completed or failed with a reason.</summary>
    Accepted,

    /// <summary>It reached the component that runs it.</summary>
    Delivered,

    /// <summary>It was done.</summary>
    Completed,

    /// <summary>It was given up, with a reason.</summary>
    Failed,

    /// <summary>The system turned it down when it was handed in (a closed pool, a full queue): it owes nothing for it.</summary>
    Refused,
}
