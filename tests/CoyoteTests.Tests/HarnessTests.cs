using Microsoft.Coyote.Rewriting;
using TrackerRace.Coyote;
using TrackerRace.Coyote.Reporting;
using TrackerRace.Runtime.Policies;
using TrackerRace.Scenarios;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>
/// The Coyote verdicts that must hold in CI. Budgets are iteration counts from fixed seeds, never wall time.
/// </summary>
public sealed class HarnessTests
{
    private const int BuggyBudget = 60;
    private const int CleanBudget = 30;

    [Fact]
    public void Runtime_scenarios_harness_and_tests_are_rewritten_and_the_command_line_is_not()
    {
        Type[] underTest = [typeof(TrackerRace.Runtime.TrackerOptions), typeof(LastTaskRaceScenario), typeof(CoyoteExplorer), typeof(HarnessTests)];
        foreach (var assembly in underTest.Select(t => t.Assembly))
        {
            Assert.True(RewritingEngine.IsAssemblyRewritten(assembly), $"{assembly.GetName().Name} is not rewritten: the CoyoteRewrite build target did not run");
        }

        // The host only parses arguments; rewriting it would retarget its System.CommandLine calls (see its project file).
        Assert.False(RewritingEngine.IsAssemblyRewritten(typeof(TrackerRace.CoyoteTests.Cli.CommandLine).Assembly));
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
        Assert.Contains("reduce never ran", result.Bug);
        Assert.Contains("unreceived process result", result.Bug);
    }

    [Theory]
    [InlineData("SkipIdleOnTaskTrackerNode", ExplorationStrategy.Random)]
    [InlineData("SkipIdleOnTaskTrackerNode", ExplorationStrategy.Prioritization)]
    [InlineData("IdleHandshake", ExplorationStrategy.Random)]
    [InlineData("IdleHandshake", ExplorationStrategy.Prioritization)]
    public void Fixed_policies_never_lose_the_reduce_phase(string policy, ExplorationStrategy strategy)
    {
        var result = ExplorationRunner.Explore(new LastTaskRaceScenario(), IdlePolicies.Parse(policy), strategy, CleanBudget, seed: 1);

        Assert.False(result.BugFound, result.Bug);
        Assert.Equal(CleanBudget, result.Iterations);
    }

    [Fact]
    public void Legacy_loses_the_reduce_phase_in_the_compressed_scenario_the_long_runs_use()
    {
        var result = ExplorationRunner.Explore(LongExploration.Scenario, IdlePolicies.Legacy, ExplorationStrategy.Random, BuggyBudget, seed: 1);

        Assert.True(result.BugFound, $"#1033 not found with a 40 s idle threshold in {BuggyBudget} iterations");
        Assert.Contains("reduce never ran", result.Bug);
    }

    [Fact]
    public void A_saved_trace_replays_the_same_failure()
    {
        var found = ExplorationRunner.Explore(new LastTaskRaceScenario(), IdlePolicies.Legacy, ExplorationStrategy.Random, BuggyBudget, seed: 1);
        Assert.True(found.BugFound);

        var replayed = ExplorationRunner.Replay(new LastTaskRaceScenario(), IdlePolicies.Legacy, found.TracePath!, Output.Folder());

        Assert.True(replayed.BugFound);
        Assert.True(replayed.Replayed);
        Assert.Equal(found.Bug, replayed.Bug);
        Assert.Equal(found.Timeline, replayed.Timeline);
    }

    [Fact]
    public void A_failure_is_written_as_a_trace_a_timeline_and_a_sequence_diagram_that_show_the_race_in_order()
    {
        var found = ExplorationRunner.Explore(new LastTaskRaceScenario(), IdlePolicies.Legacy, ExplorationStrategy.Random, BuggyBudget, seed: 1, outputDirectory: Output.Folder());
        Assert.True(found.BugFound);

        var timeline = File.ReadAllText(found.TimelinePath!);
        var created = timeline.IndexOf("OMS_LAST_TASK created for PT@n0", StringComparison.Ordinal);
        var idle = timeline.IndexOf("IDLE report -> TT@n0", StringComparison.Ordinal);
        var failed = timeline.IndexOf("OMS_LAST_TASK marked FAILED", StringComparison.Ordinal);
        Assert.True(created >= 0 && created < idle && idle < failed, timeline);
        Assert.DoesNotContain("dispatch OMS_LAST_TASK", timeline);
        Assert.Equal(found.CoyoteTrace, TraceEnvelope.Load(found.TracePath!).CoyoteTrace);
        var diagram = File.ReadAllText(found.DiagramPath!);
        Assert.StartsWith("sequenceDiagram", diagram);
        Assert.Contains("participant a_TT_n0 as TT@n0", diagram);
        Assert.Matches(@"(?m)^    .+: t=\d+\.\d{3}s .*OMS_LAST_TASK marked FAILED", diagram);
    }
}
