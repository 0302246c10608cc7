using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Flow;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// What one type's members say about its pending work and its teardown, gathered once from all its
/// method bodies: which members hold work, which methods consult it, which fields record that the
/// component is torn down, and which lock guards each pending-work member.
/// </summary>
internal sealed class TypeFacts
{
    private readonly Dictionary<IMethodSymbol, IOperation> bodies = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> pendingMembers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, Confidence> tiers = new(SymbolEqualityComparer.Default);
    private HashSet<ISymbol>? workParts;
    private readonly IReadOnlyDictionary<ISymbol, IOperation> initializers;
    private readonly HashSet<ISymbol> stateMembers = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> consulting;
    private readonly HashSet<IMethodSymbol> stateReaders;
    private readonly HashSet<IMethodSymbol> mayTearDown;
    private readonly HashSet<IMethodSymbol> teardownScope;
    private readonly HashSet<IMethodSymbol> orphanTeardowns;
    private readonly HashSet<IMethodSymbol> writesState;
    private readonly HashSet<IMethodSymbol> orphansTearingDownComponent;
    private readonly HashSet<ISymbol> selfClosing = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> accepting = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, bool> doorFlags = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> doorGuarded = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> mayAddWork = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, ISymbol> addsTo = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, MethodFlow?> flows = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, ISymbol?> guards = new(SymbolEqualityComparer.Default);
    private readonly CollectionUse use;

