using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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

    // A short run is one engine; a long one is shards of ShardIterations explored by up to Parallelism engines at once.
    // Shards are taken in order and the lowest-numbered failing shard decides the result, so a run finds the same first
    // bug at the same iteration on one core or sixteen.
    private static ExplorationResult Explore(string name, Func<ExplorationContext, Task> test, ExplorationOptions options)
    {
        var count = Shards.Count(options.Iterations);
        var outcomes = new RunOutcome?[count];
        var tally = new ProgressTally(options.Progress);
        var firstFailing = int.MaxValue;
        var next = -1;
        var outOfTime = false;
        bool OutOfTime()
        {
            if (!Volatile.Read(ref outOfTime) && (options.Cancellation.IsCancellationRequested || (options.Duration is { } limit && tally.Elapsed >= limit)))
            {
                Volatile.Write(ref outOfTime, true);
            }

            return Volatile.Read(ref outOfTime);
        }

        // Running on after bugs, each distinct bug's trace is written when found: a run stopped early (Ctrl-C, a crash of
        // the machine) still leaves every finding so far replayable.
        var found = new Dictionary<string, FoundBug>(StringComparer.Ordinal);
        void Found(int iteration, string report, IReadOnlyList<TimelineEvent> timeline, string trace)
        {
            var bug = BugMessage.Of(report);
            lock (found)
            {
                if (!found.ContainsKey(BugMessage.Signature(bug)))
                {
                    var written = Write(name, options, iteration, timeline, trace);
                    found[BugMessage.Signature(bug)] = new FoundBug(bug, iteration, written.Trace, written.Timeline);
                }
            }
        }

        ExceptionDispatchInfo? crash = null;
        bool Needless(int shard) => Volatile.Read(ref crash) is not null || (options.StopAtFirstBug && shard > Volatile.Read(ref firstFailing));
        void Work()
        {
            for (var shard = Interlocked.Increment(ref next); shard < count && !Needless(shard) && !OutOfTime(); shard = Interlocked.Increment(ref next))
            {
                RunOutcome outcome;
                try
                {
                    outcome = Run(Configure(options, shard), test, options, new StringWriter(), shard, tally, () => Needless(shard) || OutOfTime(), options.StopAtFirstBug ? null : Found);
                }
                catch (Exception e)
                {
                    // The harness itself failed (not the test): stop every other engine and surface this, whatever the parallelism.
                    Interlocked.CompareExchange(ref crash, ExceptionDispatchInfo.Capture(e), null);
                    return;
                }

                outcomes[shard] = outcome;
                if (outcome.BugFound && options.StopAtFirstBug)
                {
                    for (var seen = Volatile.Read(ref firstFailing); shard < seen; seen = Volatile.Read(ref firstFailing))
                    {
                        if (Interlocked.CompareExchange(ref firstFailing, shard, seen) == seen)
                        {
                            break;
                        }
                    }
                }
            }
        }

        var engines = Math.Min(options.Parallelism, count);
        if (engines == 1)
        {
            Work();
        }
        else
        {
            Parallel.For(0, engines, new ParallelOptions { MaxDegreeOfParallelism = engines }, _ => Work());
        }

        crash?.Throw();

        var elapsed = tally.Elapsed;
        if (firstFailing != int.MaxValue)
        {
            // Shards after the first failing one may have run part-way; they do not count, so the figures do not depend on timing.
            var failing = outcomes[firstFailing]!;
            var iteration = Shards.FirstIteration(firstFailing) - 1 + failing.Iterations;
            var steps = outcomes.Take(firstFailing + 1).Sum(o => o?.Steps ?? 0);
            var first = failing.Result(name) with
            {
                Iterations = iteration,
                SchedulingSteps = steps,
                Elapsed = elapsed,
                DistinctBugs = failing.Bugs,
                PerIteration = PerIteration(outcomes.Take(firstFailing + 1).OfType<RunOutcome>(), o => o.Counts),
                StepsByKind = PerIteration(outcomes.Take(firstFailing + 1).OfType<RunOutcome>(), o => o.StepKinds),
            };
            var written = Write(name, options, iteration, failing.Timeline, failing.Trace!);
            return first with { TracePath = written.Trace, TimelinePath = written.Timeline, DiagramPath = written.Diagram, StoppedByDuration = outOfTime && !options.Cancellation.IsCancellationRequested, Interrupted = options.Cancellation.IsCancellationRequested };
        }

        var ran = outcomes.OfType<RunOutcome>().ToList();
        var anyFailing = ran.FirstOrDefault(o => o.BugFound);
        var distinct = ran.SelectMany(o => o.Bugs).DistinctBy(BugMessage.Signature, StringComparer.Ordinal).ToList();
        var traces = found.Values.OrderBy(f => f.Iteration).ToList();
        return new ExplorationResult(
            name,
            anyFailing is not null,
            ran.Sum(o => o.Iterations),
            ran.Sum(o => o.Steps),
            elapsed,
            anyFailing is null ? null : string.Join(Environment.NewLine, distinct),
            anyFailing?.Timeline ?? [],
            traces.FirstOrDefault()?.TracePath)
        {
            BugCount = ran.Sum(o => o.BugCount),
            DistinctBugs = distinct,
            Found = traces,
            TimelinePath = traces.FirstOrDefault()?.TimelinePath,
            StoppedByDuration = outOfTime && !options.Cancellation.IsCancellationRequested,
            Interrupted = options.Cancellation.IsCancellationRequested,
            PerIteration = PerIteration(ran, o => o.Counts),
            StepsByKind = PerIteration(ran, o => o.StepKinds),
        };
    }

    private static Configuration Configure(ExplorationOptions options, int shard)
    {
        var configuration = Quiet(options)
            .WithTestingIterations((uint)Shards.Size(shard, options.Iterations))
            .WithRandomGeneratorSeed(Shards.Seed(options.Seed, shard))
            .WithMaxSchedulingSteps((uint)options.MaxSteps)
            .WithFailureOnMaxStepsBoundEnabled(true)
            .WithTestIterationsRunToCompletion(!options.StopAtFirstBug);
        return options.Strategy switch
        {
            ExplorationStrategy.Prioritization => configuration.WithPrioritizationStrategy(false, 10),
            ExplorationStrategy.Probabilistic => configuration.WithProbabilisticStrategy(3),
            _ => configuration.WithRandomStrategy(),
        };
    }

    private static ExplorationResult Replay(string name, Func<ExplorationContext, Task> test, ExplorationOptions options, (TraceEnvelope Envelope, string Path) replay)
    {
        var log = new StringWriter();
        var run = Run(Quiet(options).WithReproducibleTrace(replay.Envelope.CoyoteTrace), test, options, log, 0, new ProgressTally(null), () => false, null);
        if (!run.BugFound)
        {
            var said = string.Join(" ", log.ToString().Split('\n').Where(l => l.Contains("reproduc", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()));
            throw new InvalidOperationException(
                $"The trace '{replay.Path}' did not reproduce in test '{name}': the code or the options changed since it was recorded "
                + $"(recorded with {string.Join(", ", replay.Envelope.Assemblies)}). Coyote said: {(said.Length > 0 ? said : "no bug in the replayed schedule")}");
        }

        return run.Result(name) with { TracePath = replay.Path, Replayed = true };
    }

    // One Coyote engine over one shard, a context per iteration; the last context is the failing iteration's when a bug
    // stops the engine. Coyote records an iteration (its bug, trace, steps) only after the end-of-iteration callbacks, so
    // progress is read at the next iteration's start, and a shard told to stop (a timed run, a lower shard's bug) is not
    // cut off with TestingEngine.Stop, whose Run returns while Coyote is still recording: its remaining iterations run
    // empty, which takes microseconds each, and the engine ends on its own.
    // found (when not null) hears of each iteration that failed with a bug report not seen before in this shard, with its
    // number over shards, its timeline and its trace; Coyote sets the trace after the end-of-iteration callbacks, so the
    // failing iteration is recognised at the next one's start (or after the last one).
    private static RunOutcome Run(Configuration configuration, Func<ExplorationContext, Task> test, ExplorationOptions options, TextWriter log, int shard, ProgressTally tally, Func<bool> stop, Action<int, string, IReadOnlyList<TimelineEvent>, string>? found)
    {
        var iteration = 0;
        var reported = 0;
        var bugsSeen = 0;
        var skipping = false;
        long? stepsWhenStopped = null;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var stepKinds = new Dictionary<string, long>(StringComparer.Ordinal);
        ExplorationContext? last = null;
        var watch = Stopwatch.StartNew();
        using var engine = TestingEngine.Create(configuration, async () =>
        {
            // A plain read on purpose: the rewriter turns Volatile and Interlocked calls in this body into scheduling
            // points, and one more at the start of every iteration would shift every schedule a seed explores. The start
            // callback that sets it runs before Coyote starts the iteration's thread, which orders the write before this.
            if (skipping)
            {
                return;
            }

            var context = new ExplorationContext(Shards.FirstIteration(shard) - 1 + Interlocked.Increment(ref iteration), options.Clock);
            last = context;
            await test(context).ConfigureAwait(false);
        });
        engine.SetLogger(new TextWriterLogger(log, VerbosityLevel.Error));
        var reportsSeen = new HashSet<string>(StringComparer.Ordinal);
        void ReportFinished()
        {
            var report = engine.TestReport;
            for (; reported < Volatile.Read(ref iteration); reported++)
            {
                var bugs = (int)report.NumOfFoundBugs;
                if (bugs > bugsSeen && found is not null && last is { } failed && engine.ReproducibleTrace is { Length: > 0 } trace)
                {
                    foreach (var text in report.BugReports.Where(reportsSeen.Add).ToList())
                    {
                        found(Shards.FirstIteration(shard) + reported, text, failed.Timeline.Events, trace);
                    }
                }

                tally.IterationEnded(bugs - bugsSeen);
                bugsSeen = bugs;
            }
        }

        engine.RegisterStartIterationCallBack(_ =>
        {
            if (Volatile.Read(ref skipping))
            {
                return;
            }

            ReportFinished();
            if (stop())
            {
                stepsWhenStopped = engine.TestReport.TotalExploredFairSteps + engine.TestReport.TotalExploredUnfairSteps;
                Volatile.Write(ref skipping, true);
            }
        });
        engine.RegisterEndIterationCallBack(_ =>
        {
            // Coyote 1.7.11 keeps every iteration's whole schedule as text (hundreds of KB) in its coverage report, only to
            // count unique paths; forgetting them at the end of each iteration keeps memory flat over long runs.
            engine.TestReport.CoverageInfo.ExploredPaths.Clear();
            if (last is { } ended && !Volatile.Read(ref skipping))
            {
                foreach (var (source, count) in ended.Counts())
                {
                    counts[source] = counts.GetValueOrDefault(source) + count;
                }

                StepKinds.AddTo(engine, stepKinds);
            }
        });
        engine.Run();
        ReportFinished();
        watch.Stop();
        var report = engine.TestReport;
        var bug = report.NumOfFoundBugs > 0;

        // Coyote's side of the profile: every task, timer callback and continuation it scheduled is one operation, and
        // each operation costs a few steps (start, its awaits, completion).
        counts["Coyote operations"] = (long)report.TotalControlledOperations;
        return new RunOutcome(
            bug,
            (int)report.NumOfFoundBugs,
            iteration,
            stepsWhenStopped ?? report.TotalExploredFairSteps + report.TotalExploredUnfairSteps,
            watch.Elapsed,
            bug ? string.Join(Environment.NewLine, report.BugReports) : null,
            [.. report.BugReports.Select(BugMessage.Of).DistinctBy(BugMessage.Signature, StringComparer.Ordinal)],
            bug ? last?.Timeline.Events ?? [] : [],
            bug ? engine.ReproducibleTrace : null,
            last?.Eventually.Open ?? [])
        {
            Counts = counts,
            StepKinds = stepKinds,
        };
    }

    // Events by source, or steps by kind, per iteration over the shards that count.
    private static Dictionary<string, double> PerIteration(IEnumerable<RunOutcome> outcomes, Func<RunOutcome, IReadOnlyDictionary<string, long>> counts)
    {
        var list = outcomes.ToList();
        var iterations = Math.Max(1, list.Sum(o => o.Iterations));
        return list.SelectMany(counts).GroupBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value) / (double)iterations, StringComparer.Ordinal);
    }

    private static Configuration Quiet(ExplorationOptions options) => Configuration.Create()
        .WithTelemetryEnabled(false)
        // Coyote's execution graph feeds only its DGML reports, which the harness never writes: a tenth of the time, for nothing.
        .WithTraceAnalysisEnabled(false)
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

    // The file names carry the strategy: runs of the same test and seed under two strategies find different bugs.
    private static (string Trace, string Timeline, string Diagram) Write(string name, ExplorationOptions options, int iteration, IReadOnlyList<TimelineEvent> timeline, string trace)
    {
        var folder = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(Environment.CurrentDirectory, "coyote-out"));
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{Safe(name)}-{options.Strategy.ToString().ToLowerInvariant()}-seed{options.Seed}-it{iteration}"));
        var envelope = new TraceEnvelope(
            name,
            options.Strategy.ToString(),
            options.Seed,
            iteration,
            TraceEnvelope.Describe(options.Clock),
            [.. AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.GetName().Name?.StartsWith("System", StringComparison.Ordinal) == false)
                .Select(a => $"{a.GetName().Name} {a.ManifestModule.ModuleVersionId}").Order(StringComparer.Ordinal).Take(200)],
            trace);
        File.WriteAllText(stem + ".trace.json", envelope.ToJson());
        File.WriteAllText(stem + ".timeline.txt", TimelineText.Format(timeline));
        File.WriteAllText(stem + ".mmd", MermaidDiagram.Format(timeline));
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

    private sealed record RunOutcome(bool BugFound, int BugCount, int Iterations, long Steps, TimeSpan Elapsed, string? Bug, IReadOnlyList<string> Bugs, IReadOnlyList<TimelineEvent> Timeline, string? Trace, IReadOnlyCollection<string> Open)
    {
        public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>();

        public IReadOnlyDictionary<string, long> StepKinds { get; init; } = new Dictionary<string, long>();

        public ExplorationResult Result(string test) =>
            new(test, this.BugFound, this.Iterations, this.Steps, this.Elapsed, this.BugFound && this.Open.Count > 0 ? $"{this.Bug} Still expected: {string.Join("; ", this.Open)}." : this.Bug, this.Timeline, null)
            {
                CoyoteTrace = this.Trace,
                BugCount = this.BugCount,
            };
    }
}
