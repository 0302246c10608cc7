using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Tracing;

/// <summary>Replays a failing schedule with a recorder and writes what a person needs to understand and rerun it.</summary>
public static class FailureTrace
{
    /// <summary>
    /// Replays <paramref name="reproducibleTrace"/> and writes <c>{basePath}.trace</c> (Coyote's),
    /// <c>{basePath}.timeline.txt</c> and <c>{basePath}.mmd</c> (Mermaid). Returns the replay's result and the timeline.
    /// </summary>
    public static (ExplorationResult Replayed, string Timeline) Write(CommandLineOptions options, IIdlePolicy policy, string reproducibleTrace, string basePath)
    {
        var recorder = new TraceRecorder();
        var replayed = ExplorationRunner.Replay(options.Scenario(recorder), policy, reproducibleTrace);
        var timeline = TimelineFormatter.Timeline(recorder.Events);
        File.WriteAllText(basePath + ".trace", reproducibleTrace);
        File.WriteAllText(basePath + ".timeline.txt", timeline);
        File.WriteAllText(basePath + ".mmd", TimelineFormatter.Mermaid(recorder.Events));
        return (replayed, timeline);
    }
}
