using TrackerRace.Coyote;
using TrackerRace.Coyote.Time;
using TrackerRace.Scenarios;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.Scenarios.Exploration;

/// <summary>Explores a scenario under a policy with TrackerRace.Coyote, as the CLI and the CI tests do.</summary>
public static class ExplorationRunner
{
    /// <summary>
    /// The scenarios' time: timers up to 5 ms late (the drift that decides the race window's edges), callbacks inline
    /// (the runtime's timers only post to mailboxes), and 15 virtual minutes before an unsettled run fails.
    /// </summary>
    public static VirtualClockOptions Clock { get; } = new()
    {
        MaxTimerLateness = TimeSpan.FromMilliseconds(5),
        Callbacks = TimerCallbacks.Inline,
        Limit = TimeSpan.FromMinutes(15),
    };

    /// <summary>Explores <paramref name="scenario"/> under <paramref name="policy"/> until the first bug or <paramref name="iterations"/>.</summary>
    public static ExplorationResult Explore(IScenario scenario, IIdlePolicy policy, ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps = 20_000, string? outputDirectory = null) =>
        Run(scenario, policy, Options(scenario, policy, strategy, iterations, seed, maxSteps, outputDirectory));

    /// <summary>Runs all <paramref name="iterations"/> (not stopping at the first bug) and counts those that failed.</summary>
    public static int CountBuggy(IScenario scenario, IIdlePolicy policy, ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps = 20_000) =>
        Run(scenario, policy, Options(scenario, policy, strategy, iterations, seed, maxSteps, null) with { StopAtFirstBug = false }).BugCount;

    /// <summary>Replays a trace a failing exploration of the same scenario and policy saved.</summary>
    public static ExplorationResult Replay(IScenario scenario, IIdlePolicy policy, string tracePath, string? outputDirectory = null) =>
        Run(scenario, policy, Options(scenario, policy, ExplorationStrategy.Random, 1, 0, 20_000, outputDirectory) with { ReplayTrace = tracePath });

    /// <summary>The name a saved trace of this scenario under this policy carries.</summary>
    public static string TestName(IScenario scenario, IIdlePolicy policy) => $"{scenario.Key} under {policy.Name}";

    /// <summary>The options the scenarios explore with; the CLI adds its long-run settings (parallelism, duration, progress) to them.</summary>
    public static ExplorationOptions Options(IScenario scenario, IIdlePolicy policy, ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps, string? outputDirectory) => new()
    {
        Name = TestName(scenario, policy),
        Strategy = strategy,
        Iterations = iterations,
        Seed = seed,
        MaxSteps = (int)Math.Min(maxSteps, int.MaxValue),
        Clock = Clock,
        OutputDirectory = outputDirectory,
    };

    /// <summary>Explores <paramref name="scenario"/> under <paramref name="policy"/> with <paramref name="options"/> as given.</summary>
    public static ExplorationResult Run(IScenario scenario, IIdlePolicy policy, ExplorationOptions options) =>
        CoyoteExplorer.ExploreAsync(context => scenario.RunAsync(context, policy), options).GetAwaiter().GetResult();
}
