using TrackerRace.Coyote;
using TrackerRace.Scenarios.Exploration;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.Scenarios.Sweep;

/// <summary>Explores the #1033 scenario at each map-phase length of a range and compares with <see cref="RaceWindow"/>.</summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs <paramref name="iterations"/> schedules of <paramref name="template"/> at each map length from its
    /// <see cref="LastTaskRaceScenario.MinMapSeconds"/> to its <see cref="LastTaskRaceScenario.MaxMapSeconds"/>.
    /// </summary>
    public static IReadOnlyList<SweepPoint> Run(LastTaskRaceScenario template, IIdlePolicy policy, ExplorationStrategy strategy, int iterations, uint seed, uint maxSteps, Action<SweepPoint>? progress = null)
    {
        var points = new List<SweepPoint>();
        for (var seconds = template.MinMapSeconds; seconds <= template.MaxMapSeconds; seconds++)
        {
            var scenario = template.WithMapSeconds(seconds);
            var buggy = ExplorationRunner.CountBuggy(scenario, policy, strategy, iterations, seed, maxSteps);
            var point = new SweepPoint(seconds, iterations, buggy, RaceWindow.Classify(template.Options, seconds));
            points.Add(point);
            progress?.Invoke(point);
        }

        return points;
    }
}
