using System.Diagnostics;
using System.Globalization;
using TrackerRace.Coyote;
using TrackerRace.Coyote.Reporting;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary>
/// <c>explore</c>: every policy under every strategy over several seeds, then the first failure as a timeline. Ctrl-C
/// (or SIGTERM) stops it the way <c>--duration</c> does: the running iterations end, the rows so far are printed, the JSON
/// and the traces of what was found are written, and the exit code is <see cref="ExitCodes.Interrupted"/>.
/// </summary>
public static class ExploreCommand
{
    public static int Run(CommandLineOptions options, TextWriter output, TextWriter error)
    {
        OutputPaths.Check(options, writesFolder: true);
        using var interrupt = new Interruption(error);
        var scenario = options.Scenario();
        output.WriteLine($"Scenario {scenario.Name}: {scenario.Description}");
        output.WriteLine(Budget(options));
        output.WriteLine();
        output.WriteLine(ExplorationReport.Header);
        var reports = new List<ExplorationReport>();
        var progress = new ProgressLine(error);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();

        // Seeds are independent engines side by side; cores the seeds leave over explore one seed's shards in parallel.
        // Neither changes what is found: shards are numbered and the lowest failing one decides.
        var seedsAtOnce = Math.Min(options.Seeds, Environment.ProcessorCount);
        var shardsAtOnce = Math.Max(1, Environment.ProcessorCount / seedsAtOnce);
        var firstBug = new FirstBugPrinter(options.KeepGoing ? null : output, (policy, trace) => ReplayLine(options, policy, trace));
        foreach (var policy in options.Policies)
        {
            foreach (var strategy in options.Strategies)
            {
                var runs = new ExplorationResult[options.Seeds];
                var row = Stopwatch.StartNew();
                firstBug.StartRow(policy.Name, strategy.ToString().ToLowerInvariant(), options.Seed, options.Seeds);
                Parallel.For(0, options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = seedsAtOnce }, s =>
                {
                    var seed = options.Seed + (uint)s;

                    // --duration is the row's budget: a seed that starts late (seeds run in waves of one per core) gets what is left.
                    var left = options.Duration - row.Elapsed;
                    runs[s] = ExplorationRunner.Run(scenario, policy, ExplorationRunner.Options(scenario, policy, strategy, options.Iterations, seed, options.MaxSteps, options.OutputDirectory) with
                    {
                        Parallelism = shardsAtOnce,
                        Duration = left is { } time && time < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left,
                        StopAtFirstBug = !options.KeepGoing,
                        Progress = progress.For($"{policy.Name}/{strategy}/{seed}"),
                        Cancellation = interrupt.Token,
                    });
                    firstBug.SeedFinished(s, runs[s]);
                });
                var report = new ExplorationReport(policy, strategy, runs, options.Iterations) { KeepGoing = options.KeepGoing };
                reports.Add(report);
                output.WriteLine(interrupt.Requested ? $"{report}   (interrupted)" : report.ToString());
                if (interrupt.Requested)
                {
                    break;
                }
            }

            if (interrupt.Requested)
            {
                break;
            }
        }

        var total = reports.Sum(r => r.Runs.Sum(x => x.Iterations));
        var elapsed = watch.Elapsed;

