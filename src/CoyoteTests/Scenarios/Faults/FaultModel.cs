using TrackerRace.Runtime.Faults;

namespace TrackerRace.Scenarios.Faults;

/// <summary>What a scenario's nemesis may do: the kinds of fault, which nodes a crash may hit, which crash points, and until when.</summary>
public sealed record FaultModel
{
    /// <summary>The kinds the plan chooses among, for each fault.</summary>
    public required IReadOnlyList<FaultKind> Kinds { get; init; }

    /// <summary>Every node (message faults pick a link between two of them; ProcessorTracker restarts pick one).</summary>
    public required IReadOnlyList<string> Nodes { get; init; }

    /// <summary>The nodes <see cref="FaultKind.CrashWorker"/> and <see cref="FaultKind.CrashInsideHandler"/> may crash.</summary>
    public required IReadOnlyList<string> Crashable { get; init; }

    /// <summary>The TaskTracker's node (<see cref="FaultKind.CrashTaskTrackerNode"/>).</summary>
    public required string TaskTrackerNode { get; init; }

    /// <summary>The crash points <see cref="FaultKind.CrashInsideHandler"/> may pick.</summary>
    public IReadOnlyList<CrashPoint> Points { get; init; } = Enum.GetValues<CrashPoint>();

    /// <summary>Faults happen at a chosen second in [0, Horizon]; the default covers the scenarios' fault-free job (about 30 s).</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True if a crashed worker may stay down for the rest of the run (else it always restarts).</summary>
    public bool WorkersMayStayDown { get; init; } = true;
}
