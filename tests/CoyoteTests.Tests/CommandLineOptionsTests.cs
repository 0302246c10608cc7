namespace TrackerRace.CoyoteTests.Tests;

public sealed class CommandLineOptionsTests
{
    [Theory]
    [InlineData(new[] { "explode" }, "Unknown command 'explode'. Expected 'explore', 'sweep' or 'replay <trace-file>'.")]
    [InlineData(new[] { "replay" }, "'replay' needs the trace file written by 'explore'")]
    [InlineData(new[] { "explore", "--iterations", "0" }, "Option --iterations expects an integer from 1 to 10000000 (was '0').")]
    [InlineData(new[] { "explore", "--seeds" }, "Option --seeds needs a value.")]
    [InlineData(new[] { "explore", "--policy", "Optimistic" }, "Unknown idle policy 'Optimistic'. Expected one of: Legacy, LocalRecheck, SkipIdleOnTaskTrackerNode, IdleHandshake.")]
    [InlineData(new[] { "explore", "--strategy", "dfs" }, "Unknown strategy 'dfs'. Expected one of: random, prioritization, probabilistic.")]
    [InlineData(new[] { "explore", "--map", "160-100" }, "Option --map expects an integer from 160 to 86400 (was '100').")]
    [InlineData(new[] { "explore", "--map", "100" }, "Option --map expects a range of seconds like 100-160 (was '100').")]
    [InlineData(new[] { "explore", "--fast" }, "Unknown option '--fast'.")]
    [InlineData(new[] { "explore", "--scenario", "r2" }, "Unknown scenario 'r2'. Expected last-task-race, remote-idle-race, control or lost-stop.")]
    public void Bad_arguments_are_refused_with_what_was_expected(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLineOptions.Parse(args));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("last-task-race", typeof(Scenarios.LastTaskRaceScenario))]
    [InlineData("remote-idle-race", typeof(Scenarios.RemoteIdleRaceScenario))]
    [InlineData("control", typeof(Scenarios.ControlScenario))]
    public void The_scenario_option_picks_the_scenario(string name, Type expected)
    {
        var scenario = CommandLineOptions.Parse(["explore", "--scenario", name]).Scenario();

        Assert.IsType(expected, scenario);
        Assert.Equal(name, scenario.Name);
    }

    [Fact]
    public void Options_shape_the_scenario()
    {
        var options = CommandLineOptions.Parse(["explore", "--policy", "legacy,idlehandshake", "--max-idle", "40", "--map", "40-70", "--retry", "1"]);
        var scenario = options.LastTaskScenario();

        Assert.Equal(["Legacy", "IdleHandshake"], options.Policies.Select(p => p.Name));
        Assert.Equal(TimeSpan.FromSeconds(40), scenario.Options.MaxIdleTime);
        Assert.Equal((40, 70, 1), (scenario.MinMapSeconds, scenario.MaxMapSeconds, scenario.TaskRetryNum));
    }
}
