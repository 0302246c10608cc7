using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Flow;

/// <summary>One <see cref="PathEventKind"/> at one operation; <see cref="Symbol"/> is the member or guard involved.</summary>
internal readonly struct PathEvent
{
    public PathEvent(PathEventKind kind, IOperation operation, ISymbol? symbol, bool snapshot = false, int enclosingLocks = 0)
    {
        this.Kind = kind;
        this.Operation = operation;
        this.Symbol = symbol;
        this.Snapshot = snapshot;
        this.EnclosingLocks = enclosingLocks;
    }

    public PathEventKind Kind { get; }

    public IOperation Operation { get; }

    public ISymbol? Symbol { get; }

    /// <summary>For <see cref="PathEventKind.Consult"/>: the answer is only a snapshot (<c>[PendingWork(IsSnapshot = true)]</c>).</summary>
    public bool Snapshot { get; }

    /// <summary>
    /// Guard bits of the <c>lock</c> statements around this event in the source. The graph shows a
    /// <c>lock</c> on <c>System.Threading.Lock</c> as an opaque statement when nullable analysis is on,
    /// so those locks are known from the syntax instead; the rules add this mask to the held guards.
    /// </summary>
    public int EnclosingLocks { get; }
}
