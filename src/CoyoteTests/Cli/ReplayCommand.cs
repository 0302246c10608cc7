using TrackerRace.Coyote.Reporting;
using TrackerRace.Scenarios.Exploration;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary><c>replay &lt;trace&gt;</c>: runs the saved schedule again and prints what happened in it.</summary>
public static class ReplayCommand
{
    public static int Run(CommandLineOptions options, string tracePath, TextWriter output)
    {
        if (options.Policies.Count != 1)
        {
            throw new ArgumentException("replay needs the one --policy the trace was found under, e.g. --policy Legacy.");
        }

        OutputPaths.Check(options, writesFolder: false);
        var policy = options.Policies[0];
        try
        {
            var replayed = ExplorationRunner.Replay(options.Scenario(), policy, tracePath, options.OutputDirectory);
            output.WriteLine($"Replayed {tracePath} under {policy.Name}: bug reproduced.");
            output.WriteLine(replayed.Bug);
            output.WriteLine();
            output.Write(TimelineText.Format([.. replayed.Timeline.Where(e => e.Source != "clock")]));
            WriteJson(options, tracePath, reproduced: true, replayed.Bug, output);
            return ExitCodes.Success;
        }
        catch (InvalidOperationException notReproduced) when (notReproduced.Message.Contains("did not reproduce", StringComparison.Ordinal))
        {
            output.WriteLine(notReproduced.Message);
            WriteJson(options, tracePath, reproduced: false, notReproduced.Message, output);
            return ExitCodes.NotReproduced;
        }
    }

    private static void WriteJson(CommandLineOptions options, string trace, bool reproduced, string? bug, TextWriter output)
    {
        if (options.JsonReport is { } json)
        {
            JsonReport.Write(json, new { command = "replay", trace, reproduced, bug });
            output.WriteLine($"JSON report: {json}");
        }
    }
}
