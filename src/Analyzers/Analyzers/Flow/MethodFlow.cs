using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TrackerRace.Analyzers.Flow;

/// <summary>A method's control flow graph with the <see cref="PathEvent"/>s of each basic block, computed once.</summary>
internal sealed class MethodFlow
{
    private readonly Dictionary<ISymbol, int> guardBits;

    public MethodFlow(IMethodSymbol method, ControlFlowGraph graph, ImmutableArray<ImmutableArray<PathEvent>> blockEvents, Dictionary<ISymbol, int> guardBits)
    {
        this.Method = method;
        this.Graph = graph;
        this.BlockEvents = blockEvents;
        this.guardBits = guardBits;
    }

    public IMethodSymbol Method { get; }

    public ControlFlowGraph Graph { get; }

    /// <summary>Indexed by <see cref="BasicBlock.Ordinal"/>.</summary>
    public ImmutableArray<ImmutableArray<PathEvent>> BlockEvents { get; }

    /// <summary>The bit that stands for <paramref name="guard"/> in a held-guards mask; 0 if this method never takes it.</summary>
    public int GuardBit(ISymbol? guard) => guard is not null && this.guardBits.TryGetValue(guard, out var bit) ? bit : 0;

    /// <summary>Every guard this method takes, by lock statement, <c>Monitor</c>, semaphore or <c>Lock</c>.</summary>
    public IEnumerable<ISymbol> Guards => this.guardBits.Keys;

    public bool HasEvent(PathEventKind kind) => this.FirstEvent(kind) is not null;

    /// <summary>The first event of <paramref name="kind"/> in block order, to point at; null if there is none.</summary>
    public PathEvent? FirstEvent(PathEventKind kind)
    {
        foreach (var events in this.BlockEvents)
        {
            foreach (var e in events)
            {
                if (e.Kind == kind)
                {
                    return e;
                }
            }
        }

        return null;
    }
}
