using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using TrackerRace.Coyote;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests.Cli;

/// <summary>
/// The harness's command line: <c>explore</c> (the report), <c>sweep</c> (the race window) and <c>replay &lt;trace&gt;</c>,
/// each with <c>--help</c>. A bad value fails at parse time naming the option and what it expects.
/// </summary>
public static class CommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>; returns an <see cref="ExitCodes"/> value.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = Build(output, error).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException)
        {
            error.WriteLine($"error: {Reason(e)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.NotExplorable;
        }
    }

    // The largest --iterations; a timed run without --iterations explores up to it.
    private const int MaxIterations = 10_000_000;

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var scenario = new Option<string>("--scenario") { Description = $"What to explore: {string.Join(", ", CommandLineOptions.ScenarioNames)}.", DefaultValueFactory = _ => "last-task-race" };
        scenario.AcceptOnlyFromAmong([.. CommandLineOptions.ScenarioNames]);
        var policies = new Option<IReadOnlyList<IIdlePolicy>>("--policy")
        {
            Description = $"Idle policies, comma-separated, or all (the default): {string.Join(", ", IdlePolicies.All.Select(p => p.Name))}.",
            CustomParser = ParsePolicies,
            HelpName = "policies",
        };
        var strategies = new Option<IReadOnlyList<ExplorationStrategy>>("--strategy")
        {
            Description = "Coyote strategies, comma-separated, or all (the default): random, prioritization, probabilistic.",
            CustomParser = ParseStrategies,
            HelpName = "strategies",
        };
        var iterations = Range("--iterations", "Iterations per seed (per map length for sweep).", 20, 1, MaxIterations);
        var seeds = Range("--seeds", "Seeds per policy and strategy, run side by side.", 10, 1, 1000);
        var seed = Range("--seed", "The first seed; the others follow it.", 1, 0, int.MaxValue);
        var maxSteps = Range("--max-steps", "Coyote scheduling steps per iteration before it fails.", 20_000, 100, int.MaxValue);
        var retry = Range("--retry", "PowerJob taskRetryNum (last-task-race).", 0, 0, 100);
        var faults = Range("--faults", "Faults per iteration the nemesis may inject (crash, restart).", 2, 0, 10);
        var maxIdle = Range("--max-idle", "The ProcessorTracker idle threshold, seconds (last-task-race; PowerJob: 120).", 120, 0, 86_400);
        var map = new Option<(int Min, int Max)?>("--map") { Description = "The long sub-task's length range in seconds (last-task-race). [default: 100-160]", CustomParser = ParseRange, HelpName = "min-max" };
        var output_ = new Option<string>("--out") { Description = "Where traces, timelines and diagrams go.", DefaultValueFactory = _ => "coyote-out", HelpName = "folder" };
        var duration = new Option<TimeSpan?>("--duration")
        {
            Description = "Stop each policy and strategy after this much wall time (e.g. 90s, 10m, 1h); without --iterations it runs until then.",
            CustomParser = ParseDuration,
            HelpName = "time",
        };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Run every iteration instead of stopping at the first bug; count failing iterations and distinct bugs." };
        var profile = new Option<bool>("--profile") { Description = "Also print Coyote scheduling steps per iteration by source: timers, messages, pool work, clock." };
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file (for CI dashboards).", HelpName = "file" };

        var defaults = new CommandLineOptions();
        CommandLineOptions Read(ParseResult parse) => new()
        {
            ScenarioName = parse.GetValue(scenario)!,
            Policies = parse.GetValue(policies) ?? defaults.Policies,
            Strategies = parse.GetValue(strategies) ?? defaults.Strategies,
            Iterations = parse.GetValue(duration) is not null && parse.GetResult(iterations) is null or { Implicit: true } ? MaxIterations : parse.GetValue(iterations),
            Duration = parse.GetValue(duration),
            KeepGoing = parse.GetValue(keepGoing),
            Profile = parse.GetValue(profile),
            Seeds = parse.GetValue(seeds),
            Seed = (uint)parse.GetValue(seed),
            MaxSteps = (uint)parse.GetValue(maxSteps),
            TaskRetryNum = parse.GetValue(retry),
            Faults = parse.GetValue(faults),
            MaxIdleSeconds = parse.GetValue(maxIdle),
            MinMapSeconds = parse.GetValue(map)?.Min ?? defaults.MinMapSeconds,
            MaxMapSeconds = parse.GetValue(map)?.Max ?? defaults.MaxMapSeconds,
            OutputDirectory = parse.GetValue(output_)!,
            JsonReport = parse.GetValue(json),
        };

        var explore = new Command("explore", "Explore a scenario under every policy and strategy over several seeds; report, per row, whether and how soon Coyote finds a bug, and print the first failure's timeline and replay command.");
        var sweep = new Command("sweep", "Explore the #1033 scenario at each map-phase length and compare where the race is reachable with the window the constants predict; writes an SVG chart.");
        var trace = new Argument<string>("trace") { Description = "A .trace.json that explore wrote for a failing run." };
        var replay = new Command("replay", "Replay a saved failing schedule exactly and print its timeline. Give the scenario options the trace was found with.");
        replay.Arguments.Add(trace);
        foreach (var option in new Option[] { scenario, policies, strategies, iterations, seeds, seed, maxSteps, retry, maxIdle, map, faults, duration, keepGoing, profile, output_, json })
        {
            explore.Options.Add(option);
        }

        foreach (var option in new Option[] { policies, strategies, iterations, seed, maxSteps, maxIdle, map, output_, json })
        {
            sweep.Options.Add(option);
        }

        foreach (var option in new Option[] { scenario, policies, retry, maxIdle, map, faults, output_, json })
        {
            replay.Options.Add(option);
        }

        explore.SetAction(parse => ExploreCommand.Run(Read(parse), output, error));
        sweep.SetAction(parse => SweepCommand.Run(Read(parse), output));
        replay.SetAction(parse => ReplayCommand.Run(Read(parse), parse.GetValue(trace)!, output));
        var root = new RootCommand($"TrackerRace's Coyote harness: explores PowerJob #1033 and its residual races on the reference runtime. {ExitCodes.Help}")
        {
            explore,
            sweep,
            replay,
        };
        return root;
    }

    // What went wrong, without the "(Parameter 'x')" suffix that names a C# parameter the user never saw.
    private static string Reason(Exception e) =>
        e is ArgumentException { ParamName: { } parameter } ? e.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : e.Message;

    // An integer option parsed here rather than by System.CommandLine, whose own conversion error surfaces as an
    // exception from the validator (a stack trace and exit 134) instead of a parse error naming the option.
    private static Option<int> Range(string name, string description, int value, int min, int max)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description} {min}-{max}.",
            DefaultValueFactory = _ => value,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given) && given >= min && given <= max)
                {
                    return given;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"Option {name} expects an integer from {min} to {max} (was '{text}')."));
                return value;
            },
        };
        return option;
    }

    private static IReadOnlyList<IIdlePolicy> ParsePolicies(ArgumentResult result) =>
        Each(result, IdlePolicies.All, IdlePolicies.Parse);

    private static IReadOnlyList<ExplorationStrategy> ParseStrategies(ArgumentResult result) =>
        Each(result, Enum.GetValues<ExplorationStrategy>(), name =>
            Enum.TryParse<ExplorationStrategy>(name, ignoreCase: true, out var strategy) && Enum.IsDefined(strategy)
                ? strategy
                : throw new ArgumentException($"Unknown strategy '{name}'. Expected one of: {string.Join(", ", Enum.GetNames<ExplorationStrategy>()).ToLowerInvariant()}."));

    private static IReadOnlyList<T> Each<T>(ArgumentResult result, IReadOnlyList<T> all, Func<string, T> parse)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "all";
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return all;
        }

        try
        {
            return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];
        }
        catch (ArgumentException e)
        {
            result.AddError(Reason(e));
            return all;
        }
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        var unit = text.Length > 0 ? text[^1] : ' ';
        var scale = unit switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), _ => TimeSpan.Zero };
        if (scale > TimeSpan.Zero
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var count)
            && count <= TimeSpan.FromDays(7) / scale && scale * count >= TimeSpan.FromSeconds(1))
        {
            return scale * count;
        }

        result.AddError($"Option --duration expects a time with a unit, like 90s, 10m or 2h, from 1s to 7 days (was '{text}').");
        return null;
    }

    private static (int Min, int Max)? ParseRange(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        var parts = text.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max)
            && min >= 0 && max >= min && max <= 86_400)
        {
            return (min, max);
        }

        result.AddError($"Option --map expects a range of seconds like 100-160, with 0 <= min <= max <= 86400 (was '{text}').");
        return null;
    }
}
