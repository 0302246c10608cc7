using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using TrackerRace.CoyoteTests.Cli;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>
/// Ctrl-C on a real <c>explore</c> process, as a user presses it: what was found so far is printed, written and
/// replayable. Bounded: the run is asked for 30 minutes and stopped by the signal; every wait below has a limit after
/// which the process is killed and the test fails saying what it waited for.
/// </summary>
public sealed class InterruptedExploreTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [UnixFact]
    public async Task Sigint_prints_the_rows_so_far_writes_the_json_and_keeps_the_traces_found()
    {
        var folder = Output.Folder();
        var json = Path.Combine(folder, "report.json");
        using var process = Start(CommandLineAssembly(), "explore", "--policy", "Legacy", "--strategy", "random", "--seeds", "1", "--duration", "30m", "--keep-going", "--out", folder, "--json", json);
        var output = new CapturedLines(process);
        try
        {
            await Until(() => Directory.GetFiles(folder, "*.trace.json").Length > 0, "a trace written while the run goes on", process, output);

            Signal(process.Id, "INT");
            await Until(() => process.HasExited, "the process to exit after SIGINT", process, output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit(); // Drains the redirected output.
        var printed = output.Text;
        Assert.True(process.ExitCode == ExitCodes.Interrupted, $"exit {process.ExitCode}, expected {ExitCodes.Interrupted}:\n{printed}");
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

    private static string CommandLineAssembly() =>
        typeof(InterruptedExploreTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CommandLineAssembly").Value
        ?? throw new InvalidOperationException("the test project did not record where the command line was built");

    private static Process Start(string assembly, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["COYOTE_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start dotnet {assembly}");
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // Polls rather than sleeping for a fixed time: the test goes on as soon as the condition holds.
    private static async Task Until(Func<bool> condition, string what, Process process, CapturedLines output)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > Bound)
            {
                Assert.Fail($"no {what} within {Bound.TotalMinutes} minutes; the process printed:\n{output.Text}");
            }

            if (process.HasExited && !condition())
            {
                Assert.Fail($"the process exited ({process.ExitCode}) before {what}; it printed:\n{output.Text}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Reads both pipes as the process writes them, so a full pipe never blocks it.</summary>
    private sealed class CapturedLines
    {
        private readonly System.Text.StringBuilder lines = new();

        public CapturedLines(Process process)
        {
            process.OutputDataReceived += (_, e) => this.Add(e.Data);
            process.ErrorDataReceived += (_, e) => this.Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Text
        {
            get
            {
                lock (this.lines)
                {
                    return this.lines.ToString();
                }
            }
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (this.lines)
            {
                this.lines.AppendLine(line);
            }
        }
    }
}
