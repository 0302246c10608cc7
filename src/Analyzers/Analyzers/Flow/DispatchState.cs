using System;

namespace TrackerRace.Analyzers.Flow;

/// <summary>TRK004's path state: whether the teardown state was read, the guards held then, and the guards held now.</summary>
internal readonly struct DispatchState : IEquatable<DispatchState>
{
    public DispatchState(bool checkedState, int checkedHeld, int held)
    {
        this.CheckedState = checkedState;
        this.CheckedHeld = checkedHeld;
        this.Held = held;
    }

    public bool CheckedState { get; }

    public int CheckedHeld { get; }

    public int Held { get; }

    public bool Equals(DispatchState other) => this.CheckedState == other.CheckedState && this.CheckedHeld == other.CheckedHeld && this.Held == other.Held;

    public override bool Equals(object? obj) => obj is DispatchState other && this.Equals(other);

    public override int GetHashCode() => (this.CheckedState ? 1 : 0) + (this.CheckedHeld * 31) + (this.Held * 961);
}
