using System.Text.Json;
using TrackerRace.CoyoteTests.Cli;
using TrackerRace.TestSupport;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>
/// Ctrl-C on a real <c>explore</c> process, as a user presses it: what was found so far is printed, written and
/// replayable. Bounded: the run is asked for 30 minutes and stopped by the signal; every wait has a limit after which
/// the process is killed and the test fails saying what it waited for.
/// </summary>
public sealed class InterruptedExploreTests
{
    [UnixFact]
    public async Task Sigint_prints_the_rows_so_far_writes_the_json_and_keeps_the_traces_found()
    {
        var folder = Output.Folder();
        var json = Path.Combine(folder, "report.json");
        using var explore = ChildProcess.Start(ChildProcess.RecordedPath(typeof(InterruptedExploreTests).Assembly, "CommandLineAssembly"),
            "explore", "--policy", "Legacy", "--strategy", "random", "--seeds", "1", "--duration", "30m", "--keep-going", "--out", folder, "--json", json);
        await explore.Until(() => Directory.GetFiles(folder, "*.trace.json").Length > 0, "trace written while the run goes on");

        explore.Signal("INT");
        var code = await explore.Exit();

        var printed = explore.Printed;
        Assert.True(code == ExitCodes.Interrupted, $"exit {code}, expected {ExitCodes.Interrupted}:\n{printed}");
        Assert.Contains("(interrupted)", printed);
        Assert.Contains("Interrupted: 1 of 1 rows ran", printed);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(report.RootElement.GetProperty("interrupted").GetBoolean());
        var found = report.RootElement.GetProperty("rows")[0].GetProperty("found");
        Assert.NotEqual(0, found.GetArrayLength());
        var trace = found[0].GetProperty("trace").GetString()!;
        Assert.True(File.Exists(trace), trace);

        using var replayOutput = new StringWriter();
        using var replayError = new StringWriter();
        var replayed = await CommandLine.RunAsync(["replay", trace, "--policy", "Legacy"], replayOutput, replayError);
        Assert.Equal(ExitCodes.Success, replayed);
        Assert.Contains("bug reproduced", replayOutput.ToString());
    }
}
