using System;

namespace TrackerRace.Annotations;

/// <summary>
/// Marks a method that tears its component down, when its name does not say so, or an enum member
/// that is a decision to tear down (a method returning it decides a teardown, TRK001/TRK003).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Field, Inherited = true)]
public sealed class TeardownAttribute : Attribute
{
}
