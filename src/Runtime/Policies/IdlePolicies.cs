namespace TrackerRace.Runtime.Policies;

/// <summary>The built-in idle policies.</summary>
public static class IdlePolicies
{
    /// <summary>Pre-5.1.1 PowerJob; #1033 is reachable.</summary>
    public static IIdlePolicy Legacy { get; } = new LegacyIdlePolicy();

    /// <summary>PowerJob 5.1.1's fix.</summary>
    public static IIdlePolicy SkipIdleOnTaskTrackerNode { get; } = new SkipIdleOnTaskTrackerNodePolicy();

    /// <summary>The naive re-check; still racy by design.</summary>
    public static IIdlePolicy LocalRecheck { get; } = new LocalRecheckIdlePolicy();

    /// <summary>The TaskTracker-arbitrated handshake.</summary>
    public static IIdlePolicy IdleHandshake { get; } = new IdleHandshakePolicy();

    /// <summary>Every built-in policy, in the order reports list them.</summary>
    public static IReadOnlyList<IIdlePolicy> All { get; } = [Legacy, LocalRecheck, SkipIdleOnTaskTrackerNode, IdleHandshake];

    /// <summary>Looks a policy up by its <see cref="IIdlePolicy.Name"/>, ignoring case.</summary>
    /// <exception cref="ArgumentException">No policy has that name; the message lists the valid ones.</exception>
    public static IIdlePolicy Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown idle policy '{name}'. Expected one of: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
}
