using System.Globalization;
using TrackerRace.CoyoteTests;
using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.CoyoteTests.Scenarios;

// No network at run time: the Coyote engine's telemetry is also disabled in every configuration.
Environment.SetEnvironmentVariable("COYOTE_CLI_TELEMETRY_OPTOUT", "1");

CommandLineOptions options;
try
{
    options = CommandLineOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

try
{
    RewriteGuard.EnsureRewritten();
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 3;
}

var scenario = options.Scenario();
if (options.Command == "replay")
{
    var trace = File.ReadAllText(options.TraceFile!);
    var policy = options.Policies[0];
    var replayed = ExplorationRunner.Replay(scenario, policy, trace);
    Console.WriteLine(replayed.BugFound
        ? $"Replayed {options.TraceFile} under {policy.Name}: bug reproduced.{Environment.NewLine}{replayed.BugReport}"
        : $"Replayed {options.TraceFile} under {policy.Name}: no bug (was the trace recorded under another policy?).");
    return replayed.BugFound ? 0 : 1;
}

Console.WriteLine($"Scenario {scenario.Name}: {scenario.Description}");
Console.WriteLine($"Budget: {options.Iterations} iterations per seed, {options.Seeds} seeds from {options.Seed}, max {options.MaxSteps} steps per iteration.");
Console.WriteLine();
Console.WriteLine($"{"policy",-26} {"strategy",-15} {"bug found",-11} {"iters to bug (median/worst)",-28} {"iters/s",8} {"explored",9} {"steps/iter",10}");
Directory.CreateDirectory(options.OutputDirectory);
string? firstTrace = null;
string? firstTracePolicy = null;
string? firstBug = null;
foreach (var policy in options.Policies)
{
    foreach (var strategy in options.Strategies)
    {
        var runs = Enumerable.Range(0, options.Seeds)
            .Select(s => ExplorationRunner.Explore(scenario, policy, strategy, options.Iterations, options.Seed + (uint)s, options.MaxSteps))
            .ToList();
        var found = runs.Where(r => r.BugFound).ToList();
        var toBug = found.Select(r => r.Iterations).Order().ToList();
        var explored = runs.Sum(r => r.Iterations);
        var seconds = runs.Sum(r => r.Elapsed.TotalSeconds);
        var steps = runs.Sum(r => r.SchedulingSteps);
        var toBugText = toBug.Count == 0 ? "-" : $"{toBug[toBug.Count / 2]}/{(toBug.Count == runs.Count ? toBug[^1].ToString(CultureInfo.InvariantCulture) : ">" + options.Iterations)}";
        Console.WriteLine($"{policy.Name,-26} {strategy.ToString().ToLowerInvariant(),-15} {(found.Count == 0 ? "no" : $"yes {found.Count}/{runs.Count}"),-11} {toBugText,-28} {explored / Math.Max(seconds, 1e-9),8:0} {explored,9} {steps / Math.Max(explored, 1),10}");
        if (found.Count > 0 && firstTrace is null)
        {
            var file = Path.Combine(options.OutputDirectory, $"{policy.Name}-{strategy.ToString().ToLowerInvariant()}.trace");
            File.WriteAllText(file, found[0].ReproducibleTrace);
            firstTrace = file;
            firstTracePolicy = policy.Name;
            firstBug = found[0].BugReport;
        }
    }
}

if (firstTrace is not null)
{
    Console.WriteLine();
    Console.WriteLine($"First bug: {firstBug}");
    Console.WriteLine($"Replay it: dotnet run --project src/CoyoteTests -- replay {firstTrace} --policy {firstTracePolicy} --max-idle {options.MaxIdleSeconds} --map {options.MinMapSeconds}-{options.MaxMapSeconds} --retry {options.TaskRetryNum}");
}

return 0;
