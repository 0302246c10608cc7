using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Sweep;

/// <summary>Explores the #1033 scenario at each map-phase length of a range and compares with <see cref="RaceWindow"/>.</summary>
public static class SweepRunner
{
    public static IReadOnlyList<SweepPoint> Run(CommandLineOptions options, IIdlePolicy policy, Action<SweepPoint>? progress = null)
    {
        var points = new List<SweepPoint>();
        var template = options.LastTaskScenario();
        for (var seconds = options.MinMapSeconds; seconds <= options.MaxMapSeconds; seconds++)
        {
            var scenario = template.WithMapSeconds(seconds);
            var buggy = ExplorationRunner.CountBuggy(scenario, policy, options.Strategies[0], options.Iterations, options.Seed, options.MaxSteps);
            var point = new SweepPoint(seconds, options.Iterations, buggy, RaceWindow.Classify(template.Options, seconds));
            points.Add(point);
            progress?.Invoke(point);
        }

        return points;
    }
}
