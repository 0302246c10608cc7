using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// Promises: a <c>TaskCompletionSource</c>, a look-alike (a type with <c>TrySetResult</c> or <c>SetResult</c> and a
/// <c>Task</c>), or a waiter holding one. A caller awaits its task; only the holder can complete it. Dropping one
/// without completing it leaves that caller waiting for ever, whatever the item is otherwise.
/// </summary>
internal static class Promises
{
    private static readonly string[] Completions = { "TrySetResult", "SetResult", "TrySetException", "SetException", "TrySetCanceled", "SetCanceled" };

    /// <summary>True for a call that completes a promise (<c>TrySetResult</c>, <c>SetException</c>, ...).</summary>
    public static bool IsCompletion(IInvocationOperation call) => System.Array.IndexOf(Completions, call.TargetMethod.Name) >= 0;

    /// <summary>The promise-like items a collection member holds (a dictionary's values), or null if it holds none.</summary>
    public static ITypeSymbol? ItemsOf(ITypeSymbol? collection)
    {
        if (collection is null or { SpecialType: SpecialType.System_String })
        {
            return null;
        }

        var item = collection is IArrayTypeSymbol array
            ? array.ElementType
            : collection.AllInterfaces.Concat(collection is INamedTypeSymbol self ? new[] { self } : System.Array.Empty<INamedTypeSymbol>())
                .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
        if (item is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair)
        {
            item = pair.TypeArguments[1];
        }

        return item is not null && HoldsPromise(item) ? item : null;
    }

    private static bool HoldsPromise(ITypeSymbol type) =>
        IsPromise(type) || type.GetMembers().Any(m => !m.IsStatic && m switch
        {
            IFieldSymbol field => IsPromise(field.Type),
            IPropertySymbol property => IsPromise(property.Type),
            _ => false,
        });

    private static bool IsPromise(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var members = current.GetMembers();
            if (members.Any(m => m is IMethodSymbol { Name: "TrySetResult" or "SetResult" }) && members.Any(m => m is IPropertySymbol { Name: "Task" }))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Completions in <paramref name="body"/> of items taken from <paramref name="member"/>: iterated over, taken with an
    /// <c>out</c> argument, read into a local, or completed through the member itself (<c>pending[id].TrySetResult(x)</c>).
    /// </summary>
    public static IEnumerable<IInvocationOperation> CompletionsOfItems(IOperation body, ISymbol member)
    {
        var fromMember = ItemLocals(body, member);
        return body.DescendantsAndSelf().OfType<IInvocationOperation>().Where(call =>
            IsCompletion(call) && call.Instance is { } promise
            && (Root(promise) is ILocalSymbol local ? fromMember.Contains(local) : Mentions(promise, member)));
    }

    /// <summary>True if <paramref name="operation"/> uses an item of <paramref name="member"/> taken in <paramref name="body"/>, or the member itself.</summary>
    public static bool UsesItems(IOperation operation, IOperation body, ISymbol member) =>
        Mentions(operation, member) || MentionsAny(operation, ItemLocals(body, member));

    // The locals of body that hold items of member: iterated over, taken with an out argument, read or matched from it.
    private static HashSet<ILocalSymbol> ItemLocals(IOperation body, ISymbol member)
    {
        var fromMember = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IForEachLoopOperation loop when Mentions(loop.Collection, member):
                    foreach (var local in loop.Locals)
                    {
                        fromMember.Add(local);
                    }

                    if (loop.LoopControlVariable is IVariableDeclaratorOperation { Symbol: { } variable })
                    {
                        fromMember.Add(variable);
                    }

                    break;
                case IInvocationOperation call when call.Instance is { } instance && Mentions(instance, member):
                    foreach (var argument in call.Arguments.Where(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.RefKind == RefKind.Out))
                    {
                        if (Root(argument.Value) is ILocalSymbol local)
                        {
                            fromMember.Add(local);
                        }
                    }

                    break;
                case IVariableDeclaratorOperation { Initializer.Value: { } value, Symbol: { } declared } when Mentions(value, member) || MentionsAny(value, fromMember):
                    fromMember.Add(declared);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when Mentions(assignment.Value, member) || MentionsAny(assignment.Value, fromMember):
                    fromMember.Add(target.Local);
                    break;
                case IIsPatternOperation test when Mentions(test.Value, member):
                    // "while (waiters.First is { } head)": the pattern's variable is an item of the member.
                    foreach (var declared in test.Pattern.DescendantsAndSelf().Select(DeclaredBy).OfType<ILocalSymbol>())
                    {
                        fromMember.Add(declared);
                    }

                    break;
            }
        }

        return fromMember;
    }

    private static ISymbol? DeclaredBy(IOperation pattern) => pattern switch
    {
        IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
        IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
        _ => null,
    };

    private static bool MentionsAny(IOperation operation, HashSet<ILocalSymbol> locals) =>
        locals.Count > 0 && operation.DescendantsAndSelf().Any(o => o is ILocalReferenceOperation local && locals.Contains(local.Local));

    /// <summary>True if <paramref name="operation"/> reads <paramref name="member"/> anywhere inside it.</summary>
    public static bool Mentions(IOperation operation, ISymbol member) =>
        operation.DescendantsAndSelf().Any(o => o is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, member));

    // The local a chain of member reads and conversions starts from: "head.Value.Trigger" -> head.
    private static ISymbol? Root(IOperation operation)
    {
        for (var current = operation; current is not null;)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IDeclarationExpressionOperation declaration:
                    current = declaration.Expression;
                    break;
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IMemberReferenceOperation { Instance: { } instance }:
                    current = instance;
                    break;
                case IInvocationOperation { Instance: { } target }:
                    current = target;
                    break;
                case IVariableDeclaratorOperation declarator:
                    return declarator.Symbol;
                default:
                    return null;
            }
        }

        return null;
    }
}
