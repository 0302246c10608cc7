using Microsoft.Coyote.Rewriting;
using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.CoyoteTests.Scenarios;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>
/// The Coyote verdicts that must hold in CI. Budgets are iteration counts from fixed seeds, never wall time.
/// </summary>
public sealed class HarnessTests
{
    private const int BuggyBudget = 60;
    private const int CleanBudget = 30;

    [Fact]
    public void Runtime_and_harness_assemblies_are_rewritten_for_coyote()
    {
        foreach (var assembly in RewriteGuard.ControlledAssemblies.Append(typeof(HarnessTests).Assembly))
        {
            Assert.True(RewritingEngine.IsAssemblyRewritten(assembly), $"{assembly.GetName().Name} is not rewritten: the CoyoteRewrite build target did not run");
        }
    }

    [Theory]
    [InlineData("Legacy", ExplorationStrategy.Random)]
    [InlineData("Legacy", ExplorationStrategy.Prioritization)]
    [InlineData("Legacy", ExplorationStrategy.Probabilistic)]
    [InlineData("LocalRecheck", ExplorationStrategy.Random)]
    public void Racy_policies_lose_the_reduce_phase_within_the_budget(string policy, ExplorationStrategy strategy)
    {
        var result = ExplorationRunner.Explore(new LastTaskRaceScenario(), IdlePolicies.Parse(policy), strategy, BuggyBudget, seed: 1);

        Assert.True(result.BugFound, $"#1033 not found under {policy} with {strategy} in {BuggyBudget} iterations");
        Assert.Contains("reduce never ran", result.BugReport);
        Assert.Contains("unreceived process result", result.BugReport);
    }

    [Theory]
    [InlineData("SkipIdleOnTaskTrackerNode", ExplorationStrategy.Random)]
    [InlineData("SkipIdleOnTaskTrackerNode", ExplorationStrategy.Prioritization)]
    [InlineData("IdleHandshake", ExplorationStrategy.Random)]
    [InlineData("IdleHandshake", ExplorationStrategy.Prioritization)]
    public void Fixed_policies_never_lose_the_reduce_phase(string policy, ExplorationStrategy strategy)
    {
        var result = ExplorationRunner.Explore(new LastTaskRaceScenario(), IdlePolicies.Parse(policy), strategy, CleanBudget, seed: 1);

        Assert.False(result.BugFound, result.BugReport);
        Assert.Equal(CleanBudget, result.Iterations);
    }

    [Fact]
    public void Legacy_loses_the_reduce_phase_in_the_compressed_scenario_the_long_runs_use()
    {
        var result = ExplorationRunner.Explore(LongExploration.Scenario, IdlePolicies.Legacy, ExplorationStrategy.Random, BuggyBudget, seed: 1);

        Assert.True(result.BugFound, $"#1033 not found with a 40 s idle threshold in {BuggyBudget} iterations");
        Assert.Contains("reduce never ran", result.BugReport);
    }

    [Fact]
    public void A_saved_trace_replays_the_same_failure()
    {
        var found = ExplorationRunner.Explore(new LastTaskRaceScenario(), IdlePolicies.Legacy, ExplorationStrategy.Random, BuggyBudget, seed: 1);
        Assert.True(found.BugFound);

        var replayed = ExplorationRunner.Replay(new LastTaskRaceScenario(), IdlePolicies.Legacy, found.ReproducibleTrace!);

        Assert.True(replayed.BugFound);
        Assert.Equal(found.BugReport, replayed.BugReport);
    }
}
