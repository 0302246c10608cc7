using TrackerRace.CoyoteTests;
using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.CoyoteTests.Sweep;
using TrackerRace.CoyoteTests.Tracing;

// No network at run time: the Coyote engine's telemetry is also disabled in every configuration.
Environment.SetEnvironmentVariable("COYOTE_CLI_TELEMETRY_OPTOUT", "1");

CommandLineOptions options;
try
{
    options = CommandLineOptions.Parse(args);
    RewriteGuard.EnsureRewritten();
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 3;
}

Directory.CreateDirectory(options.OutputDirectory);
var scenario = options.Scenario();
if (options.Command == "replay")
{
    if (!File.Exists(options.TraceFile))
    {
        Console.Error.WriteLine($"error: trace file '{options.TraceFile}' does not exist; 'explore' writes one per failing policy under {options.OutputDirectory}/.");
        return 2;
    }

    var policy = options.Policies[0];
    var basePath = Path.Combine(options.OutputDirectory, Path.GetFileNameWithoutExtension(options.TraceFile) + "-replay");
    var (replayed, timeline) = FailureTrace.Write(options, policy, File.ReadAllText(options.TraceFile!), basePath);
    Console.WriteLine(replayed.BugFound
        ? $"Replayed {options.TraceFile} under {policy.Name}: bug reproduced.{Environment.NewLine}{replayed.BugReport}{Environment.NewLine}{Environment.NewLine}{timeline}"
        : $"Replayed {options.TraceFile} under {policy.Name}: no bug. Was it recorded under another policy or scenario option?");
    return replayed.BugFound ? 0 : 1;
}

if (options.Command == "sweep")
{
    var lastTask = options.LastTaskScenario();
    var policy = options.Policies[0];
    var destroy = RaceWindow.DestroyTime(lastTask.Options);
    Console.WriteLine($"Sweep of {lastTask.Name} under {policy.Name} ({options.Strategies[0].ToString().ToLowerInvariant()}), {options.Iterations} schedules per map length.");
    Console.WriteLine($"From the constants: n0's idle tracker destroys itself at t={destroy:0.0}s, so OMS_LAST_TASK is lost if created in ({destroy - lastTask.Options.DispatchInterval.TotalSeconds:0.0}s, {destroy:0.0}s), before the next dispatch.");
    Console.WriteLine($"{"map",5} {"predicted",9} {"buggy",9} {"share",6}");
    var points = SweepRunner.Run(options, policy, p => Console.WriteLine($"{p.MapSeconds,4}s {p.Predicted.ToString().ToLowerInvariant(),9} {p.Buggy,4}/{p.Iterations,-4} {p.Share,6:P0}"));
    var chart = Path.Combine(options.OutputDirectory, $"sweep-{policy.Name}-idle{options.MaxIdleSeconds}.svg");
    File.WriteAllText(chart, SvgChart.Render(points, $"#1033 under {policy.Name}: share of schedules that lose reduce, max idle {options.MaxIdleSeconds}s"));
    var reachable = points.Where(p => p.Reachable).Select(p => p.MapSeconds).ToList();
    var inside = points.Where(p => p.Predicted == WindowPosition.Inside).Select(p => p.MapSeconds).ToList();
    var edges = points.Where(p => p.Predicted == WindowPosition.Edge).Select(p => p.MapSeconds).ToList();
    Console.WriteLine($"Reachable: {Describe(reachable)}; predicted: {Describe(inside)}, plus edge {(edges.Count == 0 ? "none" : string.Join(", ", edges.Select(e => $"{e}s")))} (depends on timer drift). Chart: {chart}");
    return 0;
}

Console.WriteLine($"Scenario {scenario.Name}: {scenario.Description}");
Console.WriteLine($"Budget: {options.Iterations} iterations per seed, {options.Seeds} seeds from {options.Seed}, max {options.MaxSteps} steps per iteration.");
Console.WriteLine();
Console.WriteLine(ExplorationReport.Header);
ExplorationReport? firstFailing = null;
foreach (var policy in options.Policies)
{
    foreach (var strategy in options.Strategies)
    {
        // Seeds are independent; Coyote engines run side by side, one per core (1.7x on 2 cores).
        var runs = new ExplorationResult[options.Seeds];
        Parallel.For(0, options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
            runs[s] = ExplorationRunner.Explore(scenario, policy, strategy, options.Iterations, options.Seed + (uint)s, options.MaxSteps));
        var report = new ExplorationReport(policy, strategy, runs, options.Iterations);
        Console.WriteLine(report);
        firstFailing ??= report.FirstBug is null ? null : report;
    }
}

if (firstFailing?.FirstBug is { } bug)
{
    var name = $"{firstFailing.Policy.Name}-{firstFailing.Strategy.ToString().ToLowerInvariant()}";
    var basePath = Path.Combine(options.OutputDirectory, name);
    var (_, timeline) = FailureTrace.Write(options, firstFailing.Policy, bug.ReproducibleTrace!, basePath);
    Console.WriteLine();
    Console.WriteLine($"First bug ({firstFailing.Policy.Name}, {firstFailing.Strategy.ToString().ToLowerInvariant()}): {bug.BugReport}");
    Console.WriteLine();
    Console.WriteLine(timeline);
    Console.WriteLine($"Written: {basePath}.trace (Coyote), {basePath}.timeline.txt, {basePath}.mmd (Mermaid sequence diagram)");
    Console.WriteLine($"Replay it: dotnet run --project src/CoyoteTests -- replay {basePath}.trace --scenario {options.ScenarioName} --policy {firstFailing.Policy.Name} --max-idle {options.MaxIdleSeconds} --map {options.MinMapSeconds}-{options.MaxMapSeconds} --retry {options.TaskRetryNum}");
}

return 0;

static string Describe(IReadOnlyList<int> seconds) => seconds.Count == 0 ? "none" : $"{seconds.Min()}-{seconds.Max()}s ({seconds.Count} lengths)";
