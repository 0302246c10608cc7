using System.Globalization;
using TrackerRace.CoyoteTests.Exploration;
using TrackerRace.CoyoteTests.Scenarios;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests;

/// <summary>The harness's command line: <c>explore</c> (the report) or <c>replay &lt;trace&gt;</c>.</summary>
public sealed record CommandLineOptions
{
    /// <summary>explore, sweep or replay.</summary>
    public string Command { get; init; } = "explore";

    /// <summary>Policies to explore; all by default.</summary>
    public IReadOnlyList<IIdlePolicy> Policies { get; init; } = IdlePolicies.All;

    /// <summary>Strategies to compare; all by default.</summary>
    public IReadOnlyList<ExplorationStrategy> Strategies { get; init; } = ExplorationStrategies.All;

    /// <summary>Iteration budget per seed.</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>Seeds per policy and strategy; the median and worst iterations-to-bug are over these.</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>The first seed; the others follow it.</summary>
    public uint Seed { get; init; } = 1;

    /// <summary>Scheduling steps per iteration before Coyote cuts it off.</summary>
    public uint MaxSteps { get; init; } = 20_000;

    /// <summary>PowerJob taskRetryNum for the scenario.</summary>
    public int TaskRetryNum { get; init; }

    /// <summary>Which scenario explore and replay run: last-task-race (#1033), remote-idle-race (R1), control or lost-stop (R3).</summary>
    public string ScenarioName { get; init; } = "last-task-race";

    /// <summary>The ProcessorTracker idle threshold in seconds (PowerJob: 120).</summary>
    public int MaxIdleSeconds { get; init; } = 120;

    /// <summary>Shortest map phase (the long sub-task), seconds.</summary>
    public int MinMapSeconds { get; init; } = 100;

    /// <summary>Longest map phase (the long sub-task), seconds.</summary>
    public int MaxMapSeconds { get; init; } = 160;

    /// <summary>Where traces are written.</summary>
    public string OutputDirectory { get; init; } = "coyote-out";

    /// <summary>The trace file for replay.</summary>
    public string? TraceFile { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option and what was expected.</summary>
    public static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CommandLineOptions();
        var i = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            options = options with { Command = args[0] };
            i = 1;
            if (options.Command is not ("explore" or "replay" or "sweep"))
            {
                throw new ArgumentException($"Unknown command '{args[0]}'. Expected 'explore', 'sweep' or 'replay <trace-file>'.");
            }

            if (options.Command == "replay")
            {
                if (args.Count < 2 || args[1].StartsWith('-'))
                {
                    throw new ArgumentException("'replay' needs the trace file written by 'explore', e.g. replay coyote-out/Legacy-random.trace --policy Legacy.");
                }

                options = options with { TraceFile = args[1] };
                i = 2;
            }
        }

        for (; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {name} needs a value.");
            options = name switch
            {
                "--policy" => options with { Policies = ParseAll(Value(), IdlePolicies.All, IdlePolicies.Parse) },
                "--strategy" => options with { Strategies = ParseAll(Value(), ExplorationStrategies.All, ExplorationStrategies.Parse) },
                "--iterations" => options with { Iterations = ParseInt(name, Value(), 1, 10_000_000) },
                "--seeds" => options with { Seeds = ParseInt(name, Value(), 1, 1000) },
                "--seed" => options with { Seed = (uint)ParseInt(name, Value(), 0, int.MaxValue) },
                "--max-steps" => options with { MaxSteps = (uint)ParseInt(name, Value(), 100, int.MaxValue) },
                "--retry" => options with { TaskRetryNum = ParseInt(name, Value(), 0, 100) },
                "--scenario" => options with { ScenarioName = ParseScenario(Value()) },
                "--max-idle" => options with { MaxIdleSeconds = ParseInt(name, Value(), 0, 86_400) },
                "--map" => ParseRange(options, name, Value()),
                "--out" => options with { OutputDirectory = Value() },
                _ => throw new ArgumentException($"Unknown option '{name}'. Expected --scenario, --policy, --strategy, --iterations, --seeds, --seed, --max-steps, --retry, --max-idle, --map or --out."),
            };
        }

        return options;
    }

    /// <summary>The scenario explore and replay run (the #1033 one takes --max-idle, --map and --retry).</summary>
    public IScenario Scenario(Tracing.TraceRecorder? recorder = null) => this.ScenarioName switch
    {
        "remote-idle-race" => new RemoteIdleRaceScenario { Recorder = recorder },
        "control" => new ControlScenario { Recorder = recorder },
        "lost-stop" => new ControlScenario { Recorder = recorder, LoseStopRequests = true },
        _ => this.LastTaskScenario(recorder),
    };

    /// <summary>The #1033 scenario these options describe (the sweep's subject).</summary>
    public LastTaskRaceScenario LastTaskScenario(Tracing.TraceRecorder? recorder = null) => new()
    {
        Recorder = recorder,
        TaskRetryNum = this.TaskRetryNum,
        MinMapSeconds = this.MinMapSeconds,
        MaxMapSeconds = this.MaxMapSeconds,
        Options = new TrackerOptions { MaxIdleTime = TimeSpan.FromSeconds(this.MaxIdleSeconds) },
    };

    private static string ParseScenario(string value) => value is "last-task-race" or "remote-idle-race" or "control" or "lost-stop"
        ? value
        : throw new ArgumentException($"Unknown scenario '{value}'. Expected last-task-race, remote-idle-race, control or lost-stop.");

    private static CommandLineOptions ParseRange(CommandLineOptions options, string name, string value)
    {
        var parts = value.Split('-');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"Option {name} expects a range of seconds like 100-160 (was '{value}').");
        }

        var min = ParseInt(name, parts[0], 0, 86_400);
        var max = ParseInt(name, parts[1], min, 86_400);
        return options with { MinMapSeconds = min, MaxMapSeconds = max };
    }

    private static List<T> ParseAll<T>(string value, IReadOnlyList<T> all, Func<string, T> parse) =>
        value.Equals("all", StringComparison.OrdinalIgnoreCase) ? all.ToList() : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"Option {name} expects an integer from {min} to {max} (was '{value}').");
}
