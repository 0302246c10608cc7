using System.Collections;
using System.Reflection;
using Microsoft.Coyote.SystematicTesting;

namespace TrackerRace.Coyote.Reporting;

/// <summary>
/// Counts an iteration's scheduling steps by the kind of point Coyote stopped at (a lock acquire, a task started, an
/// operation ended, the clock's yield, a choice...), read from the schedule Coyote keeps until the next iteration starts.
/// The profile prints them next to the events by source, so a slow exploration shows which construct its steps come from.
/// Coyote 1.7.11 keeps the schedule internal; the members are resolved once, by name, like the clock's.
/// </summary>
internal static class StepKinds
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    private static readonly Lazy<Members> Resolved = new(Members.Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    // Coyote's names for its scheduling points, in words a reader of the profile knows.
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Acquire"] = "lock acquires",
        ["Create"] = "tasks started",
        ["ContinueWith"] = "continuations started",
        ["Complete"] = "operations ended",
        ["Yield"] = "yields and delays (the clock's waits among them)",
        ["Default"] = "atomics (Interlocked, Volatile)",
        ["Pause"] = "blocking waits",
        ["BooleanChoiceStep"] = "choices",
        ["IntegerChoiceStep"] = "choices",
    };

    /// <summary>Adds the steps of the iteration <paramref name="engine"/> has just ended to <paramref name="counts"/>, by kind.</summary>
    public static void AddTo(TestingEngine engine, Dictionary<string, long> counts)
    {
        var members = Resolved.Value;
        var trace = members.Trace.GetValue(members.Scheduler.GetValue(engine));

        // Tallied by Coyote's own value (a scheduling point, or a choice step's type) and named once per kind, not per step.
        var tally = new Dictionary<object, long>();
        foreach (var step in (IEnumerable)members.Steps.GetValue(trace)!)
        {
            var kind = step.GetType() == members.SchedulingStep ? members.SchedulingPoint.GetValue(step)! : step.GetType();
            tally[kind] = tally.GetValueOrDefault(kind) + 1;
        }

        foreach (var (kind, count) in tally)
        {
            var name = kind is Type type ? type.Name : kind.ToString()!;
            var word = Words.GetValueOrDefault(name, name);
            counts[word] = counts.GetValueOrDefault(word) + count;
        }
    }

    private sealed class Members
    {
        public required PropertyInfo Scheduler { get; init; }

        public required FieldInfo Trace { get; init; }

        public required FieldInfo Steps { get; init; }

        public required Type SchedulingStep { get; init; }

        public required PropertyInfo SchedulingPoint { get; init; }

        public static Members Resolve()
        {
            Time.CoyoteScheduler.EnsureSupported();
            var engine = typeof(TestingEngine);
            var scheduler = Need(engine.GetProperty("Scheduler", Any), "TestingEngine.Scheduler");
            var trace = Need(scheduler.PropertyType.GetField("Trace", Any), "OperationScheduler.Trace");
            var step = Need(trace.FieldType.GetNestedType("SchedulingStep", BindingFlags.NonPublic), "ExecutionTrace.SchedulingStep");
            return new Members
            {
                Scheduler = scheduler,
                Trace = trace,
                Steps = Need(trace.FieldType.GetField("Steps", Any), "ExecutionTrace.Steps"),
                SchedulingStep = step,
                SchedulingPoint = Need(step.GetProperty("SchedulingPoint", Any), "ExecutionTrace.SchedulingStep.SchedulingPoint"),
            };
        }

        private static T Need<T>(T? member, string name)
            where T : class => CoyoteInternal.Need(member, name, "profile");
    }
}
