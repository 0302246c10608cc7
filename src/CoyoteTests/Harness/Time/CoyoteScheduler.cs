using System.Collections;
using System.Reflection;
using Microsoft.Coyote.Runtime;

namespace TrackerRace.Coyote.Time;

/// <summary>
/// The few things the virtual clock must ask Coyote that Coyote 1.7.11 does not make public: whether any other controlled
/// operation can run, and how to park the clock's own operation until none can. Coyote parks a rewritten
/// <c>Task.Delay</c> the same way (a <c>PausedOnDelay</c> operation is enabled again only when no other operation is), so
/// the clock borrows that rule instead of polling. Resolved once, by name, with an error that names what is missing: a
/// Coyote other than 1.7.11 fails at the first clock, not with wrong schedules.
/// </summary>
internal static class CoyoteScheduler
{
    /// <summary>The Coyote version these internals were read from.</summary>
    public const string SupportedVersion = "1.7.11";

    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Lazy<Members> Resolved = new(Members.Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The runtime of the iteration running on this thread; null outside one.</summary>
    public static object? CurrentRuntime
    {
        get
        {
            var members = Resolved.Value;
            var runtime = members.Current.GetValue(null);
            return runtime is not null && runtime.GetType() == members.RuntimeType ? runtime : null;
        }
    }

    /// <summary>Throws with the missing member's name if this Coyote is not the one the clock was written for.</summary>
    public static void EnsureSupported() => _ = Resolved.Value;

    /// <summary>True while <paramref name="runtime"/>'s iteration runs; a leftover thread of an ended one must stop.</summary>
    public static bool IsRunning(object runtime) => Resolved.Value.ExecutionStatus.GetValue(runtime)?.ToString() == "Running";

    /// <summary>True when the iteration explores interleavings (not Coyote's fuzzing mode, where nothing is controlled).</summary>
    public static bool IsInterleaving(object runtime) => Resolved.Value.SchedulingPolicy.GetValue(runtime)?.ToString() == "Interleaving";

    /// <summary>True if a controlled operation other than the executing one can run now.</summary>
    public static bool AnyOtherEnabled(object runtime)
    {
        var members = Resolved.Value;
        var current = members.GetExecutingOperation.Invoke(runtime, null);
        foreach (var operation in ((IDictionary)members.OperationMap.GetValue(runtime)!).Values)
        {
            if (!ReferenceEquals(operation, current) && members.Status.GetValue(operation)?.ToString() == "Enabled")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parks the executing operation until no other operation is enabled; returns when Coyote runs it again.</summary>
    public static void ParkUntilNothingElseCanRun(object runtime)
    {
        var members = Resolved.Value;
        var current = members.GetExecutingOperation.Invoke(runtime, null)
            ?? throw new InvalidOperationException("The virtual clock must run on a controlled operation of a Coyote iteration.");
        members.PauseWithDelay.Invoke(current, [uint.MaxValue]);
        members.ScheduleNextOperation.Invoke(runtime, [current, members.YieldPoint, false, false]);
    }

    /// <summary>Blocks the executing operation until <paramref name="condition"/> holds, as <c>Task.Wait</c> does under Coyote.</summary>
    public static void PauseUntil(object runtime, Func<bool> condition, string description)
    {
        var members = Resolved.Value;
        var current = members.GetExecutingOperation.Invoke(runtime, null)
            ?? throw new InvalidOperationException("The virtual clock must run on a controlled operation of a Coyote iteration.");
        members.PauseOperationUntil.Invoke(runtime, [current, condition, true, description]);
    }

    /// <summary>
    /// Tells Coyote a task is controlled. <c>Task.Delay(t, clock)</c> and <c>WaitAsync(t, clock)</c> hand their promise task
    /// to <c>CreateTimer</c>; unregistered, awaiting it would count as uncontrolled concurrency.
    /// </summary>
    public static void RegisterControlledTask(object runtime, Task task) => Resolved.Value.RegisterKnownControlledTask.Invoke(runtime, [task]);

    private sealed class Members
    {
        public required Type RuntimeType { get; init; }

        public required PropertyInfo Current { get; init; }

        public required FieldInfo OperationMap { get; init; }

        public required MethodInfo GetExecutingOperation { get; init; }

        public required MethodInfo ScheduleNextOperation { get; init; }

        public required MethodInfo RegisterKnownControlledTask { get; init; }

        public required MethodInfo PauseOperationUntil { get; init; }

        public required PropertyInfo ExecutionStatus { get; init; }

        public required PropertyInfo SchedulingPolicy { get; init; }

        public required FieldInfo Status { get; init; }

        public required MethodInfo PauseWithDelay { get; init; }

        public required object YieldPoint { get; init; }

        public static Members Resolve()
        {
            var assembly = typeof(SchedulingPoint).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
            if (!version.StartsWith(SupportedVersion, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"TrackerRace.Coyote's virtual clock needs Microsoft.Coyote {SupportedVersion}, found {version}: pin Microsoft.Coyote and Microsoft.Coyote.Test to {SupportedVersion}.");
            }

            var runtime = Need(assembly.GetType("Microsoft.Coyote.Runtime.CoyoteRuntime"), "CoyoteRuntime");
            var operation = Need(assembly.GetType("Microsoft.Coyote.Runtime.ControlledOperation"), "ControlledOperation");
            var point = Need(assembly.GetType("Microsoft.Coyote.Runtime.SchedulingPointType"), "SchedulingPointType");
            return new Members
            {
                RuntimeType = runtime,
                Current = Need(runtime.GetProperty("Current", Any), "CoyoteRuntime.Current"),
                OperationMap = Need(runtime.GetField("OperationMap", Any), "CoyoteRuntime.OperationMap"),
                GetExecutingOperation = Need(
                    runtime.GetMethods(Any).FirstOrDefault(m => m.Name == "GetExecutingOperation" && !m.IsGenericMethod && m.GetParameters().Length == 0),
                    "CoyoteRuntime.GetExecutingOperation()"),
                ScheduleNextOperation = Need(runtime.GetMethod("ScheduleNextOperation", Any), "CoyoteRuntime.ScheduleNextOperation"),
                RegisterKnownControlledTask = Need(runtime.GetMethod("RegisterKnownControlledTask", Any), "CoyoteRuntime.RegisterKnownControlledTask"),
                PauseOperationUntil = Need(runtime.GetMethod("PauseOperationUntil", Any), "CoyoteRuntime.PauseOperationUntil"),
                ExecutionStatus = Need(runtime.GetProperty("ExecutionStatus", Any), "CoyoteRuntime.ExecutionStatus"),
                SchedulingPolicy = Need(runtime.GetProperty("SchedulingPolicy", Any), "CoyoteRuntime.SchedulingPolicy"),
                Status = Need(operation.GetField("Status", Any), "ControlledOperation.Status"),
                PauseWithDelay = Need(operation.GetMethod("PauseWithDelay", Any), "ControlledOperation.PauseWithDelay"),
                YieldPoint = Enum.Parse(point, "Yield"),
            };
        }

        private static T Need<T>(T? member, string name)
            where T : class => CoyoteInternal.Need(member, name, "virtual clock");
    }
}
