using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Flow;

/// <summary>One <see cref="PathEventKind"/> at one operation; <see cref="Symbol"/> is the member or guard involved.</summary>
internal readonly struct PathEvent
{
    public PathEvent(PathEventKind kind, IOperation operation, ISymbol? symbol, bool snapshot = false)
    {
        this.Kind = kind;
        this.Operation = operation;
        this.Symbol = symbol;
        this.Snapshot = snapshot;
    }

    public PathEventKind Kind { get; }

    public IOperation Operation { get; }

    public ISymbol? Symbol { get; }

    /// <summary>For <see cref="PathEventKind.Consult"/>: the answer is only a snapshot (<c>[PendingWork(IsSnapshot = true)]</c>).</summary>
    public bool Snapshot { get; }
}
