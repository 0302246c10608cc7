using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using TrackerRace.CoyoteTests.Scenarios;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Exploration;

/// <summary>Runs Coyote's testing engine over a scenario.</summary>
public static class ExplorationRunner
{
    /// <summary>Explores <paramref name="scenario"/> under <paramref name="policy"/> until the first bug or <paramref name="iterations"/>.</summary>
    public static ExplorationResult Explore(IScenario scenario, IIdlePolicy policy, ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        RewriteGuard.EnsureRewritten();
        return Run(Exploring(strategy, iterations, seed, maxSteps), scenario, policy);
    }

    /// <summary>Runs all <paramref name="iterations"/> (not stopping at the first bug) and counts those that failed.</summary>
    public static int CountBuggy(IScenario scenario, IIdlePolicy policy, ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        RewriteGuard.EnsureRewritten();
        var configuration = Exploring(strategy, iterations, seed, maxSteps).WithTestIterationsRunToCompletion(true);
        return Run(configuration, scenario, policy).BugCount;
    }

    /// <summary>Replays a reproducible trace saved from a failing run.</summary>
    public static ExplorationResult Replay(IScenario scenario, IIdlePolicy policy, string reproducibleTrace)
    {
        RewriteGuard.EnsureRewritten();
        return Run(Quiet().WithReproducibleTrace(reproducibleTrace), scenario, policy);
    }

    // Telemetry off in every configuration (no network at run time); our report replaces Coyote's console output.
    private static Configuration Quiet() => Configuration.Create()
        .WithTelemetryEnabled(false)
        .WithConsoleLoggingEnabled(false)
        .WithVerbosityEnabled(Microsoft.Coyote.Logging.VerbosityLevel.None);

    private static Configuration Exploring(ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps) => Quiet()
        .WithTestingIterations((uint)iterations)
        .WithRandomGeneratorSeed(seed)
        .WithMaxSchedulingSteps(maxSteps)
        .Apply(strategy);

    private static ExplorationResult Run(Configuration configuration, IScenario scenario, IIdlePolicy policy)
    {
        var watch = Stopwatch.StartNew();
        using var engine = TestingEngine.Create(configuration, () => scenario.RunAsync(policy));

        // The report is ours; Coyote's per-iteration progress lines would drown it.
        engine.SetLogger(new Microsoft.Coyote.Logging.TextWriterLogger(TextWriter.Null, Microsoft.Coyote.Logging.VerbosityLevel.None));
        engine.Run();
        watch.Stop();
        var report = engine.TestReport;
        var bug = report.NumOfFoundBugs > 0;
        var explored = report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;
        return new ExplorationResult(
            bug,
            explored,
            report.TotalExploredFairSteps + report.TotalExploredUnfairSteps,
            watch.Elapsed,
            bug ? string.Join(Environment.NewLine, report.BugReports) : null,
            bug ? engine.ReproducibleTrace : null)
        {
            BugCount = (int)report.NumOfFoundBugs,
        };
    }
}
