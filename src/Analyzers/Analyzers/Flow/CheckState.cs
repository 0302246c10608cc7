using System;
using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Flow;

/// <summary>How far a path's last pending-work check can be trusted (TRK003).</summary>
internal enum CheckStatus : byte
{
    None,
    Fresh,
    Stale,

    /// <summary>The door was closed (teardown state written) while the check was fresh: later steps cannot race.</summary>
    Committed,
}

/// <summary>Why a check went stale (TRK003's message).</summary>
internal enum StaleReason : byte
{
    None,
    Snapshot,
    OutsideGuard,
    Await,

    /// <summary>Checked under the guard, but the guard was released before the teardown (the naive re-check of #1033).</summary>
    GuardReleased,

    /// <summary>The teardown drains, then latches the flag adds check, with no lock ordering the two: an add in between strands.</summary>
    DrainBeforeLatch,
}

/// <summary>TRK003's path state: the last check, why it may be stale, and the guards held.</summary>
internal readonly struct CheckState : IEquatable<CheckState>
{
    public CheckState(CheckStatus status, StaleReason reason, int guardBit, int held, PathEvent? check, ISymbol? guard)
    {
        this.Status = status;
        this.Reason = reason;
        this.GuardBit = guardBit;
        this.Held = held;
        this.Check = check;
        this.Guard = guard;
    }

    public CheckStatus Status { get; }

    public StaleReason Reason { get; }

    /// <summary>The bit of the guard the checked member needs, 0 if it has none.</summary>
    public int GuardBit { get; }

    public int Held { get; }

    public PathEvent? Check { get; }

    public ISymbol? Guard { get; }

    public CheckState WithHeld(int held) => new(this.Status, this.Reason, this.GuardBit, held, this.Check, this.Guard);

    public CheckState With(CheckStatus status, StaleReason reason) => new(status, reason, this.GuardBit, this.Held, this.Check, this.Guard);

    // The check's site is for the message only: two paths that differ in nothing else have the same future.
    public bool Equals(CheckState other) =>
        this.Status == other.Status && this.Reason == other.Reason && this.GuardBit == other.GuardBit && this.Held == other.Held;

    public override bool Equals(object? obj) => obj is CheckState other && this.Equals(other);

    public override int GetHashCode() => ((int)this.Status * 31 + (int)this.Reason) * 31 + this.Held * 7 + this.GuardBit;
}
