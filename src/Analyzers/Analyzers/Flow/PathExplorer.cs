using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TrackerRace.Analyzers.Flow;

/// <summary>What a rule's state machine says after one event.</summary>
internal enum PathVerdict
{
    /// <summary>Keep following this path.</summary>
    Continue,

    /// <summary>This path is settled (safe or already reported); follow the others.</summary>
    StopPath,

    /// <summary>A finding was made; stop exploring the method.</summary>
    StopAll,
}

/// <summary>
/// Walks every path of a <see cref="MethodFlow"/> from its entry, feeding the events in order to a
/// rule's state machine. A (block, state) pair is explored once, so loops terminate and the cost is
/// bounded by blocks times distinct states, and by <see cref="MaxVisits"/>: states that combine
/// independently (sixteen conditionally taken locks) would otherwise grow exponentially. Finally
/// blocks run on the branches that leave their try; catch blocks are not followed (a miss is cheaper
/// than a false positive, and so is a method too tangled to finish).
/// </summary>
internal static class PathExplorer
{
    /// <summary>The (block, state) pairs explored per method at most.</summary>
    public const int MaxVisits = 100_000;

    public delegate PathVerdict Step<TState>(ref TState state, in PathEvent e);

    public static void Explore<TState>(MethodFlow flow, TState initial, Step<TState> step)
        where TState : struct, IEquatable<TState>
    {
        var blocks = flow.Graph.Blocks;
        var seen = new HashSet<(int, TState)>();
        var work = new Stack<(int Block, TState State)>();
        work.Push((0, initial));
        while (work.Count > 0)
        {
            var (ordinal, state) = work.Pop();
            if (!seen.Add((ordinal, state)))
            {
                continue;
            }

            if (seen.Count > MaxVisits)
            {
                return;
            }

            var verdict = Run(flow.BlockEvents[ordinal], ref state, step);
            if (verdict == PathVerdict.StopAll)
            {
                return;
            }

            if (verdict == PathVerdict.StopPath)
            {
                continue;
            }

            var block = blocks[ordinal];
            var (conditional, fallThrough) = PossibleSuccessors(block);
            if ((conditional && Follow(flow, block.ConditionalSuccessor, state, step, work)) || (fallThrough && Follow(flow, block.FallThroughSuccessor, state, step, work)))
            {
                return;
            }
        }
    }

    // "while (true)" branches on a constant: the exit edge it never takes must not make a path ("tears down without draining") that cannot run.
    private static (bool Conditional, bool FallThrough) PossibleSuccessors(BasicBlock block)
    {
        if (block.ConditionKind == ControlFlowConditionKind.None || block.BranchValue?.ConstantValue is not { HasValue: true, Value: bool value })
        {
            return (true, true);
        }

        var taken = value == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        return (taken, !taken);
    }

    private static bool Follow<TState>(MethodFlow flow, ControlFlowBranch? branch, TState state, Step<TState> step, Stack<(int, TState)> work)
        where TState : struct, IEquatable<TState>
    {
        if (branch is null)
        {
            return false;
        }

        foreach (var region in branch.FinallyRegions)
        {
            for (var i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++)
            {
                var verdict = Run(flow.BlockEvents[i], ref state, step);
                if (verdict == PathVerdict.StopAll)
                {
                    return true;
                }

                if (verdict == PathVerdict.StopPath)
                {
                    return false;
                }
            }
        }

        if (branch.Destination is { } destination)
        {
            work.Push((destination.Ordinal, state));
        }

        return false;
    }

    private static PathVerdict Run<TState>(System.Collections.Immutable.ImmutableArray<PathEvent> events, ref TState state, Step<TState> step)
    {
        foreach (var e in events)
        {
            var verdict = step(ref state, e);
            if (verdict != PathVerdict.Continue)
            {
                return verdict;
            }
        }

        return PathVerdict.Continue;
    }
}
