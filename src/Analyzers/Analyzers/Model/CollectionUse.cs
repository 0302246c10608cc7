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

    public CollectionUse(IReadOnlyDictionary<IMethodSymbol, IOperation> bodies, HashSet<ISymbol> candidates)
    {
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
            foreach (var operation in pair.Value.DescendantsAndSelf())
            {
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

                        if (invocation.Instance is { } receiver && OwnerOf(receiver, candidates) is { } member)
                        {
                            if (invocation.TargetMethod.Name == "Clear")
                            {
                                clearedHere.Add(member);
                            }

                            if (Names.IsAddMethod(invocation.TargetMethod.Name))
                            {
                                addedHere.Add(member);
                            }

                            if (Names.IsTakeMethod(invocation.TargetMethod.Name))
                            {
                                this.consumed.Add(member);
                                this.TakenIn(pair.Key).Add(member);
                                if (exit.Contains(invocation))
                                {
                                    takenOnExitHere.Add(member);
                                }
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
                        break;
                    case ISimpleAssignmentOperation { Target: { } replaced } when OwnerOf(replaced, candidates) is { } swapped:
                        // "batch = pending.ToArray(); pending = new List<T>();" takes the whole batch: like a Clear.
                        clearedHere.Add(swapped);
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

            // "foreach (var x in batch) Send(x); batch.Clear();" flushes the batch: a consumer. A "Reset() => events.Clear()"
            // on its own only forgets a record.
            clearedHere.IntersectWith(readHere);
            this.consumed.UnionWith(clearedHere);

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

    /// <summary>The own methods and getters each method calls.</summary>
    public Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> Calls { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Collections some method completes (<c>Complete</c>, <c>TryComplete</c>, <c>CompleteAdding</c>).</summary>
    public HashSet<ISymbol> Completed { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Some consumer takes from a collection in a <c>finally</c> or <c>catch</c>, directly or through a helper: it drains
    /// or fails what is left when it stops.
    /// </summary>
    public bool DrainsOnExit { get; }

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
    public static ISymbol? OwnerOf(IOperation receiver, HashSet<ISymbol> members)
    {
        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver switch
        {
            IPropertyReferenceOperation { Property.Name: "Writer" or "Reader", Instance: { } owner } when OwnerOf(owner, members) is { } channel => channel,
            IMemberReferenceOperation reference when members.Contains(reference.Member) => reference.Member,
            _ => null,
        };
    }

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
