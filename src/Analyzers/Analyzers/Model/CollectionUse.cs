using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// How a type's methods use the collections that may hold its pending work, from one walk over their
/// bodies: who calls whom, which collections are taken from or handed to someone else, which are only
/// read as a whole (a record, not work), which are completed, which methods move items from one
/// collection into another, and whether some consumer drains what is left when it stops.
/// </summary>
internal sealed class CollectionUse
{
    private readonly HashSet<ISymbol> consumed = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> readInBulk = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<ISymbol>> takenBy = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> drainers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<WorkSite>> adds = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<WorkSite>> takes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<WorkSite>> anyTakes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<WorkSite>> queried = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> signalled = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> injected = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> created = new(SymbolEqualityComparer.Default);

    /// <param name="bodies">The type's own method bodies.</param>
    /// <param name="candidates">The members that may hold work.</param>
    /// <param name="isTeardown">
    /// Whether a method is a teardown. An add there is its stop command or its last flush, not a dispatch; a take there is its
    /// cleanup ("foreach (var c in clients) c.Dispose(); clients.Clear();"), not a consumer. A constructor seeds, it does not
    /// dispatch either, but the callbacks it registers do.
    /// </param>
    public CollectionUse(IReadOnlyDictionary<IMethodSymbol, IOperation> bodies, HashSet<ISymbol> candidates, System.Func<IMethodSymbol, bool> isTeardown)
    {
        this.Candidates = candidates;
        var calledOnExit = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var drainsHere = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var pair in bodies)
        {
            var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
            var readHere = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var clearedHere = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var addedHere = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var takenOnExitHere = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var exit = new ExitRegions(pair.Value);
            var aliases = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
            var uses = new LocalUses(pair.Value, candidates, isTeardown);
            var teardown = isTeardown(pair.Key);
            bool IsDispatch(IOperation site) => !teardown && (pair.Key.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor) || InCallback(site));
            bool IsConsumer(IOperation site) => !teardown || InCallback(site);
            var takesHere = new List<(ISymbol Member, Microsoft.CodeAnalysis.Text.TextSpan Span)>();
            var loops = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            var loopsOver = new List<(ISymbol Member, IForEachLoopOperation Loop)>();
            var snapshots = new List<(ILocalSymbol Batch, ISymbol Member, IOperation Copy)>();
            foreach (var operation in pair.Value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator when OwnerOf(initial, candidates, aliases) is { } aliased:
                        // "var writer = channel.Writer; ... writer.TryComplete();" acts on the channel.
                        aliases[declarator.Symbol] = aliased;
                        break;
                    case IVariableDeclaratorOperation { Initializer.Value: IInvocationOperation copy } declarator when BulkRead(copy, candidates) is { } copied:
                        // "var batch = pending.ToArray(); pending.Clear();": the batch is what was taken.
                        snapshots.Add((declarator.Symbol, copied, copy));
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation batch, Value: IInvocationOperation copy } when BulkRead(copy, candidates) is { } copied:
                        snapshots.Add((batch.Local, copied, copy));
                        break;
                    case ILoopOperation loop:
                        loops.Add(loop.Syntax.Span);
                        break;
                }

                switch (operation)
                {
                    case IInvocationOperation invocation:
                        var target = invocation.TargetMethod.OriginalDefinition;
                        callees.Add(target);
                        if (bodies.ContainsKey(target) && exit.Contains(invocation))
                        {
                            calledOnExit.Add(target);
                        }

                        if (BulkRead(invocation, candidates) is { } snapshot)
                        {
                            this.readInBulk.Add(snapshot);
                            readHere.Add(snapshot);
                        }

                        if (invocation.Instance is { } receiver && OwnerOf(receiver, candidates, aliases) is { } member)
                        {
                            if (invocation.TargetMethod.Name == "Clear")
                            {
                                clearedHere.Add(member);
                            }

                            if (Names.IsAddMethod(invocation.TargetMethod.Name))
                            {
                                addedHere.Add(member);
                                if (IsDispatch(invocation))
                                {
                                    this.RecordAdd(member, pair.Key, pair.Value, invocation, invocation.Arguments.Select(a => a.Value));
                                }
                            }
                            else if (Names.IsTakeMethod(invocation.TargetMethod.Name))
                            {
                                this.consumed.Add(member);
                                this.TakenIn(pair.Key).Add(member);
                                Record(this.anyTakes, member, Site(pair.Key, pair.Value, invocation));
                                if (IsConsumer(invocation) && PutsToWork(invocation, uses, WorkEvidence.IsRunnable(WorkEvidence.ElementOf(MemberTypes.Of(member)!))))
                                {
                                    Record(this.takes, member, Site(pair.Key, pair.Value, invocation));
                                }

                                takesHere.Add((member, invocation.Syntax.Span));
                                if (exit.Contains(invocation))
                                {
                                    takenOnExitHere.Add(member);
                                }
                            }
                            else if (invocation.TargetMethod.ReturnType is { SpecialType: not SpecialType.System_Void } answer && IsConsumer(invocation)
                                && MemberTypes.Of(member) is { } holder && Classifier.IsUserHolder(holder))
                            {
                                // "store.GetByStatus(Waiting)" on a store of the user's own: what comes out, matched with what went in.
                                Record(this.queried, member, Site(pair.Key, pair.Value, invocation, answer));
                            }

                            // Completing a channel or collection anywhere (a lifecycle hook, a local function) closes it to new work.
                            if (invocation.TargetMethod.Name is "Complete" or "TryComplete" or "CompleteAdding")
                            {
                                this.Completed.Add(member);
                            }
                        }

                        break;
                    case IPropertyReferenceOperation { Property.GetMethod: { } getter }:
                        callees.Add(getter.OriginalDefinition);
                        break;
                    case IForEachLoopOperation loop when OwnerOf(loop.Collection, candidates) is { } listed:
                        this.readInBulk.Add(listed);
                        readHere.Add(listed);
                        loopsOver.Add((listed, loop));
                        break;
                    case ISimpleAssignmentOperation { Target: { } replaced } assignment when OwnerOf(replaced, candidates) is { } swapped:
                        // "batch = pending.ToArray(); pending = new List<T>();" takes the whole batch: like a Clear.
                        clearedHere.Add(swapped);
                        this.RecordOrigin(swapped, assignment.Value);
                        break;
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } table } } store
                        when OwnerOf(table, candidates) is { } indexed && IsDispatch(store):
                        // "pending[id] = reply;"
                        this.RecordAdd(indexed, pair.Key, pair.Value, store, new[] { store.Value });
                        break;
                }

                if (HandedOut(operation, candidates) is { } escaped)
                {
                    this.consumed.Add(escaped);
                    if (operation is IVariableInitializerOperation { Value: IPropertyReferenceOperation { Property.Name: "Reader" } })
                    {
                        // "var reader = channel.Reader;": this method reads the channel.
                        this.TakenIn(pair.Key).Add(escaped);
                    }
                }
            }

            this.Calls[pair.Key] = callees.ToImmutable();

            // "while (running) { Run(queue.Take()); } foreach (var left in queue) Fail(left);": what the loop left is taken after it.
            foreach (var (member, span) in takesHere)
            {
                if (loops.Any(loop => loop.End <= span.Start && takesHere.Any(t => SymbolEqualityComparer.Default.Equals(t.Member, member) && loop.Contains(t.Span))))
                {
                    takenOnExitHere.Add(member);
                }
            }

            // "foreach (var x in batch) Send(x); batch.Clear();" flushes the batch: a consumer. A "Reset() => events.Clear()"
            // on its own only forgets a record.
            clearedHere.IntersectWith(readHere);
            this.consumed.UnionWith(clearedHere);
            foreach (var (batch, copied, copy) in snapshots)
            {
                if (clearedHere.Contains(copied) && IsConsumer(copy) && uses.PutsToWork(batch, runnable: false))
                {
                    Record(this.takes, copied, Site(pair.Key, pair.Value, copy));
                    Record(this.anyTakes, copied, Site(pair.Key, pair.Value, copy));
                }
            }

            foreach (var (flushed, loop) in loopsOver)
            {
                if (clearedHere.Contains(flushed) && IsConsumer(loop) && LoopPutsToWork(loop, uses, WorkEvidence.IsRunnable(WorkEvidence.ElementOf(MemberTypes.Of(flushed)!))))
                {
                    Record(this.takes, flushed, Site(pair.Key, pair.Value, loop));
                }
            }

            // A take on the way out drains what is left, unless the method put it there itself: "pending.TryAdd(id, tcs); try
            // { await tcs.Task; } finally { pending.TryRemove(id, out _); }" is a producer cleaning up its own entry.
            takenOnExitHere.ExceptWith(addedHere);
            if (takenOnExitHere.Count > 0)
            {
                drainsHere.Add(pair.Key);
            }

            if (this.takenBy.TryGetValue(pair.Key, out var taken) && !taken.Overlaps(addedHere))
            {
                this.drainers.Add(pair.Key);
            }
        }

        // "finally { CancelQueuedOperations(); }" drains through a helper that only takes.
        this.DrainsOnExit = drainsHere.Count > 0 || calledOnExit.Any(this.drainers.Contains);
    }

    /// <summary>The type's members that may hold work (what the walk looked at).</summary>
    public HashSet<ISymbol> Candidates { get; }

    /// <summary>The own methods and getters each method calls.</summary>
    public Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> Calls { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Collections some method completes (<c>Complete</c>, <c>TryComplete</c>, <c>CompleteAdding</c>).</summary>
    public HashSet<ISymbol> Completed { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Some consumer takes from a collection in a <c>finally</c> or <c>catch</c>, directly or through a helper: it drains
    /// or fails what is left when it stops.
    /// </summary>
    public bool DrainsOnExit { get; }

    /// <summary>Where the type adds work to <paramref name="member"/> on a dispatch path, constants left out.</summary>
    public IReadOnlyList<WorkSite> AddsTo(ISymbol member) => this.adds.TryGetValue(member, out var sites) ? sites : (IReadOnlyList<WorkSite>)System.Array.Empty<WorkSite>();

    /// <summary>Where the type takes an item from <paramref name="member"/> and puts it to work (runs, awaits, answers or passes it on).</summary>
    public IReadOnlyList<WorkSite> TakesFrom(ISymbol member) => this.takes.TryGetValue(member, out var sites) ? sites : (IReadOnlyList<WorkSite>)System.Array.Empty<WorkSite>();

    /// <summary>Calls on a store of the user's own that answer something ("store.GetByStatus(...)"), with the answer's type.</summary>
    public IReadOnlyList<WorkSite> QueriesOf(ISymbol member) => this.queried.TryGetValue(member, out var sites) ? sites : (IReadOnlyList<WorkSite>)System.Array.Empty<WorkSite>();

    /// <summary>Every place the type takes from <paramref name="member"/>, whatever it does with the item: where its consumers are.</summary>
    public IReadOnlyList<WorkSite> AnyTakesFrom(ISymbol member) => this.anyTakes.TryGetValue(member, out var sites) ? sites : (IReadOnlyList<WorkSite>)System.Array.Empty<WorkSite>();

    /// <summary>Everything put into <paramref name="member"/> is a constant ("signal.Writer.TryWrite(true)"): a wake-up call, not work.</summary>
    public bool OnlySignals(ISymbol member) => this.signalled.Contains(member) && !this.adds.ContainsKey(member);

    /// <summary>Assigned from a parameter (or something a parameter holds) and never created here: someone else owns it.</summary>
    public bool IsInjected(ISymbol member) => this.injected.Contains(member) && !this.created.Contains(member);

    /// <summary>Read as a whole (<c>ToArray</c>, LINQ, <c>foreach</c>) but never taken from nor handed out: a record.</summary>
    public bool IsRecord(ISymbol member) => this.readInBulk.Contains(member) && !this.consumed.Contains(member);

    /// <summary>
    /// A consumer that moves what it takes from one collection into another ("inflight.Add(reader.TryRead(...))") is not
    /// dispatching; a method that adds to a collection and takes from that same one ("pending.Add(tcs); ...
    /// pending.Remove(tcs)") still is.
    /// </summary>
    public bool MovesBetween(IMethodSymbol method, ISymbol? into) =>
        this.takenBy.TryGetValue(method, out var taken) && taken.Any(from => !SymbolEqualityComparer.Default.Equals(from, into));

    /// <summary>"queue", "this.channel.Writer": the member of <paramref name="members"/> behind a receiver.</summary>
    public static ISymbol? OwnerOf(IOperation receiver, HashSet<ISymbol> members, IReadOnlyDictionary<ISymbol, ISymbol>? aliases = null)
    {
        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver switch
        {
            IPropertyReferenceOperation { Property.Name: "Writer" or "Reader", Instance: { } owner } when OwnerOf(owner, members, aliases) is { } channel => channel,
            IMemberReferenceOperation reference when members.Contains(reference.Member) => reference.Member,
            ILocalReferenceOperation local when aliases is not null && aliases.TryGetValue(local.Local, out var aliased) => aliased,
            _ => null,
        };
    }

    // A take that hands an item over to be done: the next one ("TryDequeue(out var next)", "Take()", "ReadAsync()") or, when
    // items are replies or callbacks, one by key ("pending.TryRemove(id, out var reply)"), which the code then runs, awaits,
    // answers or passes on. An LRU list
    // that moves its entries to a sibling queue, a registry that forgets an entry ("TryRemove(id, out _)", "Remove(handler)")
    // and a drain that drops what it takes put nothing to work.
    private static bool PutsToWork(IInvocationOperation take, LocalUses uses, bool runnable)
    {
        var next = Names.IsTakeNextMethod(take.TargetMethod.Name)
            || (take.TargetMethod.Name == "RemoveAt" && take.Arguments.Length == 1 && take.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 });
        foreach (var argument in take.Arguments)
        {
            var value = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
            if (argument.Parameter?.RefKind == RefKind.Out && value is ILocalReferenceOperation { Local: { } taken })
            {
                // By key, only what someone waits on or runs is work: an in-flight table of replies. A registry hands out the
                // connection or subscription it forgets, and its caller does something with it, but no work was pending.
                return (next || runnable) && uses.PutsToWork(taken, runnable);
            }

            if (argument.Parameter?.RefKind == RefKind.Out && value is IParameterReferenceOperation)
            {
                // "public bool TryTake(out Action work) => queue.TryDequeue(out work);" hands the item to the caller, like a return.
                return runnable;
            }
        }

        if (!next)
        {
            return false;
        }

        // "var item = queue.Dequeue();", "var item = await reader.ReadAsync();", "foreach (var item in queue.GetConsumingEnumerable())",
        // or used at once: "queue.Dequeue()()", "Run(await reader.ReadAsync())".
        IOperation current = take;
        while (current.Parent is IAwaitOperation or IConversionOperation || current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" or "GetAsyncEnumerator" })
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => uses.PutsToWork(declarator.Symbol, runnable),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } assignment when assignment.Value == current => uses.PutsToWork(assigned.Local, runnable),
            IForEachLoopOperation loop when loop.Collection == current || loop.Collection.DescendantsAndSelf().Contains(current) => LoopPutsToWork(loop, uses, runnable),
            { } parent => uses.DoesWork(current, parent, runnable),
            _ => false,
        };
    }

    // A loop over what was taken, or over the collection before it is cleared: its iteration variable is the item.
    private static bool LoopPutsToWork(IForEachLoopOperation loop, LocalUses uses, bool runnable) =>
        loop.Locals.Any(local => uses.PutsToWork(local, runnable));

    // Inside a lambda or local function: a callback that runs later, on its own path.
    private static bool InCallback(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private void RecordAdd(ISymbol member, IMethodSymbol method, IOperation body, IOperation add, IEnumerable<IOperation> values)
    {
        if (values.All(IsConstant))
        {
            this.signalled.Add(member);
            return;
        }

        var item = values.Select(v => v is IArgumentOperation argument ? argument.Value : v).LastOrDefault(v => !IsConstant(v))?.Type;
        Record(this.adds, member, Site(method, body, add, item));
    }

    // "queue = new()", "channel = Channel.CreateBounded<T>(...)" create it here; "queue = queue", "queue = options.Queue"
    // take what a caller made.
    private void RecordOrigin(ISymbol member, IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is IParameterReferenceOperation || value is IMemberReferenceOperation { Instance: IParameterReferenceOperation })
        {
            this.injected.Add(member);
        }
        else if (value is IObjectCreationOperation or IInvocationOperation or IArrayCreationOperation || value.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax)
        {
            this.created.Add(member);
        }
    }

    /// <summary>A field or property initializer, which no method body holds: <paramref name="created"/> if it makes the value.</summary>
    public void RecordInitializer(ISymbol member, bool created) => (created ? this.created : this.injected).Add(member);

    // Literals, "default", "null", static or readonly fields, "Unit.Value": the same value every time, so no work rides on it.
    private static bool IsConstant(IOperation value)
    {
        while (value is IConversionOperation or IArgumentOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IArgumentOperation)value).Value;
        }

        return value.ConstantValue.HasValue
            || value is IDefaultValueOperation
            || value is IFieldReferenceOperation { Field: { } field } && (field.IsStatic || field.IsConst)
            || value is IPropertyReferenceOperation { Property.IsStatic: true, Instance: null };
    }

    // The site with where it runs: the innermost lambda or local function around the operation, else the method.
    private static WorkSite Site(IMethodSymbol method, IOperation body, IOperation operation, ITypeSymbol? item = null)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return new WorkSite(method, lambda.Symbol, lambda, operation, item);
                case ILocalFunctionOperation local:
                    return new WorkSite(method, local.Symbol, local, operation, item);
            }
        }

        return new WorkSite(method, method, body, operation, item);
    }

    // A few sites per member are enough to judge and to explain; a member used ten thousand times must not cost ten thousand.
    private static void Record(Dictionary<ISymbol, List<WorkSite>> map, ISymbol member, WorkSite site)
    {
        if (!map.TryGetValue(member, out var list))
        {
            list = new List<WorkSite>();
            map[member] = list;
        }

        if (list.Count < MaxSitesPerMember)
        {
            list.Add(site);
        }
    }

    private const int MaxSitesPerMember = 32;

    private HashSet<ISymbol> TakenIn(IMethodSymbol method)
    {
        if (!this.takenBy.TryGetValue(method, out var members))
        {
            members = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            this.takenBy[method] = members;
        }

        return members;
    }

    // "events.ToArray()", "events.Select(...)", "events.Count()": the whole collection read, nothing taken out.
    private static ISymbol? BulkRead(IInvocationOperation invocation, HashSet<ISymbol> members)
    {
        var source = invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation.Instance;
        return source is not null && Names.IsBulkReadMethod(invocation.TargetMethod.Name) ? OwnerOf(source, members) : null;
    }

    // The member, or its channel's reader, given to someone else: passed as an argument, returned, or stored elsewhere.
    // Whoever receives it may take from it. The source of a LINQ query is not given away, only read.
    private static ISymbol? HandedOut(IOperation operation, HashSet<ISymbol> members)
    {
        var value = operation switch
        {
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } call } argument
                when call.Arguments.Length > 0 && call.Arguments[0] == argument && Names.IsBulkReadMethod(call.TargetMethod.Name) => null,
            IArgumentOperation argument => argument.Value,
            IReturnOperation { ReturnedValue: { } returned } => returned,
            ISimpleAssignmentOperation assignment => assignment.Value,
            IVariableInitializerOperation initializer => initializer.Value,
            _ => null,
        };
        return value is null ? null : OwnerOf(value, members);
    }

    // Where each local of one body is named, indexed once on first use: asked for every take, so never walked twice.
    private sealed class LocalUses
    {
        private readonly IOperation body;
        private readonly HashSet<ISymbol> candidates;
        private readonly System.Func<IMethodSymbol, bool> isTeardown;
        private Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>? references;

        public LocalUses(IOperation body, HashSet<ISymbol> candidates, System.Func<IMethodSymbol, bool> isTeardown)
        {
            this.body = body;
            this.candidates = candidates;
            this.isTeardown = isTeardown;
        }

        /// <summary>The taken item in <paramref name="local"/> is run, awaited, answered or passed on somewhere in the body.</summary>
        public bool PutsToWork(ILocalSymbol local, bool runnable)
        {
            if (this.references is null)
            {
                this.references = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
                foreach (var reference in this.body.Descendants().OfType<ILocalReferenceOperation>())
                {
                    if (!this.references.TryGetValue(reference.Local, out var list))
                    {
                        list = new List<ILocalReferenceOperation>();
                        this.references[reference.Local] = list;
                    }

                    list.Add(reference);
                }
            }

            if (!this.references.TryGetValue(local, out var uses))
            {
                return false;
            }

            foreach (var use in uses)
            {
                // "item.Callback(item.State)", "item.Item1()": a part of the item counts as the item, one level down. A part of
                // a part ("worker.Channel.Writer.TryComplete()") is the item's own machinery: stopping a worker is no work.
                IOperation node = use;
                if (node.Parent is IMemberReferenceOperation { Instance: { } instance } part && instance == node)
                {
                    node = part;
                }

                while (node.Parent is IConversionOperation)
                {
                    node = node.Parent;
                }

                if (node.Parent is IForEachLoopOperation loop && loop.Collection.DescendantsAndSelf().Contains(node))
                {
                    // "foreach (var task in batch) Run(task);"
                    if (loop.Locals.Any(l => !SymbolEqualityComparer.Default.Equals(l, local) && this.PutsToWork(l, runnable)))
                    {
                        return true;
                    }

                    continue;
                }

                if (node.Parent is { } parent && this.DoesWork(node, parent, runnable))
                {
                    return true;
                }
            }

            return false;
        }

        // The item is the target of a call ("item()", "reply.SetResult(x)", "task.Start()"), is awaited, is given to a call or a
        // constructor that is not one of the type's own collections ("Send(item)", "new Thread(item)"), or, for an item that
        // someone else can run or await, is handed back ("return item;"). Disposing or stopping what was taken releases a
        // resource (an evicted cache entry, a closed session): no work is done.
        public bool DoesWork(IOperation item, IOperation parent, bool runnable) => parent switch
        {
            IInvocationOperation call when call.Instance == item =>
                call.TargetMethod.Name is not ("Equals" or "GetHashCode" or "ToString" or "GetType") && !this.isTeardown(call.TargetMethod),
            IAwaitOperation => true,
            // Moving the item into another of the type's own collections (an LRU's hot and cold lists) hands nothing over;
            // giving it to a component of the user's own ("sender.SendAsync(m)", "store.Insert(m)") does.
            IArgumentOperation { Parent: IInvocationOperation call } => call.Instance is null || OwnerOf(call.Instance, this.candidates) is not { } other
                || (MemberTypes.Of(other) is { } holder && Classifier.IsUserHolder(holder) && !Classifier.IsHandOff(holder)),
            IArgumentOperation { Parent: IObjectCreationOperation } => true,
            IReturnOperation => runnable,
            _ => false,
        };
    }

    // The finally blocks and catch clauses of one body, found once and tested by span: walking up from every call in a
    // 40,000-term expression would cost its depth squared.
    private sealed class ExitRegions
    {
        private readonly IOperation body;
        private List<Microsoft.CodeAnalysis.Text.TextSpan>? spans;

        public ExitRegions(IOperation body) => this.body = body;

        public bool Contains(IOperation operation)
        {
            this.spans ??= this.body.Descendants().OfType<ITryOperation>()
                .SelectMany(t => t.Catches.Select(c => c.Syntax.Span).Concat(t.Finally is { } cleanup ? new[] { cleanup.Syntax.Span } : Enumerable.Empty<Microsoft.CodeAnalysis.Text.TextSpan>()))
                .ToList();
            foreach (var span in this.spans)
            {
                if (span.Contains(operation.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
