using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// Whether an add puts in work the component has <em>accepted</em>: the caller's own payload, taken in by a method others
/// call, which then returns as if the work will be done. Losing such an item hurts whatever its type: a message, a log
/// event, a request. Items the component makes for itself (its own loops, leases) and items that were made durable before
/// they entered (a cache of what a store already holds) are not accepted work: losing them loses nothing.
/// </summary>
internal static class Acceptance
{
    // Verbs of a call that makes an item durable before it is buffered: "await store.SaveAsync(m); ready.Enqueue(m);".
    private static readonly ImmutableArray<string> DurableVerbs = ImmutableArray.Create("Save", "Persist", "Store", "Insert", "Upsert", "Commit", "Append", "Journal");

    /// <summary>
    /// The add sits directly in a method (not in a callback: what a receive loop or an event handler buffers came from the
    /// wire, not from a caller), the method can be called from outside the type (itself, or through the type's own
    /// callers), and the added value carries one of its parameters.
    /// </summary>
    public static bool IsAccepted(WorkSite add, IReadOnlyDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> calls)
    {
        if (!SymbolEqualityComparer.Default.Equals(add.Place, add.Method) || add.Method.Parameters.Length == 0
            || add.Method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return false;
        }

        return IsReachableFromOutside(add.Method, calls) && AddedValues(add.Operation).Any(v => CarriesParameter(v, add.Method, add.PlaceBody));
    }

    /// <summary>
    /// Every accepted add of the member is preceded, in its method, by a durable write of the same value: the buffer holds
    /// copies of what a store keeps, which a restart or a redelivery reads again.
    /// </summary>
    public static bool PersistedFirst(IReadOnlyList<WorkSite> adds, HashSet<ISymbol> ownCollections)
    {
        var any = false;
        foreach (var add in adds)
        {
            var values = AddedValues(add.Operation).Select(Root).Where(r => r is not null).ToList();
            var persisted = add.PlaceBody.DescendantsAndSelf().OfType<IInvocationOperation>().Any(call =>
                call.Syntax.SpanStart < add.Operation.Syntax.SpanStart
                && Names.StartsWithAny(call.TargetMethod.Name, DurableVerbs)
                && (call.Instance is null || CollectionUse.OwnerOf(call.Instance, ownCollections) is null)
                && call.Arguments.Any(a => Root(a.Value) is { } root && values.Any(v => SymbolEqualityComparer.Default.Equals(v, root))));
            if (!persisted)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// An item that carries its own cancellation handle (a token source, alone or in a pair with the loop it stops) is the
    /// handle of a running operation: the component stops it through the token, nothing waits to be dispatched.
    /// </summary>
    /// <remarks>A waiter that carries a promise someone awaits is no lease, whatever else it holds: its caller waits for it.</remarks>
    public static bool IsLease(ITypeSymbol? item)
    {
        var parts = PartsOf(item);
        return parts.Any(IsTokenSource) && !parts.Any(IsPromise);
    }

    // A tuple's elements, a small class's or struct's instance fields and properties, or the item itself.
    private static List<ITypeSymbol> PartsOf(ITypeSymbol? item) => item switch
    {
        null => new List<ITypeSymbol>(),
        INamedTypeSymbol { IsTupleType: true } tuple => tuple.TupleElements.Select(e => e.Type).ToList(),
        INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named when !IsTokenSource(named) =>
            named.GetMembers().Where(m => m is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }).Select(MemberTypes.Of).Where(t => t is not null).Select(t => t!).ToList(),
        _ => new List<ITypeSymbol> { item },
    };

    /// <summary>
    /// An item with a lifetime of its own (a connection, an endpoint, a session: disposable) is a resource the component keeps,
    /// not a payload it carries: a registry of them leaks when it forgets one, it does not drop accepted work.
    /// </summary>
    /// <remarks>A disposable waiter that holds a promise its caller awaits is work, not a resource: disposing it fails the promise.</remarks>
    public static bool IsResource(ITypeSymbol? item) =>
        item is not null && item.SpecialType == SpecialType.None
        && (item.AllInterfaces.Any(i => i.Name is "IDisposable" or "IAsyncDisposable" && i.ContainingNamespace?.Name == "System")
            || item.Name is "IDisposable" or "IAsyncDisposable")
        && !PartsOf(item).Any(IsPromise);

    private static bool IsTokenSource(ITypeSymbol type) => KnownSymbols.IsThreadingType(type, "CancellationTokenSource");

    // "TaskCompletionSource<T>", "ManualResetValueTaskSourceCore<T>", a user's "AsyncTaskCompletionSource<T>".
    private static bool IsPromise(ITypeSymbol type) =>
        type.OriginalDefinition.Name.IndexOf("CompletionSource", System.StringComparison.Ordinal) >= 0
        || (type.OriginalDefinition.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        || type.OriginalDefinition.Name.IndexOf("ValueTaskSource", System.StringComparison.Ordinal) >= 0;

    private static bool IsReachableFromOutside(IMethodSymbol method, IReadOnlyDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> calls)
    {
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var work = new Stack<IMethodSymbol>();
        work.Push(method.OriginalDefinition);
        while (work.Count > 0)
        {
            var next = work.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            if (next.DeclaredAccessibility != Accessibility.Private || next.MethodKind == MethodKind.ExplicitInterfaceImplementation)
            {
                return next.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation;
            }

            foreach (var caller in calls.Where(p => p.Value.Contains(next, SymbolEqualityComparer.Default)).Select(p => p.Key))
            {
                work.Push(caller);
            }
        }

        return false;
    }

    /// <summary>The add puts in a value carrying one of <paramref name="method"/>'s parameters: the caller's item, not one moved between collections.</summary>
    public static bool CarriesCallerValue(IOperation add, IMethodSymbol method, IOperation body) =>
        AddedValues(add).Any(v => CarriesParameter(v, method, body));

    // What an add puts in: "queue.Enqueue(x)" gives x, "pending[id] = reply" gives reply.
    private static IEnumerable<IOperation> AddedValues(IOperation add) => add switch
    {
        IInvocationOperation call => call.Arguments.Select(a => a.Value),
        IAssignmentOperation assignment => new[] { assignment.Value },
        _ => Enumerable.Empty<IOperation>(),
    };

    // The value names a parameter of the method, directly ("Enqueue(message)", "new Item(message, tcs)") or through a local
    // made from one ("var item = new Item(message); Enqueue(item);").
    private static bool CarriesParameter(IOperation value, IMethodSymbol method, IOperation body)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method))
            {
                return true;
            }

            if (operation is ILocalReferenceOperation local && InitialValue(local.Local, body) is { } initial
                && initial.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol, method)))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? InitialValue(ILocalSymbol local, IOperation body) =>
        body.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))?.Initializer?.Value;

    // The parameter or local a value is, through conversions: what a durable write and an add must share.
    private static ISymbol? Root(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
    }
}
