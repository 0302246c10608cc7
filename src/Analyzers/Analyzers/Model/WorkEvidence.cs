using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// Decides from what a type's code does, not from names, whether one of its members holds pending
/// work, and how sure that is (<see cref="Confidence"/>):
/// <list type="bullet">
/// <item>declared: <c>[PendingWork]</c>, or a type in <c>trackerrace.pending_work_types</c>;</item>
/// <item>evidence: a hand-off (a channel, a blocking collection) the type creates and feeds or drains with real items;
/// or any other collection the type adds to on a dispatch path and, in another place, takes items from and puts them
/// to work: runs, awaits, answers or passes them on (<see cref="CollectionUse"/>);</item>
/// <item>heuristic: the same on something injected from outside, whose owner decides about it, or a member named like
/// pending work ("pendingRequests") of which only one side shows.</item>
/// </list>
/// Never pending work: a collection only read as a whole (a record), one only fed constants (a wake-up signal), one
/// filled and emptied in one place (a scratch buffer), one whose items are only moved to a sibling collection or
/// forgotten (an LRU list, a registry), a hand-off of flags or enum values, and a container of its own type parameter
/// (<c>AsyncQueue&lt;T&gt;</c>): what its items mean is for its owner to say.
/// </summary>
internal static class WorkEvidence
{
    /// <param name="behindDoor">
    /// An entry point refuses to add to the member once the component is torn down: the type itself says late items matter,
    /// even in a container of its own type parameter.
    /// </param>
    public static Confidence? Of(ISymbol member, Classifier classifier, CollectionUse use, bool behindDoor = false)
    {
        if (classifier.IsDeclaredPending(member, out _))
        {
            return Confidence.Declared;
        }

        if (MemberTypes.Of(member) is not { } type || use.OnlySignals(member))
        {
            return null;
        }

        // A private collection read only as a whole and never taken from nor handed out is a record (an event log).
        if (use.IsRecord(member) && member.DeclaredAccessibility == Accessibility.Private)
        {
            return null;
        }

        var adds = use.AddsTo(member);
        var takes = use.TakesFrom(member);

        // A library collection says what it holds; a store of the user's own is known by what goes in.
        var element = Classifier.IsUserHolder(type) ? adds.Select(a => a.Item).FirstOrDefault(i => i is not null) : ElementOf(type);
        if (element is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type })
        {
            return behindDoor && adds.Count > 0 && use.AnyTakesFrom(member).Count > 0 ? Confidence.Evidence : null;
        }

        // Leases and durable copies are not pending work, whatever holds them: stopping the lease's token stops its loop, and
        // the store holds what the buffer caches.
        if (Acceptance.IsLease(element ?? adds.Select(a => a.Item).FirstOrDefault(i => i is not null)) || Acceptance.PersistedFirst(adds, use.Candidates))
        {
            return null;
        }

        if (Classifier.IsHandOff(type))
        {
            if (IsSignal(element) || (adds.Count == 0 && takes.Count == 0))
            {
                return null;
            }

            return use.IsInjected(member) ? Confidence.Heuristic : Confidence.Evidence;
        }

        if (Classifier.IsUserHolder(type))
        {
            // A store of the user's own is queried rather than taken from: what it answers is what was put in.
            takes = takes.Concat(use.QueriesOf(member).Where(q => adds.Any(a => Answers(q.Item, a.Item)))).ToList();
        }

        if (adds.Count > 0 && takes.Count > 0 && !OnePlace(adds, takes))
        {
            // An LRU list, a registry of sessions or a pool is fed and drained too. What makes a collection a backlog is harm:
            // items someone runs or waits on, or payloads the component accepted from its callers (a message, a log event)
            // that a consumer takes one by one and hands on. What the items are says nothing about whether losing one hurts.
            if (use.IsInjected(member))
            {
                return Classifier.NameSaysPending(member) ? Confidence.Heuristic : null;
            }

            var item = element ?? adds[0].Item;
            return IsRunnable(item) || (!Acceptance.IsResource(item) && adds.Any(a => Acceptance.IsAccepted(a, use.Calls)))
                ? Confidence.Evidence
                : Classifier.NameSaysPending(member) ? Confidence.Heuristic : null;
        }

