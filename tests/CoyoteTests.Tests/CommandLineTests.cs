using System.Text.Json;
using TrackerRace.CoyoteTests.Cli;

namespace TrackerRace.CoyoteTests.Tests;

/// <summary>The command line as a user meets it: exit codes, errors that name the option, help, the JSON report, replay.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "explode" }, "explode")]
    [InlineData(new[] { "replay" }, "Required argument missing for command: 'replay'")]
    [InlineData(new[] { "explore", "--iterations", "0" }, "Option --iterations expects an integer from 1 to 10000000 (was '0').")]
    [InlineData(new[] { "explore", "--seeds" }, "--seeds")]
    [InlineData(new[] { "explore", "--policy", "Optimistic" }, "Unknown idle policy 'Optimistic'. Expected one of: Legacy, LocalRecheck, SkipIdleOnTaskTrackerNode, IdleHandshake.")]
    [InlineData(new[] { "explore", "--strategy", "dfs" }, "Unknown strategy 'dfs'. Expected one of: random, prioritization, probabilistic.")]
    [InlineData(new[] { "explore", "--map", "160-100" }, "Option --map expects a range of seconds like 100-160, with 0 <= min <= max <= 86400 (was '160-100').")]
    [InlineData(new[] { "explore", "--map", "100" }, "Option --map expects a range of seconds like 100-160")]
    [InlineData(new[] { "explore", "--fast" }, "--fast")]
    [InlineData(new[] { "explore", "--duration", "10" }, "Option --duration expects a time with a unit, like 90s, 10m or 2h, from 1s to 7 days (was '10').")]
    [InlineData(new[] { "explore", "--duration", "0m" }, "Option --duration expects a time with a unit")]
    [InlineData(new[] { "explore", "--duration", "1e-8s" }, "from 1s to 7 days (was '1e-8s')")]
    [InlineData(new[] { "explore", "--duration", "8000h" }, "from 1s to 7 days (was '8000h')")]
    [InlineData(new[] { "explore", "--scenario", "r2" }, "r2")]
    [InlineData(new[] { "explore", "--scenario", "crash", "--faults", "11" }, "Option --faults expects an integer from 0 to 10 (was '11').")]
    [InlineData(new[] { "explore", "--iterations", "abc" }, "Option --iterations expects an integer from 1 to 10000000 (was 'abc').")]
    [InlineData(new[] { "explore", "--iterations", "" }, "Option --iterations expects an integer from 1 to 10000000 (was '').")]
    [InlineData(new[] { "explore", "--iterations", "99999999999" }, "Option --iterations expects an integer from 1 to 10000000 (was '99999999999').")]
    [InlineData(new[] { "explore", "--seeds", "x" }, "Option --seeds expects an integer from 1 to 1000 (was 'x').")]
    [InlineData(new[] { "explore", "--max-idle", "1.5" }, "Option --max-idle expects an integer from 0 to 86400 (was '1.5').")]
    [InlineData(new[] { "explore", "--seed", "-1" }, "Option --seed expects an integer from 0 to 2147483647 (was '-1').")]
    [InlineData(new[] { "explore", "--max-steps", "1e6" }, "Option --max-steps expects an integer from 100 to 2147483647 (was '1e6').")]
    [InlineData(new[] { "explore", "--retry", "one" }, "Option --retry expects an integer from 0 to 100 (was 'one').")]
    [InlineData(new[] { "explore", "--faults", "2.0" }, "Option --faults expects an integer from 0 to 10 (was '2.0').")]
    [InlineData(new[] { "sweep", "--iterations", "ten" }, "Option --iterations expects an integer from 1 to 10000000 (was 'ten').")]
    [InlineData(new[] { "replay", "x.trace.json", "--max-idle", "2147483648" }, "Option --max-idle expects an integer from 0 to 86400 (was '2147483648').")]
    public async Task Bad_arguments_exit_with_2_and_name_what_was_expected(string[] args, string message)
    {
        var (code, output, error) = await Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, error);
        Assert.Contains("--help", error);
        Assert.Empty(output);
    }

    // Checked before anything runs: an hour's findings must not be lost because the place to write them is wrong.
    [Theory]
    [InlineData("explore", "--out", "", "Option --out expects a folder to write traces to (was empty).")]
    [InlineData("explore", "--out", "/proc/trackerrace", "Option --out expects a folder it can create and write to; '/proc/trackerrace' cannot be written")]
    [InlineData("explore", "--out", "{file}", "Option --out expects a folder, but '{file}' is a file.")]
    [InlineData("explore", "--json", "", "Option --json expects a file to write the report to (was empty).")]
    [InlineData("explore", "--json", "{folder}", "Option --json expects a file, but '{folder}' is a folder.")]
    [InlineData("explore", "--json", "/proc/trackerrace.json", "Option --json expects a file it can write (an existing one is replaced at the end); '/proc/trackerrace.json' cannot be written")]
    [InlineData("sweep", "--out", "{file}", "Option --out expects a folder, but '{file}' is a file.")]
    [InlineData("replay", "--json", "{folder}", "Option --json expects a file, but '{folder}' is a folder.")]
    public async Task Outputs_that_cannot_be_written_are_bad_input_before_anything_runs(string command, string option, string value, string message)
    {
        var folder = Output.Folder();
        var file = Path.Combine(folder, "a-file.txt");
        File.WriteAllText(file, "x");
        string Fill(string text) => text.Replace("{file}", file, StringComparison.Ordinal).Replace("{folder}", folder, StringComparison.Ordinal);
        string[] args = command == "replay"
            ? ["replay", Path.Combine(folder, "none.trace.json"), "--policy", "Legacy", option, Fill(value)]
            : [command, "--policy", "Legacy", "--strategy", "random", "--iterations", "100000", option, Fill(value)];

        var (code, output, error) = await Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(Fill(message), error);
        Assert.DoesNotContain("Explored", output);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public async Task An_existing_json_report_is_replaced_at_the_end_not_refused()
    {
        var folder = Output.Folder();
        var json = Path.Combine(folder, "report.json");
        File.WriteAllText(json, "{}");

        var (code, _, _) = await Run(["explore", "--scenario", "control", "--policy", "IdleHandshake", "--strategy", "random", "--seeds", "1", "--iterations", "2", "--out", folder, "--json", json]);

        Assert.Equal(ExitCodes.Success, code);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("explore", report.RootElement.GetProperty("command").GetString());
    }

    [Fact]
    public async Task Two_strategies_on_the_same_seed_write_their_traces_to_files_of_their_own()
    {
        var folder = Output.Folder();

        var (code, output, _) = await Run(["explore", "--policy", "Legacy", "--strategy", "random,probabilistic", "--seeds", "1", "--iterations", "60", "--out", folder]);

        Assert.Equal(ExitCodes.Success, code);
        var traces = Directory.GetFiles(folder, "*.trace.json").Select(Path.GetFileName).ToList();
        Assert.Equal(2, traces.Count);
        Assert.Contains(traces, t => t!.Contains("-random-seed1-", StringComparison.Ordinal));
        Assert.Contains(traces, t => t!.Contains("-probabilistic-seed1-", StringComparison.Ordinal));
        Assert.Contains("yes 1/1", output);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_the_exit_codes()
    {
        var (code, output, _) = await Run(["--help"]);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("explore", output);
        Assert.Contains("sweep", output);
        Assert.Contains("replay <trace>", output);
        Assert.Contains(ExitCodes.Help, output);
    }

    [Fact]
    public async Task The_profile_puts_coyote_operations_per_iteration_next_to_the_steps()
    {
        var (code, output, _) = await Run(["explore", "--policy", "IdleHandshake", "--strategy", "random", "--seeds", "1", "--iterations", "20", "--profile", "--out", Output.Folder()]);

        Assert.Equal(ExitCodes.Success, code);
        var line = output.Split('\n').Single(l => l.StartsWith("  IdleHandshake, random: ", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @": (?<steps>[\d,]+) steps, (?<operations>[\d.,]+) operations; ");
        Assert.True(match.Success, line);
        Assert.InRange(double.Parse(match.Groups["operations"].Value, System.Globalization.CultureInfo.InvariantCulture), 1, double.Parse(match.Groups["steps"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("Coyote operations", line);
    }

    [Fact]
    public async Task The_first_bug_is_printed_when_found_before_the_table_rows_that_follow()
    {
        var folder = Output.Folder();

        var (code, output, _) = await Run(["explore", "--policy", "Legacy,IdleHandshake", "--strategy", "random", "--seeds", "2", "--iterations", "60", "--out", folder]);

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var firstBug = lines.FindIndex(l => l.StartsWith("First bug (Legacy, random, seed 1): ", StringComparison.Ordinal));
        var legacyRow = lines.FindIndex(l => l.StartsWith("Legacy ", StringComparison.Ordinal));
        var handshakeRow = lines.FindIndex(l => l.StartsWith("IdleHandshake ", StringComparison.Ordinal));
        Assert.True(firstBug >= 0 && legacyRow > firstBug && handshakeRow > legacyRow, output);
        Assert.Contains(lines.Skip(firstBug), l => l.StartsWith("Replay it: dotnet run --project src/CoyoteTests -- replay ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("First bug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explore_reports_the_bug_writes_json_and_the_printed_replay_reproduces_it()
    {
        var folder = Output.Folder();
        var json = Path.Combine(folder, "report.json");

        var (code, output, _) = await Run(["explore", "--policy", "Legacy", "--strategy", "random", "--seeds", "1", "--iterations", "60", "--out", folder, "--json", json]);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("First bug (Legacy, random, seed 1)", output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var row = report.RootElement.GetProperty("rows")[0];
        Assert.Equal(1, row.GetProperty("bugFound").GetInt32());
        var trace = row.GetProperty("trace").GetString()!;
        Assert.Contains($"replay {trace} --scenario last-task-race --policy Legacy", output);

        var (replayCode, replayOutput, _) = await Run(["replay", trace, "--policy", "Legacy", "--out", folder]);

        Assert.Equal(ExitCodes.Success, replayCode);
        Assert.Contains("bug reproduced", replayOutput);
        Assert.Contains("OMS_LAST_TASK marked FAILED", replayOutput);
    }

    [Fact]
    public async Task Keep_going_counts_failing_iterations_and_lists_each_distinct_bug_once()
    {
        var (code, output, _) = await Run(["explore", "--policy", "Legacy", "--strategy", "random", "--seeds", "1", "--iterations", "60", "--keep-going", "--out", Output.Folder()]);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("running on after bugs", output);
        Assert.Matches(@"Legacy, random: \d+ failing iterations of 60, \d+ distinct:", output);
        Assert.DoesNotContain("First bug", output);
    }

    [Fact]
    public async Task Keep_going_writes_each_distinct_bug_s_trace_and_the_printed_replay_reproduces_it()
    {
        var folder = Output.Folder();
        var json = Path.Combine(folder, "report.json");

        var (code, output, _) = await Run(["explore", "--policy", "Legacy", "--strategy", "random", "--seeds", "1", "--iterations", "60", "--keep-going", "--out", folder, "--json", json]);

        Assert.Equal(ExitCodes.Success, code);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var found = report.RootElement.GetProperty("rows")[0].GetProperty("found");
        Assert.NotEqual(0, found.GetArrayLength());
        var trace = found[0].GetProperty("trace").GetString()!;
        Assert.Contains($"replay {trace} --scenario last-task-race --policy Legacy", output);

        var (replayCode, replayOutput, _) = await Run(["replay", trace, "--policy", "Legacy"]);

        Assert.Equal(ExitCodes.Success, replayCode);
        Assert.Contains("bug reproduced", replayOutput);
    }

    [Fact]
    public async Task A_trace_replayed_in_another_scenario_or_a_missing_trace_is_bad_input()
    {
        var folder = Output.Folder();
        await Run(["explore", "--policy", "Legacy", "--strategy", "random", "--seeds", "1", "--iterations", "60", "--out", folder]);
        var trace = Directory.GetFiles(folder, "*.trace.json").Single();

        var (foreign, _, foreignError) = await Run(["replay", trace, "--policy", "Legacy", "--max-idle", "40"]);
        var (missing, _, missingError) = await Run(["replay", Path.Combine(folder, "none.trace.json"), "--policy", "Legacy"]);

        Assert.Equal(ExitCodes.BadInput, foreign);
        Assert.Contains("a schedule only replays in the test that found it", foreignError);
        Assert.DoesNotContain("(Parameter", foreignError);
        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains("does not exist", missingError);
    }

    private static async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
