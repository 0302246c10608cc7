using TrackerRace.Coyote;
using TrackerRace.Scenarios;
using TrackerRace.Scenarios.Sweep;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Tests;

public sealed class SweepTests
{
    public static TheoryData<int, int, int, int> Windows => new()
    {
        // max idle, first and last map length inside the window, destroy time of n0's tracker
        { 120, 129, 140, 150 },
        { 40, 51, 62, 70 },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void The_window_follows_from_the_constants_and_moves_with_the_idle_threshold(int maxIdle, int first, int last, int destroy)
    {
        var options = new TrackerOptions { MaxIdleTime = TimeSpan.FromSeconds(maxIdle) };

        var inside = Enumerable.Range(0, 400).Where(s => RaceWindow.Classify(options, s) == WindowPosition.Inside).ToList();

        Assert.Equal(Enumerable.Range(first, last - first + 1), inside);
        Assert.Equal(WindowPosition.Edge, RaceWindow.Classify(options, first - 1));
        Assert.Equal(WindowPosition.Edge, RaceWindow.Classify(options, last + 1));
        Assert.Equal(destroy, RaceWindow.DestroyTime(options), precision: 1);
    }

    [Fact]
    public void Coyote_finds_the_race_inside_the_predicted_window_and_never_outside_it()
    {
        var scenario = new LastTaskRaceScenario { MinMapSeconds = 48, MaxMapSeconds = 53, Options = new TrackerOptions { MaxIdleTime = TimeSpan.FromSeconds(40) } };

        var points = SweepRunner.Run(scenario, IdlePolicies.Legacy, ExplorationStrategy.Random, iterations: 10, seed: 1, maxSteps: 20_000);

        Assert.All(points, p =>
        {
            if (p.Predicted == WindowPosition.Inside)
            {
                Assert.True(p.Reachable, $"{p.MapSeconds}s is inside the predicted window but no schedule lost reduce");
            }

            if (p.Predicted == WindowPosition.Outside)
            {
                Assert.False(p.Reachable, $"{p.MapSeconds}s is outside the predicted window but {p.Buggy} schedule(s) lost reduce");
            }
        });
        Assert.Contains(points, p => p.Predicted == WindowPosition.Outside);
        Assert.Contains(points, p => p.Predicted == WindowPosition.Inside);
    }

    [Fact]
    public void The_chart_is_an_svg_with_one_bar_per_map_length()
    {
        SweepPoint[] points = [new(50, 10, 0, WindowPosition.Edge), new(51, 10, 4, WindowPosition.Inside), new(52, 10, 0, WindowPosition.Outside)];

        var svg = SvgChart.Render(points, "t");

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Equal(3, svg.Split("<title>").Length - 1);
        Assert.Contains("<title>51s: 4/10</title>", svg);
    }
}