        return (adds.Count > 0 || takes.Count > 0) && Classifier.NameSaysPending(member) ? Confidence.Heuristic : null;
    }

    /// <summary>What one item of a collection is: a dictionary's value, a channel's or queue's element.</summary>
    public static ITypeSymbol? ElementOf(ITypeSymbol type) => type is INamedTypeSymbol { TypeArguments.Length: > 0 } generic
        ? generic.TypeArguments.Length == 2 && generic.Name.IndexOf("Dictionary", System.StringComparison.Ordinal) >= 0 ? generic.TypeArguments[1] : generic.TypeArguments[0]
        : null;

    /// <summary>
    /// An item someone can run or is waiting on: a delegate, a task, a completion source, or a value (a tuple, a work item
    /// class) that carries one. A cache entry, an id or an event record carries none: losing it loses no work.
    /// </summary>
    public static bool IsRunnable(ITypeSymbol? item) => item switch
    {
        null => false,
        IArrayTypeSymbol batch => IsRunnable(batch.ElementType),
        INamedTypeSymbol { TypeArguments.Length: 1 } batch when batch.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) => IsRunnable(batch.TypeArguments[0]),
        _ => IsHandle(item) || Carried(item).Any(IsHandle),
    };

    private static bool IsHandle(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Delegate)
        {
            return true;
        }

        var definition = type.OriginalDefinition;
        var ns = definition.ContainingNamespace?.ToDisplayString();
        return ns == "System.Threading.Tasks" && definition.Name is "Task" or "ValueTask" or "TaskCompletionSource"
            || ns == "System.Threading.Tasks.Sources" && definition.Name is "IValueTaskSource" or "ManualResetValueTaskSourceCore"
            || ns == "System.Threading" && definition.Name == "IThreadPoolWorkItem";
    }

    // The instance fields and properties of an item type, one level down: "(SendOrPostCallback, object)", "WorkItem { Action Run; }".
    private static IEnumerable<ITypeSymbol> Carried(ITypeSymbol item)
    {
        if (item is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return tuple.TupleElements.Select(e => e.Type);
        }

        if (item is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || item.SpecialType != SpecialType.None)
        {
            return Enumerable.Empty<ITypeSymbol>();
        }

        // Tuple<T1, T2> and KeyValuePair<K, V> carry their type arguments.
        if (named.ContainingNamespace?.ToDisplayString() == "System" || named.Name == "KeyValuePair")
        {
            return named.TypeArguments;
        }

        // A work item is small ("WorkItem { Action Run; object State; }"); a big stateful object with a task somewhere among its
        // fields (a connection, an endpoint) is a resource, not a unit of work.
        var fields = named.GetMembers().Where(m => m is IFieldSymbol { IsStatic: false }).ToList();
        return fields.Count > MaxWorkItemFields
            ? Enumerable.Empty<ITypeSymbol>()
            : named.GetMembers().Where(m => m is IFieldSymbol or IPropertySymbol && !m.IsStatic).Select(MemberTypes.Of)
                .Where(t => t is not null && !SymbolEqualityComparer.Default.Equals(t, item)).Select(t => t!);
    }

    // A query answers what was added when its answer is the added item's type, a sequence of it, or a task of either.
    private static bool Answers(ITypeSymbol? answer, ITypeSymbol? added)
    {
        if (answer is null || added is null)
        {
            return false;
        }

        var wanted = ItemOf(added).OriginalDefinition;
        for (var current = answer; current is not null; current = current is INamedTypeSymbol { TypeArguments.Length: 1 } wrapper ? wrapper.TypeArguments[0] : null)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, wanted)
                || (current is IArrayTypeSymbol array && SymbolEqualityComparer.Default.Equals(array.ElementType.OriginalDefinition, wanted)))
            {
                return true;
            }
        }

        return false;
    }

    // "Insert(IReadOnlyList<TaskRecord>)" puts in TaskRecords.
    private static ITypeSymbol ItemOf(ITypeSymbol added) => added switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { TypeArguments.Length: 1 } sequence when sequence.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) => sequence.TypeArguments[0],
        INamedTypeSymbol { TypeArguments.Length: 1, TypeKind: TypeKind.Interface } sequence when sequence.Name.StartsWith("IReadOnly", System.StringComparison.Ordinal) || sequence.Name.StartsWith("IEnumerable", System.StringComparison.Ordinal) => sequence.TypeArguments[0],
        _ => added,
    };

    private const int MaxWorkItemFields = 4;

    // A flag, an enum value or an empty struct says "something happened", not "do this".
    private static bool IsSignal(ITypeSymbol? element) =>
        element is not null
        && (element.SpecialType == SpecialType.System_Boolean
            || element.TypeKind == TypeKind.Enum
            || (element.TypeKind == TypeKind.Struct && element.SpecialType == SpecialType.None && !element.GetMembers().Any(m => m is IFieldSymbol { IsStatic: false })));

    // Everything added and taken in one method, outside any callback: a buffer filled and emptied in one go.
    private static bool OnePlace(IReadOnlyList<WorkSite> adds, IReadOnlyList<WorkSite> takes)
    {
        var place = adds[0].Place;
        return adds.All(a => SymbolEqualityComparer.Default.Equals(a.Place, place)) && takes.All(t => SymbolEqualityComparer.Default.Equals(t.Place, place));
    }
}
