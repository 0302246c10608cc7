using TrackerRace.Coyote;

namespace TrackerRace.Scenarios.Faults;

/// <summary>The faults an iteration actually injected (a planned fault whose moment never comes injects nothing), each marked on the timeline.</summary>
public sealed class FaultLog(ExplorationContext context)
{
    private readonly List<string> injected = [];

    /// <summary>What was injected, in order.</summary>
    public IReadOnlyList<string> Injected => this.injected;

    /// <summary>Records <paramref name="fault"/> as injected now, on the timeline as a FAULT line and in the profile's counts.</summary>
    public void Note(string fault)
    {
        this.injected.Add(fault);
        context.Count(Exploration.ExplorationReport.FaultsInjected);
        context.Record("FAULT", $"#{this.injected.Count} {fault}");
    }

    /// <summary>Marks a recovery (a node restarting) on the timeline; it is not a fault and does not count.</summary>
    public void Recovery(string what) => context.Record("nemesis", what);

    /// <summary>"none", or the injected faults, for an oracle's message.</summary>
    public override string ToString() => this.injected.Count == 0 ? "none" : string.Join("; ", this.injected);
}
