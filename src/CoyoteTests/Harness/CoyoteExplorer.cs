using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;
using TrackerRace.Coyote.Reporting;

namespace TrackerRace.Coyote;

/// <summary>
/// The entry point: explores a test body under Coyote, each iteration with a fresh <see cref="ExplorationContext"/>
/// (controlled time, choices, ledger), and turns a failing schedule into a report a person can act on: the oracle's
/// words, the timeline in virtual time, a Mermaid diagram, and the exact command that replays it.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public Task Queued_work_survives_the_idle_check() => CoyoteExplorer.AssertNoBugAsync(async ctx =>
/// {
///     await using var pool = new WorkerPool(ctx.Clock, idleTimeout: TimeSpan.FromSeconds(3));
///     ctx.Ledger.Accepted("job-1");
///     await pool.PostAsync(() => ctx.Ledger.Completed("job-1"));
///     await ctx.Clock.WhenSettledAsync(() => pool.IsIdle);
///     ctx.Ledger.AssertNoAcceptedWorkLost();
/// });
/// </code>
/// </example>
public static class CoyoteExplorer
{
    /// <summary>Explores <paramref name="test"/> and throws <see cref="CoyoteBugException"/> with the full report if any schedule fails it.</summary>
    public static async Task AssertNoBugAsync(Func<ExplorationContext, Task> test, ExplorationOptions? options = null, [CallerMemberName] string testName = "")
    {
        var result = await ExploreAsync(test, options, testName).ConfigureAwait(false);
        if (result.BugFound)
        {
            throw new CoyoteBugException(Describe(result, options ?? new ExplorationOptions()), result);
        }
    }

    /// <summary>Explores <paramref name="test"/> (or replays a saved trace of it) and returns what happened, failing or not.</summary>
    public static async Task<ExplorationResult> ExploreAsync(Func<ExplorationContext, Task> test, ExplorationOptions? options = null, [CallerMemberName] string testName = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        options ??= new ExplorationOptions();
        options.Validate();
        var name = options.Name ?? QualifiedName(test, testName);
        RewriteGuard.EnsureRewritten(test.Method.Module.Assembly);
        var replay = ReplayFor(name, options);
        return await Task.Run(() => replay is { } saved ? Replay(name, test, options, saved) : Explore(name, test, options)).ConfigureAwait(false);
    }

    private static ExplorationResult Explore(string name, Func<ExplorationContext, Task> test, ExplorationOptions options)
    {
        var configuration = Quiet(options)
            .WithTestingIterations((uint)options.Iterations)
            .WithRandomGeneratorSeed(SeedSpreading.Spread(options.Seed))
            .WithMaxSchedulingSteps((uint)options.MaxSteps)
            .WithFailureOnMaxStepsBoundEnabled(true)
            .WithTestIterationsRunToCompletion(!options.StopAtFirstBug);
        configuration = options.Strategy switch
        {
            ExplorationStrategy.Prioritization => configuration.WithPrioritizationStrategy(false, 10),
            ExplorationStrategy.Probabilistic => configuration.WithProbabilisticStrategy(3),
            _ => configuration.WithRandomStrategy(),
        };
        var run = Run(configuration, test, options, new StringWriter());
        if (!run.BugFound || !options.StopAtFirstBug)
        {
            return run.Result(name) with { };
        }

        var written = Write(name, options, run);
        return run.Result(name) with { TracePath = written.Trace, TimelinePath = written.Timeline, DiagramPath = written.Diagram };
    }

