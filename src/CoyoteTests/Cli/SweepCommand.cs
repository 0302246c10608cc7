using TrackerRace.Scenarios.Sweep;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary><c>sweep</c>: where the #1033 race is reachable, map length by map length, against the window the constants predict.</summary>
public static class SweepCommand
{
    public static int Run(CommandLineOptions options, TextWriter output)
    {
        OutputPaths.Check(options, writesFolder: true);
        var lastTask = options.LastTaskScenario();
        var policy = options.Policies[0];
        var destroy = RaceWindow.DestroyTime(lastTask.Options);
        output.WriteLine($"Sweep of {lastTask.Name} under {policy.Name} ({options.Strategies[0].ToString().ToLowerInvariant()}), {options.Iterations} schedules per map length.");
        output.WriteLine($"From the constants: n0's idle tracker destroys itself at t={destroy:0.0}s, so OMS_LAST_TASK is lost if created in ({destroy - lastTask.Options.DispatchInterval.TotalSeconds:0.0}s, {destroy:0.0}s), before the next dispatch.");
        output.WriteLine($"{"map",5} {"predicted",9} {"buggy",9} {"share",6}");
        var points = SweepRunner.Run(lastTask, policy, options.Strategies[0], options.Iterations, options.Seed, options.MaxSteps, p => output.WriteLine($"{p.MapSeconds,4}s {p.Predicted.ToString().ToLowerInvariant(),9} {p.Buggy,4}/{p.Iterations,-4} {p.Share,6:P0}"));
        Directory.CreateDirectory(options.OutputDirectory);
        var chart = Path.Combine(options.OutputDirectory, $"sweep-{policy.Name}-idle{options.MaxIdleSeconds}.svg");
        File.WriteAllText(chart, SvgChart.Render(points, $"#1033 under {policy.Name}: share of schedules that lose reduce, max idle {options.MaxIdleSeconds}s"));
        var reachable = points.Where(p => p.Reachable).Select(p => p.MapSeconds).ToList();
        var inside = points.Where(p => p.Predicted == WindowPosition.Inside).Select(p => p.MapSeconds).ToList();
        var edges = points.Where(p => p.Predicted == WindowPosition.Edge).Select(p => p.MapSeconds).ToList();
        output.WriteLine($"Reachable: {Describe(reachable)}; predicted: {Describe(inside)}, plus edge {(edges.Count == 0 ? "none" : string.Join(", ", edges.Select(e => $"{e}s")))} (depends on timer drift). Chart: {chart}");
        if (options.JsonReport is { } json)
        {
            JsonReport.Write(json, new { command = "sweep", policy = policy.Name, options.Iterations, points = points.Select(p => new { p.MapSeconds, predicted = p.Predicted.ToString(), p.Buggy, p.Iterations }) });
            output.WriteLine($"JSON report: {json}");
        }

        return ExitCodes.Success;
    }

    private static string Describe(List<int> seconds) => seconds.Count == 0 ? "none" : $"{seconds.Min()}-{seconds.Max()}s ({seconds.Count} lengths)";
}
