using TrackerRace.Coyote;
using TrackerRace.Scenarios;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Policies;

namespace TrackerRace.CoyoteTests;

/// <summary>What one run of the command line asks for; <see cref="Cli.CommandLine"/> fills it from the arguments.</summary>
public sealed record CommandLineOptions
{
    /// <summary>The scenarios the command line knows, by name.</summary>
    public static IReadOnlyList<string> ScenarioNames { get; } = ["last-task-race", "remote-idle-race", "control", "lost-stop", "crash", "restart"];

    /// <summary>Policies to explore; all by default.</summary>
    public IReadOnlyList<IIdlePolicy> Policies { get; init; } = IdlePolicies.All;

    /// <summary>Strategies to compare; all by default.</summary>
    public IReadOnlyList<ExplorationStrategy> Strategies { get; init; } = Enum.GetValues<ExplorationStrategy>();

    /// <summary>Iteration budget per seed.</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>Seeds per policy and strategy; the median and worst iterations-to-bug are over these.</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>The first seed; the others follow it.</summary>
    public uint Seed { get; init; } = 1;

    /// <summary>Scheduling steps per iteration before Coyote fails it.</summary>
    public uint MaxSteps { get; init; } = 20_000;

    /// <summary>PowerJob taskRetryNum for the scenario.</summary>
    public int TaskRetryNum { get; init; }

    /// <summary>Which scenario runs: last-task-race (#1033), remote-idle-race (R1), control, lost-stop (R3), crash or restart (faults).</summary>
    public string ScenarioName { get; init; } = "last-task-race";

    /// <summary>The ProcessorTracker idle threshold in seconds (PowerJob: 120).</summary>
    public int MaxIdleSeconds { get; init; } = 120;

    /// <summary>Shortest map phase (the long sub-task), seconds.</summary>
    public int MinMapSeconds { get; init; } = 100;

    /// <summary>Longest map phase (the long sub-task), seconds.</summary>
    public int MaxMapSeconds { get; init; } = 160;

    /// <summary>The fault budget per iteration of the crash and restart scenarios.</summary>
    public int Faults { get; init; } = 2;

    /// <summary>Where traces, timelines and diagrams are written.</summary>
    public string OutputDirectory { get; init; } = "coyote-out";

    /// <summary>A wall-clock budget per policy and strategy (a nightly run), or none.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Run every iteration and count the failing ones by distinct message, instead of stopping at the first bug.</summary>
    public bool KeepGoing { get; init; }

    /// <summary>Print how many steps each iteration took and where they came from.</summary>
    public bool Profile { get; init; }

    /// <summary>Where a machine-readable report goes, if anywhere.</summary>
    public string? JsonReport { get; init; }

    /// <summary>The scenario these options describe (the #1033 one takes --max-idle, --map and --retry).</summary>
    public IScenario Scenario() => this.ScenarioName switch
    {
        "remote-idle-race" => new RemoteIdleRaceScenario(),
        "control" => new ControlScenario(),
        "lost-stop" => new ControlScenario { LoseStopRequests = true },
        "crash" => new FaultScenario { Faults = this.Faults },
        "restart" => new FaultScenario { Faults = this.Faults, RestartTaskTracker = true },
        _ => this.LastTaskScenario(),
    };

    /// <summary>The #1033 scenario these options describe (the sweep's subject).</summary>
    public LastTaskRaceScenario LastTaskScenario() => new()
    {
        TaskRetryNum = this.TaskRetryNum,
        MinMapSeconds = this.MinMapSeconds,
        MaxMapSeconds = this.MaxMapSeconds,
        Options = new TrackerOptions { MaxIdleTime = TimeSpan.FromSeconds(this.MaxIdleSeconds) },
    };
}
