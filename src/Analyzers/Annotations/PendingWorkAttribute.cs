using System;

namespace TrackerRace.Annotations;

/// <summary>
/// Marks a field, property or method that holds, or answers whether there is, work not yet handed
/// over to (or finished by) the component: a queue, an in-flight table, a store, or a question to the
/// owner of that work. Teardown paths must read it first (TRK001).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = true)]
public sealed class PendingWorkAttribute : Attribute
{
    /// <summary>
    /// True when reading this member gives only a snapshot that the dispatcher can change at once,
    /// because dispatch does not take a guard this reader can hold (for example a local queue while
    /// work for the component waits in a remote table). A teardown decided on a snapshot alone is a
    /// check-then-act race (TRK003).
    /// </summary>
    public bool IsSnapshot { get; set; }
}
