using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Model;

/// <summary>Answers "is this pending work / a teardown / a dispatch?" from attributes first, then options, then names and types.</summary>
internal sealed class Classifier
{
    // Types whose only purpose is to hand work from producers to consumers; a Queue<T> or Stack<T> can be
    // a plain data structure (an undo stack, a BFS frontier), so those need a telling member name.
    private static readonly string[] HandOffTypes =
    {
        "ConcurrentQueue`1", "BlockingCollection`1", "Channel`1", "Channel`2", "ChannelReader`1", "ChannelWriter`1", "IProducerConsumerCollection`1",
    };

    // The hand-offs whose only use is producer to consumer. A ConcurrentQueue is as often an LRU segment or a pool, so it
    // needs the evidence any collection needs.
    private static readonly string[] PureHandOffTypes =
    {
        "BlockingCollection`1", "Channel`1", "Channel`2", "ChannelReader`1", "ChannelWriter`1",
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, (bool Pending, bool Snapshot)> pendingCache = new(SymbolEqualityComparer.Default);

    public Classifier(KnownSymbols known, AnalyzerSettings settings)
    {
        this.Known = known;
        this.Settings = settings;
    }

    public KnownSymbols Known { get; }

    public AnalyzerSettings Settings { get; }

    /// <summary>
    /// A field or property that looks like pending work: declared, a hand-off type, a work-holder type, or a collection
    /// named "pending...". Enough to count reading it as a consult (a generous consult costs a miss at most); a finding
    /// needs the evidence <see cref="WorkEvidence"/> asks for. <paramref name="snapshot"/> is set by
    /// <c>[PendingWork(IsSnapshot = true)]</c>.
    /// </summary>
    public bool LooksPending(ISymbol member, out bool snapshot)
    {
        var (pending, isSnapshot) = this.pendingCache.GetOrAdd(member, m => (this.ClassifyLook(m, out var s), s));
        snapshot = isSnapshot;
        return pending;
    }

    /// <summary>Marked <c>[PendingWork]</c> (here, on what it overrides or implements) or of a type in <c>trackerrace.pending_work_types</c>.</summary>
    public bool IsDeclaredPending(ISymbol member, out bool snapshot)
    {
        snapshot = false;
        if (FindMarker(member, this.Known.PendingWorkAttribute) is { } marker)
        {
            snapshot = marker.NamedArguments.Any(a => a.Key == "IsSnapshot" && a.Value.Value is true);
            return true;
        }

        return MemberTypes.Of(member) is { } type && this.Settings.IsPendingWorkType(type);
    }

    /// <summary>
    /// A field or property whose type could hold work, so the type's code is worth reading for evidence: declared, a
    /// hand-off type, a library collection (not an array or a string), or a class or interface of the user's own with a
    /// method that adds (<c>Insert</c>, <c>Enqueue</c>, ...).
    /// </summary>
    public bool MayHoldWork(ISymbol member)
    {
        if (member.IsImplicitlyDeclared || MemberTypes.Of(member) is not { } type || member is IFieldSymbol { IsConst: true } || member is IPropertySymbol { IsIndexer: true })
        {
            return false;
        }

        if (this.IsDeclaredPending(member, out _))
        {
            return true;
        }

        if (type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Array)
        {
            return false;
        }

        return HandOffTypes.Contains(type.OriginalDefinition.MetadataName) || IsLibraryCollection(type) || IsUserHolder(type);
    }

    /// <summary>A type whose only purpose is to hand items from producers to consumers (a channel, a concurrent queue).</summary>
    public static bool IsHandOff(ITypeSymbol type) => PureHandOffTypes.Contains(type.OriginalDefinition.MetadataName);

    /// <summary>A collection of the user's or a library's own, not of <c>System</c>: a store or queue that may hold work.</summary>
    public static bool IsUserHolder(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Interface
        && !IsSystem(type)
        && (type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers())).Any(m => m is IMethodSymbol { IsStatic: false } method && Names.IsAddMethod(method.Name)));

    private static bool IsLibraryCollection(ITypeSymbol type) =>
        IsSystem(type) && IsCollection(type)
        && type.ContainingNamespace?.ToDisplayString().StartsWith("System.Collections.Immutable", System.StringComparison.Ordinal) != true;

    private static bool IsSystem(ITypeSymbol type)
    {
        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root?.Name == "System";
    }

    private bool ClassifyLook(ISymbol member, out bool snapshot)
    {
        snapshot = false;
        var type = member switch
        {
            IFieldSymbol { IsConst: false } field => field.Type,
            IPropertySymbol { IsIndexer: false } property => property.Type,
            _ => null,
        };
        if (type is null)
        {
            return false;
        }

        if (this.IsDeclaredPending(member, out snapshot))
        {
            return true;
        }

        if (member.IsImplicitlyDeclared || type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Array)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        if (HandOffTypes.Contains(definition.MetadataName) || IsWorkHolderType(definition))
        {
            return true;
        }

        return IsCollection(type) && Names.SaysPending(member.Name);
    }

    /// <summary>A name that says the member holds work not yet done ("pendingRequests", "retryQueue", an <c>ITaskStore</c>).</summary>
    public static bool NameSaysPending(ISymbol member) =>
        Names.SaysPending(member.Name) || (MemberTypes.Of(member) is { } type && IsWorkHolderType(type.OriginalDefinition));

