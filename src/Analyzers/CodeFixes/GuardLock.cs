using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrackerRace.Analyzers.CodeFixes;

/// <summary>How the code fixes recognise guards: a <c>lock</c> statement on a named guard, or a call that takes one.</summary>
internal static class GuardLock
{
    /// <summary>Whether <paramref name="lockStatement"/> locks the guard an analyzer named in its diagnostic (a field or property of the component).</summary>
    public static bool Takes(LockStatementSyntax lockStatement, string guard, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(lockStatement.Expression, cancellationToken).Symbol is { } locked && locked is IFieldSymbol or IPropertySymbol && locked.Name == guard;

    /// <summary>
    /// A call that takes a guard without a <c>lock</c> statement: <c>Monitor.Enter</c>, <c>SemaphoreSlim.Wait</c>,
    /// <c>Lock.Enter</c>. Where it is released is not visible from the syntax, so the fixes leave such code alone.
    /// </summary>
    public static bool IsAcquireCall(IMethodSymbol? method) =>
        method?.ContainingType is { ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } type
        && (type.Name, method.Name) is ("Monitor", "Enter" or "TryEnter") or ("SemaphoreSlim", "Wait" or "WaitAsync") or ("Lock", "Enter" or "TryEnter" or "EnterScope");
}
