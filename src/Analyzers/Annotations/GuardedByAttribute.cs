using System;

namespace TrackerRace.Annotations;

/// <summary>
/// Names the lock object or <c>SemaphoreSlim</c> field that guards a pending-work member: enqueue,
/// dispatch and the pending check before a teardown must all hold it (TRK003, TRK004). Without it the
/// guard is inferred from the locks held where the member is written.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = true)]
public sealed class GuardedByAttribute : Attribute
{
    /// <summary>Creates the marker.</summary>
    /// <param name="guard">The name of a field or property of the same type, e.g. <c>nameof(gate)</c>.</param>
    public GuardedByAttribute(string guard) => this.Guard = guard;

    /// <summary>The name of the guarding field or property.</summary>
    public string Guard { get; }
}