    /// <summary>A work-holder type of the user's or a library's own (<c>ITaskStore</c>, <c>JobQueue</c>), not a collection of the BCL.</summary>
    public static bool IsWorkHolder(ITypeSymbol type) => IsWorkHolderType(type.OriginalDefinition);

    /// <summary>Marked <c>[Teardown]</c> or named in <c>trackerrace.teardown_methods</c>: a teardown by the user's word.</summary>
    public bool IsDeclaredTeardown(IMethodSymbol method) =>
        FindMarker(method, this.Known.TeardownAttribute) is not null || this.Settings.TeardownMethods.Contains(Names.Simple(method));

    /// <summary>A property or method that answers whether work is pending: marked, or named "...Pending..." and returning a flag or a count.</summary>
    public bool IsPendingQuestion(ISymbol member, out bool snapshot)
    {
        snapshot = false;
        if (member is IPropertySymbol property && this.LooksPending(property, out snapshot))
        {
            return true;
        }

        if (member is not IMethodSymbol and not IPropertySymbol)
        {
            return false;
        }

        if (FindMarker(member, this.Known.PendingWorkAttribute) is { } marker)
        {
            snapshot = marker.NamedArguments.Any(a => a.Key == "IsSnapshot" && a.Value.Value is true);
            return true;
        }

        var returns = member is IMethodSymbol method ? method.ReturnType : ((IPropertySymbol)member).Type;
        return returns.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64
            && member.Name.IndexOf("Pending", System.StringComparison.OrdinalIgnoreCase) >= 0;
    }

    public bool IsTeardownMethod(IMethodSymbol method)
    {
        if (!Names.IsNamedMethod(method))
        {
            return false;
        }

        var name = Names.Simple(method);
        if (FindMarker(method, this.Known.TeardownAttribute) is not null || this.Settings.TeardownMethods.Contains(name))
        {
            return true;
        }

        // A stopwatch stops measuring and a tracing activity ends its span, nothing else: "busy.Stop()" after draining,
        // "activity.Dispose()" after activating are bookkeeping, not a teardown.
        if (method.ContainingType is { Name: "Stopwatch" or "Activity", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
        {
            return false;
        }

        if (KnownSymbols.IsThreadingType(method.ContainingType, "CancellationTokenSource"))
        {
            return method.Name.StartsWith("Cancel", System.StringComparison.Ordinal);
        }

        return Names.StartsWithAny(name, Names.TeardownPrefixes);
    }

    /// <summary>Marked <c>[Dispatch]</c> or named in <c>trackerrace.dispatch_methods</c>: a dispatch by the user's word, not by its name.</summary>
    public bool IsDeclaredDispatch(IMethodSymbol method) =>
        FindMarker(method, this.Known.DispatchAttribute) is not null || this.Settings.DispatchMethods.Contains(Names.Simple(method));

    /// <summary>An enum member marked <c>[Teardown]</c>: returning it decides a teardown.</summary>
    public bool IsTeardownValue(IFieldSymbol field) =>
        field.ContainingType?.TypeKind == TypeKind.Enum && KnownSymbols.Find(field, this.Known.TeardownAttribute) is not null;

    /// <summary>An enum with a <c>[Teardown]</c> member, possibly wrapped in <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public bool IsDecisionType(ITypeSymbol? type)
    {
        if (this.Known.TeardownAttribute is null || type is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper && wrapper.Name is "Task" or "ValueTask")
        {
            type = wrapper.TypeArguments[0];
        }

        return type.TypeKind == TypeKind.Enum && type.GetMembers().OfType<IFieldSymbol>().Any(this.IsTeardownValue);
    }

    /// <summary>The attribute on the member itself, on what it overrides, or on the interface member it implements.</summary>
    public static AttributeData? FindMarker(ISymbol member, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        for (var current = member; current is not null; current = Overridden(current))
        {
            if (KnownSymbols.Find(current, attribute) is { } direct)
            {
                return direct;
            }
        }

        var type = member.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Interface)
        {
            return null;
        }

        foreach (var candidate in type.AllInterfaces.SelectMany(i => i.GetMembers(Names.Simple(member))))
        {
            if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), member)
                && KnownSymbols.Find(candidate, attribute) is { } inherited)
            {
                return inherited;
            }
        }

        return null;
    }

    private static ISymbol? Overridden(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        _ => null,
    };

    // "...Queue" of our own kind, or "TaskStore", "JobTable", "MessageChannel": a holder of work by name.
    private static bool IsWorkHolderType(ITypeSymbol definition) =>
        definition.TypeKind is TypeKind.Class or TypeKind.Interface
        && definition.ContainingNamespace?.ToDisplayString().StartsWith("System.Collections", System.StringComparison.Ordinal) != true
        && (definition.Name.EndsWith("Queue", System.StringComparison.Ordinal)
            || (Names.EndsWithAny(definition.Name, Names.WorkHolderSuffixes) && Names.ContainsAny(definition.Name, Names.WorkWords)));

    private static bool IsCollection(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Collections_IEnumerable
        || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);
}
