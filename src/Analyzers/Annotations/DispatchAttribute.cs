using System;

namespace TrackerRace.Annotations;

/// <summary>Marks a method that hands work to the component; it must refuse work once the component is torn down (TRK004).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class DispatchAttribute : Attribute
{
}
