using System;

namespace TrackerRace.Analyzers.Flow;

/// <summary>The set of guards held on a path, as bits of <see cref="MethodFlow.GuardBit"/>.</summary>
internal readonly struct HeldGuards : IEquatable<HeldGuards>
{
    public HeldGuards(int mask) => this.Mask = mask;

    public int Mask { get; }

    public bool Equals(HeldGuards other) => this.Mask == other.Mask;

    public override bool Equals(object? obj) => obj is HeldGuards other && this.Equals(other);

    public override int GetHashCode() => this.Mask;
}
