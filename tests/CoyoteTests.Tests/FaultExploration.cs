using TrackerRace.Coyote;
using TrackerRace.Runtime.Policies;
using TrackerRace.Scenarios;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>
/// The crash and restart scenarios with the default budget of two faults per iteration. IdleHandshake, the runtime's
/// default policy, must survive <see cref="Iterations"/> of each with no violation; the other policies' verdicts
/// under faults are pinned by <see cref="FaultVerdictTests"/>.
/// </summary>
internal static class FaultExploration
{
    /// <summary>The switch for nightly runs: <c>TRACKERRACE_FAULT_ITERATIONS=20000 dotnet test Analyzers.sln</c>.</summary>
    public const string IterationsVariable = "TRACKERRACE_FAULT_ITERATIONS";

    /// <summary>1,000 per scenario by default (about a minute each on one core); nightly runs raise it.</summary>
    public static int Iterations { get; } = IterationBudget.FromEnvironment(IterationsVariable, 1_000);

    public static FaultScenario Crash { get; } = new();

    public static FaultScenario Restart { get; } = new() { RestartTaskTracker = true };

    public static void AssertNoViolation(FaultScenario scenario, uint seed)
    {
        var result = ExplorationRunner.Explore(scenario, IdlePolicies.IdleHandshake, ExplorationStrategy.Random, Iterations, seed);

        Assert.False(result.BugFound, result.Bug);
        Assert.Equal(Iterations, result.Iterations);
        Assert.True(result.PerIteration.GetValueOrDefault(ExplorationReport.FaultsSurvived) > 0.5, $"the nemesis injected too few faults to prove anything: {string.Join(", ", result.PerIteration)}");
    }
}

// One class per scenario: xUnit runs classes in parallel, and two Coyote engines side by side use both cores.
[Trait("Category", "LongExploration")]
public sealed class CrashFaultExplorationTests
{
    [Fact]
    public void The_handshake_loses_nothing_when_workers_crash_trackers_restart_and_messages_fail() =>
        FaultExploration.AssertNoViolation(FaultExploration.Crash, seed: 21);
}

[Trait("Category", "LongExploration")]
public sealed class RestartFaultExplorationTests
{
    [Fact]
    public void The_handshake_loses_nothing_when_the_task_tracker_node_crashes_and_resumes_from_its_table() =>
        FaultExploration.AssertNoViolation(FaultExploration.Restart, seed: 22);
}
