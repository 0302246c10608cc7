using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// An entry point that signals a part the teardown disposes ("queue.Enqueue(x); signal.Release();" with
/// "signal.Dispose()" in Dispose) throws <see cref="System.ObjectDisposedException"/> once torn down: the caller is told its
/// work was not taken, which is a refusal, only louder. Not so where the caller cannot hear it: a
/// <c>SynchronizationContext.Post</c> is called by whoever completes a task, not by the code whose continuation is lost.
/// </summary>
internal static class LoudRefusal
{
    // Types whose instance members throw ObjectDisposedException after Dispose.
    private static readonly string[] ThrowingTypes = { "SemaphoreSlim", "ManualResetEventSlim", "AutoResetEvent", "ManualResetEvent", "EventWaitHandle", "CountdownEvent", "BlockingCollection`1" };

    public static bool RefusesAfterTeardown(TypeFacts facts, IMethodSymbol method)
    {
        if (IsFireAndForgetOverride(method))
        {
            return false;
        }

        var disposed = DisposedParts(facts);
        if (disposed.Count == 0)
        {
            return false;
        }

        return facts.BodyOf(method).DescendantsAndSelf().OfType<IInvocationOperation>().Any(call =>
            call.Instance is IMemberReferenceOperation { Member: { } part }
            && disposed.Contains(part)
            && call.TargetMethod.Name is not ("Dispose" or "ToString" or "GetHashCode" or "Equals"));
    }

    // The own members of a throwing type that a teardown disposes.
    private static HashSet<ISymbol> DisposedParts(TypeFacts facts)
    {
        var parts = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var teardown in facts.TeardownScopeMethods)
        {
            foreach (var call in facts.BodyOf(teardown).DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (call.TargetMethod.Name == "Dispose" && call.Instance is IMemberReferenceOperation { Member: { } part }
                    && MemberTypes.Of(part) is { } type && System.Array.IndexOf(ThrowingTypes, type.OriginalDefinition.MetadataName) >= 0)
                {
                    parts.Add(part);
                }
            }
        }

        return parts;
    }

    private static bool IsFireAndForgetOverride(IMethodSymbol method)
    {
        for (var current = method.OverriddenMethod; current is not null; current = current.OverriddenMethod)
        {
            if (current.Name is "Post" or "Send" && current.ContainingType is { Name: "SynchronizationContext", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } })
            {
                return true;
            }
        }

        return false;
    }
}