    private static ExplorationResult Replay(string name, Func<ExplorationContext, Task> test, ExplorationOptions options, (TraceEnvelope Envelope, string Path) replay)
    {
        var log = new StringWriter();
        var run = Run(Quiet(options).WithReproducibleTrace(replay.Envelope.CoyoteTrace), test, options, log);
        if (!run.BugFound)
        {
            var said = string.Join(" ", log.ToString().Split('\n').Where(l => l.Contains("reproduc", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()));
            throw new InvalidOperationException(
                $"The trace '{replay.Path}' did not reproduce in test '{name}': the code or the options changed since it was recorded "
                + $"(recorded with {string.Join(", ", replay.Envelope.Assemblies)}). Coyote said: {(said.Length > 0 ? said : "no bug in the replayed schedule")}");
        }

        return run.Result(name) with { TracePath = replay.Path, Replayed = true };
    }

    // One Coyote run with a context per iteration; the last context is the failing iteration's when a bug stops the run.
    private static RunOutcome Run(Configuration configuration, Func<ExplorationContext, Task> test, ExplorationOptions options, TextWriter log)
    {
        var iteration = 0;
        ExplorationContext? last = null;
        var watch = Stopwatch.StartNew();
        using var engine = TestingEngine.Create(configuration, async () =>
        {
            var context = new ExplorationContext(Interlocked.Increment(ref iteration), options.Clock);
            last = context;
            await test(context).ConfigureAwait(false);
        });
        engine.SetLogger(new TextWriterLogger(log, VerbosityLevel.Error));

        // Coyote 1.7.11 keeps every iteration's whole schedule as text (hundreds of KB) in its coverage report, only to
        // count unique paths; forgetting them at the end of each iteration keeps memory flat over long runs.
        engine.RegisterEndIterationCallBack(_ => engine.TestReport.CoverageInfo.ExploredPaths.Clear());
        engine.Run();
        watch.Stop();
        var report = engine.TestReport;
        var bug = report.NumOfFoundBugs > 0;
        var explored = (int)(report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths);
        return new RunOutcome(
            bug,
            (int)report.NumOfFoundBugs,
            bug && options.StopAtFirstBug ? iteration : explored,
            report.TotalExploredFairSteps + report.TotalExploredUnfairSteps,
            watch.Elapsed,
            bug ? string.Join(Environment.NewLine, report.BugReports) : null,
            bug ? last?.Timeline.Events ?? [] : [],
            bug ? engine.ReproducibleTrace : null,
            last?.Eventually.Open ?? []);
    }

    private static Configuration Quiet(ExplorationOptions options) => Configuration.Create()
        .WithTelemetryEnabled(false)
        .WithConsoleLoggingEnabled(false)
        .WithVerbosityEnabled(VerbosityLevel.None)
        .WithPartiallyControlledConcurrencyAllowed(!options.FailOnUncontrolledConcurrency)
        .WithPartiallyControlledDataNondeterminismAllowed(!options.FailOnUncontrolledConcurrency);

    // The trace to replay for this test: the option's (it must be this test's), or the environment variable's when it names this test.
    private static (TraceEnvelope Envelope, string Path)? ReplayFor(string name, ExplorationOptions options)
    {
        var explicitPath = options.ReplayTrace;
        var path = explicitPath ?? Environment.GetEnvironmentVariable(ExplorationOptions.ReplayVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{(explicitPath is null ? ExplorationOptions.ReplayVariable : nameof(ExplorationOptions.ReplayTrace))} names '{path}', which does not exist.", path);
        }

        var envelope = TraceEnvelope.Load(path);
        if (!string.Equals(envelope.Test, name, StringComparison.Ordinal))
        {
            if (explicitPath is null)
            {
                return null; // The variable is for another test of the same run.
            }

            throw new ArgumentException($"The trace '{path}' was recorded by test '{envelope.Test}', not '{name}': a schedule only replays in the test that found it.", nameof(options));
        }

        var clock = TraceEnvelope.Describe(options.Clock);
        if (!string.Equals(envelope.ClockOptions, clock, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The trace '{path}' was recorded with other clock options ({envelope.ClockOptions}) than this run's ({clock}): it cannot replay.", nameof(options));
        }

        return (envelope, path);
    }

    private static (string Trace, string Timeline, string Diagram) Write(string name, ExplorationOptions options, RunOutcome run)
    {
        var folder = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(Environment.CurrentDirectory, "coyote-out"));
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{Safe(name)}-seed{options.Seed}-it{run.Iterations}"));
        var envelope = new TraceEnvelope(
            name,
            options.Strategy.ToString(),
            options.Seed,
            run.Iterations,
            TraceEnvelope.Describe(options.Clock),
            [.. AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.GetName().Name?.StartsWith("System", StringComparison.Ordinal) == false)
                .Select(a => $"{a.GetName().Name} {a.ManifestModule.ModuleVersionId}").Order(StringComparer.Ordinal).Take(200)],
            run.Trace!);
        File.WriteAllText(stem + ".trace.json", envelope.ToJson());
        File.WriteAllText(stem + ".timeline.txt", TimelineText.Format(run.Timeline));
        File.WriteAllText(stem + ".mmd", MermaidDiagram.Format(run.Timeline));
        return (stem + ".trace.json", stem + ".timeline.txt", stem + ".mmd");
    }

    private static string Describe(ExplorationResult result, ExplorationOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine(result.Replayed
            ? string.Create(CultureInfo.InvariantCulture, $"Coyote reproduced the saved bug in {result.Test} from {result.TracePath}:")
            : string.Create(CultureInfo.InvariantCulture, $"Coyote found a bug in {result.Test} at iteration {result.Iterations} ({options.Strategy.ToString().ToLowerInvariant()} strategy, seed {options.Seed}):"));
        text.AppendLine("  " + (result.Bug ?? "?").Replace("\n", "\n  ", StringComparison.Ordinal));
        text.AppendLine().AppendLine("Timeline (virtual time):").Append(TimelineText.Format(result.Timeline, limit: 60));
        if (result.Replayed)
        {
            return text.ToString();
        }

        text.AppendLine().AppendLine("Written:")
            .AppendLine(CultureInfo.InvariantCulture, $"  trace:    {result.TracePath}")
            .AppendLine(CultureInfo.InvariantCulture, $"  timeline: {result.TimelinePath}")
            .AppendLine(CultureInfo.InvariantCulture, $"  diagram:  {result.DiagramPath} (Mermaid sequence diagram)")
            .AppendLine().AppendLine("Replay exactly this schedule:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {ExplorationOptions.ReplayVariable}={result.TracePath} dotnet test --filter \"FullyQualifiedName~{result.Test}\"")
            .AppendLine(CultureInfo.InvariantCulture, $"  or pass new ExplorationOptions {{ ReplayTrace = @\"{result.TracePath}\" }} to the same test.");
        return text.ToString();
    }

    // "WorkerPoolTests.Queued_work_survives": the test class (not the compiler's closure class) and the test method.
    private static string QualifiedName(Func<ExplorationContext, Task> test, string member)
    {
        var type = test.Method.DeclaringType;
        while (type is not null && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
        {
            type = type.DeclaringType;
        }

        return string.IsNullOrEmpty(member) ? type?.Name ?? "test" : type is null ? member : $"{type.Name}.{member}";
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    private sealed record RunOutcome(bool BugFound, int BugCount, int Iterations, long Steps, TimeSpan Elapsed, string? Bug, IReadOnlyList<TimelineEvent> Timeline, string? Trace, IReadOnlyCollection<string> Open)
    {
        public ExplorationResult Result(string test) =>
            new(test, this.BugFound, this.Iterations, this.Steps, this.Elapsed, this.BugFound && this.Open.Count > 0 ? $"{this.Bug} Still expected: {string.Join("; ", this.Open)}." : this.Bug, this.Timeline, null)
            {
                CoyoteTrace = this.Trace,
                BugCount = this.BugCount,
            };
    }
}