        // What the iterations left behind once everything collectable is collected: the leak figure issue 12 tracks.
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Explored {total:N0} iterations in {elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores: {total / Math.Max(elapsed.TotalSeconds, 1e-9):0.0} iterations/s in all."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Memory: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB; managed heap retained after the run {retained / 1024.0:N0} KB, {retained / (double)Math.Max(total, 1):N0} bytes per iteration."));
        if (reports.Any(r => r.Runs.Any(x => x.StoppedByDuration)))
        {
            output.WriteLine($"--duration {options.Duration} ended the exploration before the iteration budget.");
        }

        var rows = options.Policies.Count * options.Strategies.Count;
        if (interrupt.Requested)
        {
            output.WriteLine($"Interrupted: {reports.Count} of {rows} rows ran (the last one cut short); what they found is below and written.");
        }

        if (options.Profile)
        {
            WriteProfile(reports, output);
        }

        if (options.KeepGoing)
        {
            WriteDistinctBugs(reports, options, output);
        }
        else if (firstBug.Printed)
        {
            output.WriteLine();
            output.WriteLine("The first bug's timeline and replay command are above, printed when it was found.");
        }

        if (options.JsonReport is { } json)
        {
            JsonReport.Write(json, new { command = "explore", scenario = scenario.Key, options.Iterations, options.Seeds, options.Seed, keepGoing = options.KeepGoing, interrupted = interrupt.Requested, rows = reports.Select(JsonReport.Row) });
            output.WriteLine($"JSON report: {json}");
        }

        return interrupt.Requested ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    private static string ReplayLine(CommandLineOptions options, string policy, string trace) =>
        $"dotnet run --project src/CoyoteTests -- replay {trace} --scenario {options.ScenarioName} --policy {policy} --max-idle {options.MaxIdleSeconds} --map {options.MinMapSeconds}-{options.MaxMapSeconds} --retry {options.TaskRetryNum} --faults {options.Faults}";

    private static string Budget(CommandLineOptions options)
    {
        var iterations = options.Duration is { } duration
            ? $"up to {duration} per policy and strategy"
            : $"{options.Iterations} iterations per seed";
        var stop = options.KeepGoing ? "running on after bugs" : "stopping at the first bug";
        return $"Budget: {iterations}, {options.Seeds} seeds from {options.Seed}, max {options.MaxSteps} steps per iteration, {stop}.";
    }

    // Where the steps come from: Coyote's steps and operations per iteration (each operation is an OS thread: what an
    // iteration costs) beside each source's events per iteration, per row.
    private static void WriteProfile(IReadOnlyList<ExplorationReport> reports, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Profile (per iteration; Coyote counts scheduling steps and operations, the harness counts events by source):");
        foreach (var report in reports)
        {
            var iterations = Math.Max(1, report.Runs.Sum(r => r.Iterations));
            var operations = report.Runs.Sum(r => r.PerIteration.GetValueOrDefault(OperationsKey) * r.Iterations) / iterations;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {report.Policy.Name}, {report.Strategy.ToString().ToLowerInvariant()}: {report.StepsPerIteration:N0} steps, {operations:N1} operations; {PerIteration(report.Runs, r => r.PerIteration.Where(p => p.Key != OperationsKey).ToDictionary())}"));
            output.WriteLine($"    steps by kind: {PerIteration(report.Runs, r => r.StepsByKind)}");
        }
    }

    private const string OperationsKey = "Coyote operations";

    // "a 12.3, b 4": each key's count per iteration over the runs, largest first.
    private static string PerIteration(IReadOnlyList<ExplorationResult> runs, Func<ExplorationResult, IReadOnlyDictionary<string, double>> counts)
    {
        var iterations = Math.Max(1, runs.Sum(r => r.Iterations));
        var totals = runs.SelectMany(r => counts(r).Select(p => (p.Key, Total: p.Value * r.Iterations)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, PerIteration: g.Sum(p => p.Total) / iterations))
            .OrderByDescending(p => p.PerIteration);
        return string.Join(", ", totals.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.PerIteration:0.#}")));
    }

    // With --keep-going a row counts failing iterations; the same oracle message from many iterations is one bug.
    private static void WriteDistinctBugs(IReadOnlyList<ExplorationReport> reports, CommandLineOptions options, TextWriter output)
    {
        foreach (var report in reports.Where(r => r.Runs.Any(x => x.BugFound)))
        {
            var distinct = report.Runs.SelectMany(r => r.DistinctBugs).DistinctBy(BugMessage.Signature, StringComparer.Ordinal).ToList();
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Policy.Name}, {report.Strategy.ToString().ToLowerInvariant()}: {report.Runs.Sum(r => r.BugCount):N0} failing iterations of {report.Runs.Sum(r => r.Iterations):N0}, {distinct.Count} distinct:"));
            foreach (var bug in distinct)
            {
                output.WriteLine("  - " + bug.ReplaceLineEndings(" "));
            }

            // Each distinct bug's trace was written when it was found, by the seed that found it first.
            foreach (var found in report.Runs.SelectMany(r => r.Found).DistinctBy(f => BugMessage.Signature(f.Bug), StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trace (iteration {found.Iteration}): {found.TracePath}"));
                output.WriteLine($"    replay: {ReplayLine(options, report.Policy.Name, found.TracePath)}");
            }
        }
    }
}