    public TypeFacts(INamedTypeSymbol type, Classifier classifier, IEnumerable<(IMethodSymbol Method, IOperation Body)> methods, IReadOnlyDictionary<ISymbol, IOperation>? initializers = null)
    {
        this.Type = type;
        this.Classifier = classifier;
        this.initializers = initializers ?? new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
        foreach (var (method, body) in methods)
        {
            this.bodies[method] = body;
        }

        var candidates = new HashSet<ISymbol>(OwnMembers(type).Where(classifier.MayHoldWork), SymbolEqualityComparer.Default);
        var use = this.use = new CollectionUse(this.bodies, candidates, classifier.IsTeardownMethod);
        RecordInitializers(candidates, use);
        var calls = use.Calls;
        this.selfClosing.UnionWith(use.Completed);

        // Pending work is what the code shows to be work (WorkEvidence), never a name alone.
        // A flag an entry point checks before it adds, refusing the work when it is set ("if (destroyed) return false;"), is the
        // component's teardown state wherever it is written: an idle check that sets it closes the door as Dispose would.
        this.CollectDoorFlags(candidates);

        foreach (var member in candidates)
        {
            if (WorkEvidence.Of(member, classifier, use, this.doorGuarded.Contains(member)) is { } tier)
            {
                this.pendingMembers.Add(member);
                this.tiers[member] = tier;
            }
            else if (this.HandsOutAndCompletesPromises(member, use, classifier))
            {
                this.pendingMembers.Add(member);
                this.tiers[member] = Confidence.Evidence;
            }
        }

        // Collections the component accepts its callers' work into, drained here or not: what an idle teardown strands.
        foreach (var member in candidates)
        {
            var adds = use.AddsTo(member);
            if (adds.Any(a => Acceptance.IsAccepted(a, calls)) && !Acceptance.IsLease(adds[0].Item) && !Acceptance.IsResource(WorkEvidence.ElementOf(MemberTypes.Of(member)!) ?? adds[0].Item)
                && !Acceptance.PersistedFirst(adds, candidates))
            {
                this.accepting.Add(member);
            }
        }

        this.teardownScope = this.TeardownScope(calls);
        foreach (var teardown in this.teardownScope)
        {
            this.CollectStateMembers(this.bodies[teardown], flagsOnly: false);
        }

        // A private teardown that no entry teardown reaches ("CheckIdle() { ... Destroy(); }") is the component's teardown
        // all the same; its flags are teardown state. What else it writes may be a resource it re-arms later
        // ("StopWatching() { timer = null; }"), so only flags count there.
        this.orphanTeardowns = new HashSet<IMethodSymbol>(
            this.bodies.Keys.Where(m => this.Classifier.IsTeardownMethod(m) && !this.teardownScope.Contains(m)), SymbolEqualityComparer.Default);
        foreach (var teardown in this.orphanTeardowns)
        {
            this.CollectStateMembers(this.bodies[teardown], flagsOnly: true);
        }

        // Second walk; the rules then build control flow graphs only where these say a finding is possible.
        var readsPending = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var readsState = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var writesStateHere = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var tearsDownPart = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var tearsDown = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var tearsDownThrough = new Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var pair in this.bodies)
        {
            var ownTeardowns = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var operation in pair.Value.DescendantsAndSelf())
            {
                if (WrittenMember(operation) is { } written && this.stateMembers.Contains(written))
                {
                    writesStateHere.Add(pair.Key);
                }

                switch (operation)
                {
                    case IInvocationOperation invocation:
                        if (classifier.IsPendingQuestion(invocation.TargetMethod, out _))
                        {
                            readsPending.Add(pair.Key);
                        }

                        if (classifier.IsTeardownMethod(invocation.TargetMethod))
                        {
                            // An own teardown tears down only if its body does ("Dispose() => Dispose(true)" with an empty
                            // Dispose(bool), or "DestroyDuplicates(others)" that acts on other objects, do not).
                            if (this.IsOwnMethod(invocation.TargetMethod))
                            {
                                ownTeardowns.Add(invocation.TargetMethod.OriginalDefinition);
                            }
                            else
                            {
                                tearsDown.Add(pair.Key);
                                if (this.IsComponentReceiver(invocation))
                                {
                                    tearsDownPart.Add(pair.Key);
                                }
                            }
                        }

                        // An add of the caller's own value is a dispatch even where the method also takes from another
                        // collection ("TryEnqueue(v) { hand v to a waiting dequeuer, else queue.Enqueue(v) }").
                        if (Names.IsAddMethod(invocation.TargetMethod.Name) && !InLambda(operation, pair.Value)
                            && (!use.MovesBetween(pair.Key, invocation.Instance is { } into ? this.OwnerOf(into) : null)
                                || Acceptance.CarriesCallerValue(invocation, pair.Key, pair.Value)))
                        {
                            this.mayAddWork.Add(pair.Key);
                            if (invocation.Instance is { } receiver && this.OwnerOf(receiver) is { } queue && !this.addsTo.ContainsKey(pair.Key))
                            {
                                this.addsTo[pair.Key] = queue;
                            }
                        }

                        break;
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer }
                        when !InLambda(operation, pair.Value) && !use.MovesBetween(pair.Key, indexer.Instance is { } table ? this.OwnerOf(table) : null):
                        this.mayAddWork.Add(pair.Key);
                        if (indexer.Instance is { } target && this.OwnerOf(target) is { } store && !this.addsTo.ContainsKey(pair.Key))
                        {
                            this.addsTo[pair.Key] = store;
                        }

                        break;
                    case IMemberReferenceOperation reference:
                        if (this.LooksPending(reference.Member) || classifier.IsPendingQuestion(reference.Member, out _))
                        {
                            readsPending.Add(pair.Key);
                        }

                        if (this.stateMembers.Contains(reference.Member))
                        {
                            readsState.Add(pair.Key);
                        }

                        if (reference.Member is IFieldSymbol field && classifier.IsTeardownValue(field))
                        {
                            tearsDown.Add(pair.Key);
                        }

                        break;
                }
            }

            tearsDownThrough[pair.Key] = ownTeardowns.ToImmutable();
        }

        // "Shutdown() { running = false; }" where the pump stops on that flag: the write strands what is queued.
        foreach (var teardown in this.teardownScope.Where(this.IsEntryTeardown))
        {
            if (this.bodies[teardown].DescendantsAndSelf().Any(o => WrittenMember(o) is { } written && this.StopsConsumer(written)))
            {
                tearsDown.Add(teardown);
            }
        }

        this.mayTearDown = Closure(tearsDown, tearsDownThrough);
        this.consulting = Closure(readsPending, calls);
        this.stateReaders = Closure(readsState, calls);
        this.writesState = Closure(writesStateHere, calls);

        // An orphan teardown counts where it takes the component down, itself or through a helper: it disposes a field or
        // records a flag. "DisposeValue(value) => value.Dispose()" frees a cache entry, not the cache.
        var component = Closure(new HashSet<IMethodSymbol>(writesStateHere.Concat(tearsDownPart), SymbolEqualityComparer.Default), calls);
        this.orphansTearingDownComponent = new HashSet<IMethodSymbol>(this.orphanTeardowns.Where(component.Contains), SymbolEqualityComparer.Default);
        this.PropagateAdds(calls);
        this.CollectInBandStops();
    }

    public INamedTypeSymbol Type { get; }

    public Classifier Classifier { get; }

    public IEnumerable<IMethodSymbol> Methods => this.bodies.Keys;

    public IEnumerable<ISymbol> PendingMembers => this.pendingMembers;

    public bool HasStateMembers => this.stateMembers.Count > 0;

    /// <summary>
    /// The value that closes the door for a flag an entry point checks before adding: <c>true</c> for "if (destroyed)
    /// return;", <c>false</c> for "if (!running) throw ...;". Null when the member is no such flag.
    /// </summary>
    public bool? ClosingValueOf(ISymbol member) => this.doorFlags.TryGetValue(member, out var value) ? value : null;

    /// <summary>
    /// <paramref name="member"/> is named in <paramref name="method"/> or in an own method it reaches: the teardown at least
    /// looks at it.
    /// </summary>
    public bool Mentions(IMethodSymbol method, ISymbol member) =>
        this.Reached(method).Any(m => this.bodies.TryGetValue(m, out var body)
            && body.DescendantsAndSelf().Any(o => o is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, member)));

    /// <summary>
    /// The collections <paramref name="method"/> (or an own method it reaches) empties or closes: takes from, clears or
    /// completes. What a teardown does to one collection it shows it believes about its siblings.
    /// </summary>
    public IEnumerable<ISymbol> DrainedBy(IMethodSymbol method)
    {
        var reached = this.Reached(method).ToList();
        foreach (var member in this.use.Candidates)
        {
            foreach (var m in reached)
            {
                if (!this.bodies.TryGetValue(m, out var body))
                {
                    continue;
                }

                if (body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(call =>
                    call.Instance is { } receiver && CollectionUse.OwnerOf(receiver, this.use.Candidates) is { } owner && SymbolEqualityComparer.Default.Equals(owner, member)
                    && (Names.IsTakeMethod(call.TargetMethod.Name) || call.TargetMethod.Name is "Clear" or "Complete" or "TryComplete" or "CompleteAdding")))
                {
                    yield return member;
                    break;
                }
            }
        }
    }

    private IEnumerable<IMethodSymbol> Reached(IMethodSymbol method)
    {
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var work = new Stack<IMethodSymbol>();
        work.Push(method.OriginalDefinition);
        while (work.Count > 0)
        {
            var next = work.Pop();
            if (!this.bodies.ContainsKey(next) || !seen.Add(next))
            {
                continue;
            }

            yield return next;
            foreach (var callee in this.use.Calls.TryGetValue(next, out var list) ? list : ImmutableArray<IMethodSymbol>.Empty)
            {
                work.Push(callee);
            }
        }
    }

    /// <summary>The method, or an own method it calls directly, takes items out of the pending work: a drain or a flush.</summary>
    public bool Drains(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        var callees = this.use.Calls.TryGetValue(definition, out var list) ? list : ImmutableArray<IMethodSymbol>.Empty;
        return this.pendingMembers.Any(m => this.use.AnyTakesFrom(m).Any(t =>
            SymbolEqualityComparer.Default.Equals(t.Method, definition) || callees.Contains(t.Method, SymbolEqualityComparer.Default)));
    }

    /// <summary>
    /// A consumer of the pending work reads <paramref name="stateMember"/>: setting it stops the consumer ("while (running)
    /// ... Dequeue()"), so what is still queued stays there.
    /// </summary>
    public bool StopsConsumer(ISymbol stateMember)
    {
        if (!this.stateMembers.Contains(stateMember))
        {
            return false;
        }

        foreach (var member in this.pendingMembers)
        {
            foreach (var take in this.use.AnyTakesFrom(member))
            {
                if (this.Classifier.IsTeardownMethod(take.Method))
                {
                    continue;
                }

                if (take.PlaceBody.DescendantsAndSelf().Any(o => o is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, stateMember)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Own collections the type accepts its callers' work into (<see cref="Acceptance"/>), whether or not its own code takes
    /// the work out again: a consumer elsewhere (a pool, the owner) may, and a teardown strands it all the same.
    /// </summary>
    public IEnumerable<ISymbol> AcceptingMembers => this.accepting;

    /// <summary>
    /// Some consumer of this type takes from its pending work in a <c>finally</c> or <c>catch</c>: it drains or fails what
    /// is left when it stops, so waiting for it after a teardown ("cts.Cancel(); await loop;") hands the work over.
    /// </summary>
    public bool DrainsOnExit => this.use.DrainsOnExit;

    /// <summary>Every teardown of the type: the entry teardowns, the helpers they call, and private teardowns of their own.</summary>
    public IEnumerable<IMethodSymbol> TeardownScopeMethods => this.teardownScope.Concat(this.orphanTeardowns);

    // Promises the type hands out through the member and completes, outside its teardown, when it takes them back: each is
    // a caller waiting on accepted work, whatever the waiter type looks like ("waiters.AddLast(w)" ... "head.Value.Trigger.TrySetResult()").
    private bool HandsOutAndCompletesPromises(ISymbol member, CollectionUse use, Classifier classifier) =>
        use.AddsTo(member).Count > 0
        && !use.IsInjected(member)
        && Promises.ItemsOf(MemberTypes.Of(member)) is not null
        && this.bodies.Any(pair => !classifier.IsTeardownMethod(pair.Key) && Promises.CompletionsOfItems(pair.Value, member).Any());

    /// <summary>True if the type could hold anything the rules look at: cheap, so types without it are skipped before any body is read.</summary>
    public static bool IsCandidate(INamedTypeSymbol type, Classifier classifier) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && (OwnMembers(type).Any(classifier.MayHoldWork)
            || type.GetMembers().OfType<IMethodSymbol>().Any(m => classifier.IsDecisionType(m.ReturnType)));

    /// <summary>
    /// One of the type's own members that the code shows to hold pending work, or another type's member (a base class, a
    /// context object) that is declared to: the evidence for another type's member lies in that type's code.
    /// </summary>
    public bool IsPendingMember(ISymbol symbol) =>
        this.IsOwnDeclaration(symbol) ? this.pendingMembers.Contains(symbol) : this.Classifier.IsDeclaredPending(symbol, out _);

    /// <summary>Reading it counts as looking at the work: pending work, or anything that looks like it (a consult may be generous).</summary>
    public bool LooksPending(ISymbol symbol) =>
        this.IsPendingMember(symbol) || (!this.IsRecord(symbol) && this.Classifier.LooksPending(symbol, out _));

    /// <summary>How sure the type's code makes it that <paramref name="member"/> holds pending work; null if it does not.</summary>
    public Confidence? ConfidenceOf(ISymbol member)
    {
        if (this.tiers.TryGetValue(member, out var tier))
        {
            return tier;
        }

        if (this.Classifier.IsDeclaredPending(member, out _))
        {
            return Confidence.Declared;
        }

        return this.Classifier.IsPendingQuestion(member, out _) ? Confidence.Heuristic : null;
    }

    /// <summary>The own pending-work member a read goes through: "work" in "work.Reader.Count", "queue" in "queue.IsEmpty".</summary>
    public ISymbol? PendingBehind(IOperation read)
    {
        for (var current = read; current is not null;)
        {
            switch (current)
            {
                case IMemberReferenceOperation reference when this.pendingMembers.Contains(reference.Member):
                    return reference.Member;
                case IMemberReferenceOperation reference:
                    current = reference.Instance;
                    break;
                case IInvocationOperation call:
                    current = call.Instance;
                    break;
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The strongest tier among <paramref name="members"/>; heuristic when none has one.</summary>
    public Confidence StrongestOf(IEnumerable<ISymbol> members)
    {
        var best = Confidence.Heuristic;
        foreach (var member in members)
        {
            if (this.ConfidenceOf(member) is { } tier && tier < best)
            {
                best = tier;
            }
        }

        return best;
    }

    /// <summary>A place where the type adds work to <paramref name="member"/>, to show with a finding; null if none is seen.</summary>
    public IOperation? AddSiteOf(ISymbol member) => this.use.AddsTo(member) is { Count: > 0 } adds ? adds[0].Operation : null;

    /// <summary>A place where the type takes work from <paramref name="member"/>, to show with a finding; null if none is seen.</summary>
    public IOperation? TakeSiteOf(ISymbol member) => this.use.TakesFrom(member) is { Count: > 0 } takes ? takes[0].Operation : null;

    /// <summary>
    /// Whether tearing down <paramref name="part"/> can strand the work: it is a part
    /// (a token source, a timer, an event, a pump) that the code feeding or draining the pending work uses. Disposing a
    /// diagnostics timer that no producer or consumer touches closes no door and drops nothing.
    /// </summary>
    public bool StopsWork(ISymbol part)
    {
        if (!this.IsOwnDeclaration(part))
        {
            return true;
        }

        lock (this.pendingMembers)
        {
            this.workParts ??= this.PartsTheWorkUses();
        }

        // Work whose consumer this type's code does not show may be stopped by any teardown.
        return this.workParts.Count == 0 || this.workParts.Contains(part) || this.pendingMembers.Contains(part);
    }

    // The parts of the component that feed or drain its pending work: the members the producers and consumers read (the
    // lambda or method around each add and take, and the own methods they call), and the members that drive them (a timer,
    // thread or task made with one of them: "checker = new Timer(_ => RunNext())"). Empty when no consumer is seen.
    private HashSet<ISymbol> PartsTheWorkUses()
    {
        var sites = this.pendingMembers.SelectMany(m => this.use.AddsTo(m).Concat(this.use.AnyTakesFrom(m))).ToList();
        var parts = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!this.pendingMembers.Any(m => this.use.AnyTakesFrom(m).Count > 0))
        {
            // No consumer in sight (declared work, a producer's end): nothing says which part stops it, so every teardown may.
            return parts;
        }

        var places = new HashSet<IOperation>(sites.Select(s => s.PlaceBody));
        var methods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IMethodSymbol>(places
            .SelectMany(p => p.DescendantsAndSelf().OfType<IInvocationOperation>()).Select(c => c.TargetMethod.OriginalDefinition)
            .Concat(sites.Where(s => SymbolEqualityComparer.Default.Equals(s.Place, s.Method)).Select(s => s.Method)));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!this.bodies.TryGetValue(next, out var body) || this.Classifier.IsTeardownMethod(next) || !methods.Add(next))
            {
                continue;
            }

            places.Add(body);
            foreach (var callee in this.use.Calls.TryGetValue(next, out var list) ? list : ImmutableArray<IMethodSymbol>.Empty)
            {
                pending.Push(callee);
            }
        }

        foreach (var place in places)
        {
            foreach (var operation in place.DescendantsAndSelf())
            {
                if (operation is IMemberReferenceOperation { Member: { IsStatic: false } member } && this.IsOwnDeclaration(member))
                {
                    parts.Add(member);
                }
            }
        }

        // Drivers: a member assigned or initialized with something that runs a producer or consumer.
        bool Drives(IOperation value) => value.DescendantsAndSelf().Any(o =>
            places.Contains(o)
            || o is IInvocationOperation { TargetMethod: { } target } && methods.Contains(target.OriginalDefinition)
            || o is IMethodReferenceOperation { Method: { } referenced } && methods.Contains(referenced.OriginalDefinition));
        foreach (var pair in this.initializers)
        {
            if (Drives(pair.Value))
            {
                parts.Add(pair.Key);
            }
        }

        foreach (var body in this.bodies.Values)
        {
            foreach (var assignment in body.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IMemberReferenceOperation { Member: { } driver } && this.IsOwnDeclaration(driver) && Drives(assignment.Value))
                {
                    parts.Add(driver);
                }
            }
        }

        return parts;
    }

    /// <summary>
    /// <paramref name="method"/> takes the next items from <paramref name="member"/> itself: it is the pump ("Run() { Post(first);
    /// while (...) Execute(queue.Take()); }"), and what it adds it runs, before anything can tear it down.
    /// </summary>
    public bool PumpsIn(IMethodSymbol method, ISymbol member) =>
        this.use.AnyTakesFrom(member).Any(t => SymbolEqualityComparer.Default.Equals(t.Place, method.OriginalDefinition)
            && t.Operation is IInvocationOperation { TargetMethod.Name: var name } && Names.IsTakeNextMethod(name));

    /// <summary>Where <paramref name="method"/> itself adds to <paramref name="member"/>, if it does so directly.</summary>
    public IOperation? AddSiteIn(IMethodSymbol method, ISymbol member) =>
        this.use.AddsTo(member).FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Method, method)).Operation;

    /// <summary>The teardown to show with a finding: an entry teardown that records its state, else any that tears down.</summary>
    public IMethodSymbol? TeardownSite() =>
        this.teardownScope.Where(this.IsEntryTeardown).OrderBy(m => this.WritesState(m) ? 0 : 1).ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0).FirstOrDefault()
        ?? this.orphanTeardowns.FirstOrDefault();

    private bool IsOwnDeclaration(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, this.Type.OriginalDefinition);

    // "readonly Channel<T> work = Channel.CreateUnbounded<T>()" is made here; "Queue<T> queue = queue" (a primary constructor's
    // parameter) is handed in. Read off the syntax: initializers belong to no method body.
    private static void RecordInitializers(IEnumerable<ISymbol> members, CollectionUse use)
    {
        foreach (var member in members)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var value = reference.GetSyntax() switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (value is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax)
                {
                    use.RecordInitializer(member, created: false);
                }
                else if (value is not null)
                {
                    use.RecordInitializer(member, created: true);
                }
            }
        }
    }

    public bool IsStateMember(ISymbol symbol) => this.stateMembers.Contains(symbol);

    public bool IsOwnMethod(IMethodSymbol method) => this.bodies.ContainsKey(method.OriginalDefinition) || this.bodies.ContainsKey(method);

    public bool IsOwnMember(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, this.Type)
        || this.Type.BaseType is { } baseType && InheritsFrom(baseType, symbol.ContainingType);

    public bool Consults(IMethodSymbol method) => this.consulting.Contains(method.OriginalDefinition);

    public bool ReadsState(IMethodSymbol method) => this.stateReaders.Contains(method.OriginalDefinition);

    /// <summary>The method, or an own method it calls, writes the teardown state ("closes the door").</summary>
    public bool WritesState(IMethodSymbol method) => this.writesState.Contains(method.OriginalDefinition);

    /// <summary>
    /// A private teardown no entry teardown calls ("CheckIdle() { if (idle) Destroy(); }"): the methods that call it are
    /// judged for it (TRK001), since nothing else would be.
    /// </summary>
    public bool CallsOrphanTeardown(IMethodSymbol method) =>
        !this.orphanTeardowns.Contains(method)
        && this.use.Calls.TryGetValue(method, out var callees)
        && callees.Any(this.orphansTearingDownComponent.Contains);

    // "Dispose()", "this.Stop()", "timer.Dispose()", "timer?.Dispose()" on an own instance field: the component or a part of it.
    private bool IsComponentReceiver(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance;
        if (receiver is IConditionalAccessInstanceOperation)
        {
            for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    receiver = access.Operation;
                    break;
                }
            }
        }

        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver switch
        {
            null => !invocation.TargetMethod.IsStatic,
            IInstanceReferenceOperation => true,
            IMemberReferenceOperation { Member: { IsStatic: false } member, Instance: null or IInstanceReferenceOperation } => this.IsOwnMember(member),
            _ => false,
        };
    }

    /// <summary>An own collection that holds no work: only read as a whole, never taken from (an event log).</summary>
    public bool IsRecord(ISymbol member) =>
        this.IsOwnDeclaration(member) && !this.pendingMembers.Contains(member) && this.Classifier.LooksPending(member, out _);

    /// <summary>The body calls a teardown or names a <c>[Teardown]</c> value directly: only then can a path in it tear down.</summary>
    public bool MayTearDown(IMethodSymbol method) => this.mayTearDown.Contains(method);

    /// <summary>The body calls an add method (<c>Enqueue</c>, <c>TryWrite</c>, ...) or assigns through an indexer: only then can it add work.</summary>
    public bool MayAddWork(IMethodSymbol method) => this.mayAddWork.Contains(method);

    /// <summary>
    /// The own pending-work member a call to <paramref name="method"/> adds to, directly or through
    /// the helpers it calls ("Post" calling a private "EnqueueLocked"); null if it adds to none.
    /// </summary>
    public ISymbol? AddedBy(IMethodSymbol method) => this.addsTo.TryGetValue(method.OriginalDefinition, out var queue) ? queue : null;

    /// <summary>Pending work visible to <paramref name="method"/>: the type's own, or members of its parameters' types (a context object).</summary>
    public IEnumerable<ISymbol> PendingWorkVisibleTo(IMethodSymbol method) =>
        this.pendingMembers.Concat(method.Parameters.SelectMany(p => AllMembers(p.Type)).Where(m => m is IFieldSymbol or IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } && (this.Classifier.IsPendingQuestion(m, out _) || this.Classifier.IsDeclaredPending(m, out _))));

    public MethodFlow? FlowOf(IMethodSymbol method)
    {
        // The facts are shared by the rules, which run concurrently; a graph is built once, by the first to ask.
        lock (this.flows)
        {
            if (!this.flows.TryGetValue(method, out var flow))
            {
                flow = this.bodies.TryGetValue(method, out var body) ? EventCollector.Build(this, method, body) : null;
                this.flows[method] = flow;
            }

            return flow;
        }
    }

    /// <summary>
    /// The lock or semaphore that guards <paramref name="pendingMember"/>: named by <c>[GuardedBy]</c>, or
    /// held at every place a non-teardown method adds work to it. Null when there is none.
    /// </summary>
    public ISymbol? GuardOf(ISymbol pendingMember)
    {
        lock (this.guards)
        {
            return this.GuardOfLocked(pendingMember);
        }
    }

    private ISymbol? GuardOfLocked(ISymbol pendingMember)
    {
        if (this.guards.TryGetValue(pendingMember, out var guard))
        {
            return guard;
        }

        if (Classifier.FindMarker(pendingMember, this.Classifier.Known.GuardedByAttribute) is { ConstructorArguments.Length: 1 } marker && marker.ConstructorArguments[0].Value is string name)
        {
            guard = this.Type.GetMembers(name).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol);
        }
        else
        {
            guard = this.InferGuard(pendingMember);
        }

        this.guards[pendingMember] = guard;
        return guard;
    }

    /// <summary>The operation tree of one of the type's own methods.</summary>
    public IOperation BodyOf(IMethodSymbol method) => this.bodies[method];

    private ISymbol? InferGuard(ISymbol pendingMember)
    {
        HashSet<ISymbol>? common = null;
        foreach (var method in this.mayAddWork)
        {
            if (!Names.IsNamedMethod(method) || this.Classifier.IsTeardownMethod(method) || this.FlowOf(method) is not { } flow)
            {
                continue;
            }

            // A private helper ("EnqueueLocked") may run under its callers' lock, which its own body does not show, and a
            // call to a helper may be guarded inside it ("EnqueueCore() { lock (gate) { ... } }"): an add site without a
            // lock in sight counts only when it is a direct add in a method others call.
            var helper = IsPrivateHelper(method);
            var candidates = flow.Guards.ToList();
            PathExplorer.Explore(flow, new HeldGuards(0), (ref HeldGuards state, in PathEvent e) =>
            {
                switch (e.Kind)
                {
                    case PathEventKind.Acquire:
                        state = new HeldGuards(state.Mask | flow.GuardBit(e.Symbol));
                        break;
                    case PathEventKind.Release:
                        state = new HeldGuards(state.Mask & ~flow.GuardBit(e.Symbol));
                        break;
                    case PathEventKind.AddWork when SymbolEqualityComparer.Default.Equals(e.Symbol, pendingMember):
                        var atThisWrite = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                        foreach (var candidate in candidates)
                        {
                            if (((state.Mask | e.EnclosingLocks) & flow.GuardBit(candidate)) != 0)
                            {
                                atThisWrite.Add(candidate);
                            }
                        }

                        if (atThisWrite.Count == 0 && (helper || this.IsHelperCall(e.Operation)))
                        {
                            break;
                        }

                        if (common is null)
                        {
                            common = atThisWrite;
                        }
                        else
                        {
                            common.IntersectWith(atThisWrite);
                        }

                        break;
                }

                return PathVerdict.Continue;
            });
        }

        return common?.FirstOrDefault(g => g is IFieldSymbol or IPropertySymbol);
    }

    /// <summary>
    /// An add made by calling one of the type's own methods ("EnqueueCore(x)"): the callee's body holds the add
    /// and the guard around it, so the guard is inferred there, not at the call.
    /// </summary>
    public bool IsHelperCall(IOperation add) => add is IInvocationOperation call && this.IsOwnMethod(call.TargetMethod);

    private bool IsPrivateHelper(IMethodSymbol method) =>
        method is { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } && !this.Classifier.IsDeclaredDispatch(method);

    /// <summary>
    /// A pending-work member the type completes (<c>Complete</c>, <c>TryComplete</c>, <c>CompleteAdding</c>, anywhere), or
    /// into which a teardown puts its stop command: it refuses new work by itself, or its consumer does.
    /// </summary>
    public bool IsSelfClosing(ISymbol member) => this.selfClosing.Contains(member);

    private ISymbol? OwnerOf(IOperation receiver) => CollectionUse.OwnerOf(receiver, this.pendingMembers);

    private static bool InLambda(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A teardown others call: not private, an explicit interface implementation, or marked/configured. A private
    /// "StopWatching()" helper tears down one resource for its callers; it is judged as part of them.
    /// </summary>
    public bool IsEntryTeardown(IMethodSymbol method) =>
        this.Classifier.IsTeardownMethod(method)
        && (method.DeclaredAccessibility != Accessibility.Private || method.MethodKind == MethodKind.ExplicitInterfaceImplementation || this.Classifier.IsDeclaredTeardown(method));

    // The entry teardowns and the own teardown helpers they reach: where the component's teardown state is written.
    private HashSet<IMethodSymbol> TeardownScope(Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> calls)
    {
        var scope = new HashSet<IMethodSymbol>(this.bodies.Keys.Where(this.IsEntryTeardown), SymbolEqualityComparer.Default);
        var work = new Stack<IMethodSymbol>(scope);
        while (work.Count > 0)
        {
            foreach (var callee in calls.TryGetValue(work.Pop(), out var list) ? list : ImmutableArray<IMethodSymbol>.Empty)
            {
                if (this.bodies.ContainsKey(callee) && this.Classifier.IsTeardownMethod(callee) && scope.Add(callee))
                {
                    work.Push(callee);
                }
            }
        }

        return scope;
    }

    // A teardown that puts a stop command into the queue (Deactivate() => Schedule("deactivate")) closes it in-band:
    // work added later is taken after the stop, where the consumer refuses it. "Dispose() { Flush(); }" putting the last
    // batch in is no stop.
    private void CollectInBandStops()
    {
        foreach (var teardown in this.TeardownScopeMethods)
        {
            foreach (var invocation in this.bodies[teardown].DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                var target = invocation.TargetMethod;
                var queue = Names.IsAddMethod(target.Name) && invocation.Instance is { } receiver ? this.OwnerOf(receiver)
                    : this.IsOwnMethod(target) && target.DeclaredAccessibility == Accessibility.Private && !this.Classifier.IsTeardownMethod(target) ? this.AddedBy(target)
                    : null;
                if (queue is not null && invocation.Arguments.Any(a => IsCommand(a.Value)))
                {
                    this.selfClosing.Add(queue);
                }
            }
        }
    }

    // A constant, a static or readonly member, a new object without arguments, or one whose type names a teardown
    // ("new Command.Deactivate(reason)").
    private static bool IsCommand(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            ILiteralOperation => true,
            IFieldReferenceOperation { Field: var field } => field.IsStatic || field.IsReadOnly || field.IsConst,
            IObjectCreationOperation { Arguments.Length: 0 } => true,
            IObjectCreationOperation { Type: { } command } => Names.StartsWithAny(command.Name, Names.TeardownPrefixes),
            _ => false,
        };
    }

    private void CollectDoorFlags(HashSet<ISymbol> candidates)
    {
        foreach (var pair in this.bodies)
        {
            if (this.Classifier.IsTeardownMethod(pair.Key) || pair.Key.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
            {
                continue;
            }

            var addCalls = pair.Value.DescendantsAndSelf().OfType<IInvocationOperation>()
                .Where(i => Names.IsAddMethod(i.TargetMethod.Name) && i.Instance is { } receiver && CollectionUse.OwnerOf(receiver, candidates) is not null)
                .ToList();
            var adds = addCalls.Select(i => i.Syntax.SpanStart).ToList();
            if (adds.Count == 0)
            {
                continue;
            }

            foreach (var test in pair.Value.DescendantsAndSelf().OfType<IConditionalOperation>())
            {
                if (test.WhenTrue is not { } refusal || !adds.Any(a => a > refusal.Syntax.Span.End) || !Refuses(refusal))
                {
                    continue;
                }

                if (FlagTest(test.Condition) is { } flag && this.IsOwnMember(flag.Member) && IsOwnDeclaration(flag.Member) && !candidates.Contains(flag.Member))
                {
                    this.doorFlags[flag.Member] = flag.ClosedWhen;
                    this.stateMembers.Add(flag.Member);
                    foreach (var add in addCalls.Where(a => a.Syntax.SpanStart > refusal.Syntax.Span.End))
                    {
                        this.doorGuarded.Add(CollectionUse.OwnerOf(add.Instance!, candidates)!);
                    }
                }
            }

            // "ObjectDisposedException.ThrowIf(disposed, this);" is the same refusal, spelled as a call.
            foreach (var guard in pair.Value.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (guard.TargetMethod is { Name: "ThrowIf", IsStatic: true, ContainingType.Name: "ObjectDisposedException" } && guard.Arguments.Length > 0
                    && adds.Any(a => a > guard.Syntax.Span.End) && FlagTest(guard.Arguments[0].Value) is { } thrown
                    && this.IsOwnMember(thrown.Member) && IsOwnDeclaration(thrown.Member) && !candidates.Contains(thrown.Member))
                {
                    this.doorFlags[thrown.Member] = thrown.ClosedWhen;
                    this.stateMembers.Add(thrown.Member);
                    foreach (var add in addCalls.Where(a => a.Syntax.SpanStart > guard.Syntax.Span.End))
                    {
                        this.doorGuarded.Add(CollectionUse.OwnerOf(add.Instance!, candidates)!);
                    }
                }
            }
        }

        // The branch turns the caller away: it throws, or returns nothing, false, null, a default or a failed task. A branch
        // that returns a real answer ("if (!locked) { locked = true; return acquired; }") is a fast path, not a refusal.
        static bool Refuses(IOperation branch)
        {
            var last = branch is IBlockOperation block ? block.Operations.LastOrDefault() : branch;
            return last switch
            {
                IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
                IReturnOperation { ReturnedValue: null } => true,
                IReturnOperation { ReturnedValue: { } value } => IsRefusalValue(value),
                _ => false,
            };
        }

        static bool IsRefusalValue(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IDefaultValueOperation
                || value.ConstantValue is { HasValue: true, Value: null or false }
                || value is IInvocationOperation { TargetMethod.Name: "FromException" or "FromCanceled" }
                || value is IObjectCreationOperation { Arguments.Length: 1 } created && created.Arguments[0].Value is IInvocationOperation { TargetMethod.Name: "FromException" or "FromCanceled" }
                || value is IFieldReferenceOperation { Field.IsStatic: true } or IPropertyReferenceOperation { Property.IsStatic: true };
        }
    }

    // "destroyed", "this.disposed", "!running", "disposed || x": the bool member the condition tests and the value that refuses.
    private static (ISymbol Member, bool ClosedWhen)? FlagTest(IOperation condition)
    {
        while (condition is IConversionOperation conversion)
        {
            condition = conversion.Operand;
        }

        return condition switch
        {
            IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol, Type.SpecialType: SpecialType.System_Boolean, Instance: null or IInstanceReferenceOperation } flag => (flag.Member, true),
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } => FlagTest(operand) is { } inner ? (inner.Member, !inner.ClosedWhen) : null,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either => FlagTest(either.LeftOperand) ?? FlagTest(either.RightOperand),
            _ => null,
        };
    }

    private void CollectStateMembers(IOperation body, bool flagsOnly)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (WrittenMember(operation) is { } written && this.IsOwnMember(written) && !this.pendingMembers.Contains(written)
                && (!flagsOnly || IsFlag(written)))
            {
                this.stateMembers.Add(written);
            }
        }
    }

    // "disposed = true", "Interlocked.Exchange(ref state, Closed)", "cts.Cancel()": an instance member written.
    private static ISymbol? WrittenMember(IOperation operation)
    {
        var written = operation switch
        {
            IAssignmentOperation { Target: IMemberReferenceOperation target } => target.Member,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: IMemberReferenceOperation target } => target.Member,
            IInvocationOperation { TargetMethod.Name: "Cancel" or "CancelAsync", Instance: IMemberReferenceOperation cts }
                when KnownSymbols.IsThreadingType(cts.Type, "CancellationTokenSource") => cts.Member,
            _ => null,
        };
        return written is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false } ? written : null;
    }

    // A bool, number, enum or token source: what a teardown records, not a resource it frees.
    private static bool IsFlag(ISymbol member) =>
        MemberTypes.Of(member) is { } type
        && (type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64
            || type.TypeKind == TypeKind.Enum
            || KnownSymbols.IsThreadingType(type, "CancellationTokenSource"));

    // A method that calls a helper which adds work adds that work too; teardowns are left out, their adds are not dispatches.
    private void PropagateAdds(Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> calls)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var pair in calls)
            {
                if (this.addsTo.ContainsKey(pair.Key) || this.Classifier.IsTeardownMethod(pair.Key))
                {
                    continue;
                }

                foreach (var callee in pair.Value)
                {
                    if (this.addsTo.TryGetValue(callee, out var queue))
                    {
                        this.addsTo[pair.Key] = queue;
                        this.mayAddWork.Add(pair.Key);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    // The seed methods plus every method of this type that calls one of them, to a fixpoint.
    private static HashSet<IMethodSymbol> Closure(HashSet<IMethodSymbol> seeds, Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> calls)
    {
        var result = new HashSet<IMethodSymbol>(seeds, SymbolEqualityComparer.Default);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var pair in calls)
            {
                if (!result.Contains(pair.Key) && pair.Value.Any(result.Contains))
                {
                    changed |= result.Add(pair.Key);
                }
            }
        }

        return result;
    }

    private static IEnumerable<ISymbol> OwnMembers(INamedTypeSymbol type) =>
        type.GetMembers().Where(m => !m.IsStatic && m is IFieldSymbol or IPropertySymbol);

    private static IEnumerable<ISymbol> AllMembers(ITypeSymbol type) =>
        type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers()));

    private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? candidate)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate?.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
