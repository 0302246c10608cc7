using TrackerRace.Coyote;
using TrackerRace.Coyote.Reporting;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary><c>explore</c>: every policy under every strategy over several seeds, then the first failure as a timeline.</summary>
public static class ExploreCommand
{
    public static int Run(CommandLineOptions options, TextWriter output)
    {
        var scenario = options.Scenario();
        output.WriteLine($"Scenario {scenario.Name}: {scenario.Description}");
        output.WriteLine($"Budget: {options.Iterations} iterations per seed, {options.Seeds} seeds from {options.Seed}, max {options.MaxSteps} steps per iteration.");
        output.WriteLine();
        output.WriteLine(ExplorationReport.Header);
        var reports = new List<ExplorationReport>();
        foreach (var policy in options.Policies)
        {
            foreach (var strategy in options.Strategies)
            {
                // Seeds are independent; Coyote engines run side by side, one per core.
                var runs = new ExplorationResult[options.Seeds];
                Parallel.For(0, options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
                    runs[s] = ExplorationRunner.Explore(scenario, policy, strategy, options.Iterations, options.Seed + (uint)s, options.MaxSteps, options.OutputDirectory));
                var report = new ExplorationReport(policy, strategy, runs, options.Iterations);
                reports.Add(report);
                output.WriteLine(report);
            }
        }

        var first = reports.FirstOrDefault(r => r.FirstBug is not null);
        if (first?.FirstBug is { } bug)
        {
            output.WriteLine();
            output.WriteLine($"First bug ({first.Policy.Name}, {first.Strategy.ToString().ToLowerInvariant()}): {bug.Bug}");
            output.WriteLine();
            output.Write(TimelineText.Format([.. bug.Timeline.Where(e => e.Source != "clock")]));
            output.WriteLine($"Written: {bug.TracePath} (trace), {bug.TimelinePath}, {bug.DiagramPath} (Mermaid sequence diagram)");
            output.WriteLine($"Replay it: dotnet run --project src/CoyoteTests -- replay {bug.TracePath} --scenario {options.ScenarioName} --policy {first.Policy.Name} --max-idle {options.MaxIdleSeconds} --map {options.MinMapSeconds}-{options.MaxMapSeconds} --retry {options.TaskRetryNum}");
        }

        if (options.JsonReport is { } json)
        {
            JsonReport.Write(json, new { command = "explore", scenario = scenario.Key, options.Iterations, options.Seeds, options.Seed, rows = reports.Select(JsonReport.Row) });
            output.WriteLine($"JSON report: {json}");
        }

        return ExitCodes.Success;
    }
}
