using System.Text.Json;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary>The <c>--json</c> report: the same figures as the console's, for a CI dashboard to read.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(string path, object report)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(report, Options));
    }

    /// <summary>One row of the explore report: a policy under a strategy, with each seed's run.</summary>
    public static object Row(ExplorationReport report) => new
    {
        policy = report.Policy.Name,
        strategy = report.Strategy.ToString().ToLowerInvariant(),
        bugFound = report.Runs.Count(r => r.BugFound),
        seeds = report.Runs.Count,
        iterationsPerSecond = report.IterationsPerSecond,
        stepsPerIteration = report.StepsPerIteration,
        firstBug = report.FirstBug?.Bug,
        trace = report.FirstBug?.TracePath,
        interrupted = report.Runs.Any(r => r.Interrupted),
        found = report.Runs.SelectMany(r => r.Found).Select(f => new { bug = f.Bug, iteration = f.Iteration, trace = f.TracePath }),
        runs = report.Runs.Select(r => new
        {
            bugFound = r.BugFound,
            iterations = r.Iterations,
            steps = r.SchedulingSteps,
            seconds = r.Elapsed.TotalSeconds,
            failingIterations = r.BugCount,
            distinctBugs = r.DistinctBugs,
            stoppedByDuration = r.StoppedByDuration,
            perIteration = r.PerIteration,
            stepsByKind = r.StepsByKind,
        }),
    };
}
