using Microsoft.Coyote;

namespace TrackerRace.CoyoteTests.Exploration;

/// <summary>The Coyote 1.7 scheduling strategies the report compares.</summary>
public enum ExplorationStrategy
{
    /// <summary>Uniformly random scheduling decisions.</summary>
    Random,

    /// <summary>Priority-based (PCT): a few priority change points per run.</summary>
    Prioritization,

    /// <summary>Random with a bias to keep running the current operation.</summary>
    Probabilistic,
}

/// <summary>Maps a strategy onto a Coyote configuration.</summary>
public static class ExplorationStrategies
{
    /// <summary>Every strategy, in report order.</summary>
    public static IReadOnlyList<ExplorationStrategy> All { get; } = Enum.GetValues<ExplorationStrategy>();

    /// <summary>Applies <paramref name="strategy"/> to <paramref name="configuration"/>.</summary>
    public static Configuration Apply(this Configuration configuration, ExplorationStrategy strategy) => strategy switch
    {
        ExplorationStrategy.Random => configuration.WithRandomStrategy(),
        ExplorationStrategy.Prioritization => configuration.WithPrioritizationStrategy(false, 10),
        ExplorationStrategy.Probabilistic => configuration.WithProbabilisticStrategy(3),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy"),
    };

    /// <summary>Parses a strategy name, ignoring case; the error lists the valid names.</summary>
    public static ExplorationStrategy Parse(string name) =>
        Enum.TryParse<ExplorationStrategy>(name, ignoreCase: true, out var strategy) && Enum.IsDefined(strategy)
            ? strategy
            : throw new ArgumentException($"Unknown strategy '{name}'. Expected one of: {string.Join(", ", All).ToLowerInvariant()}.", nameof(name));
}
