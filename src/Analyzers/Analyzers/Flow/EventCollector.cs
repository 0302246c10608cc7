using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers.Flow;

/// <summary>
/// Turns a method body into a <see cref="MethodFlow"/>: builds its control flow graph (where
/// <c>lock</c> is already lowered to <c>Monitor.Enter/Exit</c>) and lists each block's events in
/// evaluation order (operands before the operation that uses them).
/// </summary>
internal sealed class EventCollector
{
    private readonly TypeFacts facts;
    private readonly IMethodSymbol method;
    private readonly bool decidesTeardown;
    private readonly Dictionary<CaptureId, ISymbol?> captures = new();
    private readonly Dictionary<ISymbol, int> guardBits = new(SymbolEqualityComparer.Default);
    private readonly List<PathEvent> events = new();
    private readonly Dictionary<SyntaxNode, int> lockBits = new();
    private readonly Dictionary<IMethodSymbol, bool> localFunctionConsults = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, ISymbol?> localCopies = new(SymbolEqualityComparer.Default);
    private Dictionary<IMethodSymbol, IOperation>? localFunctionBodies;
    private SemanticModel? model;
    private IOperation? root;

    private EventCollector(TypeFacts facts, IMethodSymbol method, bool decidesTeardown)
    {
        this.facts = facts;
        this.method = method;
        this.decidesTeardown = decidesTeardown;
    }

    private Classifier Classifier => this.facts.Classifier;

    public static MethodFlow? Build(TypeFacts facts, IMethodSymbol method, IOperation body)
    {
        var graph = body switch
        {
            IMethodBodyOperation methodBody => ControlFlowGraph.Create(methodBody),
            IConstructorBodyOperation constructorBody => ControlFlowGraph.Create(constructorBody),
            IBlockOperation { Parent: null } block => ControlFlowGraph.Create(block),
            _ => null,
        };
        if (graph is null)
        {
            return null;
        }

        var collector = new EventCollector(facts, method, facts.Classifier.IsDecisionType(method.ReturnType)) { model = body.SemanticModel, root = body };
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var capture in operation.DescendantsAndSelf())
                {
                    if (capture is IFlowCaptureOperation flowCapture)
                    {
                        // "lock (gate)" on a System.Threading.Lock captures gate.EnterScope(); its Dispose releases gate.
                        collector.captures[flowCapture.Id] = flowCapture.Value is IInvocationOperation { TargetMethod.Name: "EnterScope", Instance: { } lockObject }
                            ? collector.Resolve(lockObject)
                            : collector.Resolve(flowCapture.Value);
                    }
                    else if (capture is ISimpleAssignmentOperation { Target: ILocalReferenceOperation copy } assignment && collector.IsComponentPart(assignment.Value))
                    {
                        collector.localCopies[copy.Local] = collector.PartOf(assignment.Value);
                        // "var t = timer; timer = null; t?.Dispose();": the local is the component's part under another name.
                    }
                }
            }
        }

        var perBlock = ImmutableArray.CreateBuilder<ImmutableArray<PathEvent>>(graph.Blocks.Length);
        try
        {
            foreach (var block in graph.Blocks)
            {
                collector.events.Clear();
                foreach (var operation in block.Operations)
                {
                    collector.Visit(operation);
                }

                if (block.BranchValue is { } branchValue)
                {
                    collector.Visit(branchValue);
                }

                if (block.Kind == BasicBlockKind.Exit)
                {
                    collector.Add(PathEventKind.Exit, graph.OriginalOperation, null);
                }

                perBlock.Add(collector.events.ToImmutableArray());
            }
        }
        catch (System.InsufficientExecutionStackException)
        {
            // An expression nested deeper than the stack allows (a generated 100,000-term sum): skip the method rather than crash the compiler.
            return null;
        }

        return new MethodFlow(method, graph, perBlock.MoveToImmutable(), collector.guardBits);
    }

    private void Visit(IOperation? operation)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();

        switch (operation)
        {
            case null:
                return;
            case IInvocationOperation invocation:
                this.VisitInvocation(invocation);
                return;
            case IAssignmentOperation assignment:
                this.VisitAssignment(assignment);
                return;
            case IAwaitOperation await:
                var before = this.events.Count;
                this.VisitChildren(await);
                if (this.ConsumerOf(await.Operation) is { } consumer)
                {
                    this.Add(PathEventKind.Consult, await, consumer);
                }
                else if (!this.ConsultedSince(before))
                {
                    this.Add(PathEventKind.Await, await, null);
                }

                return;
            case IMemberReferenceOperation reference:
                this.VisitChildren(reference);
                this.ClassifyRead(reference);
                return;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference:
                this.VisitRefArgument(byReference);
                return;
            case IFlowAnonymousFunctionOperation lambda when this.LocalFunctionConsults(lambda.Symbol):
                // "SafeExecute(() => channel.Writer.TryComplete())": the lambda is taken to run where it is passed.
                this.Add(PathEventKind.Consult, lambda, lambda.Symbol);
                return;
            default:
                this.VisitChildren(operation);
                return;
        }
    }

    // "Interlocked.Exchange(ref disposed, 1)", "Volatile.Write(ref closed, true)": the state written by reference.
    private void VisitRefArgument(IArgumentOperation argument)
    {
        this.Visit(argument.Value);
        if (this.Resolve(argument.Value) is { } written && this.facts.IsStateMember(written))
        {
            this.Add(PathEventKind.WriteState, argument, written);
        }
    }

    private void VisitChildren(IOperation operation)
    {
        foreach (var child in operation.ChildOperations)
        {
            this.Visit(child);
        }
    }

    private void VisitArguments(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            this.Visit(argument);
        }
    }

    private void VisitInvocation(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (this.GuardOf(invocation, acquire: true) is { } acquired)
        {
            this.VisitChildren(invocation);
            this.Add(PathEventKind.Acquire, invocation, acquired);
            return;
        }

        if (this.GuardOf(invocation, acquire: false) is { } released)
        {
            this.VisitChildren(invocation);
            this.Add(PathEventKind.Release, invocation, released);
            return;
        }

        if (target.Name is "Complete" or "TryComplete" or "CompleteAdding" && this.PendingReceiver(invocation.Instance) is { } completed)
        {
            // Completing a channel or collection hands what it holds to its consumer and closes the door on new work.
            this.VisitArguments(invocation);
            this.Add(PathEventKind.Consult, invocation, completed);
            this.Add(PathEventKind.WriteState, invocation, completed);
            return;
        }

        if (target.MethodKind == MethodKind.LocalFunction && this.LocalFunctionConsults(target))
        {
            // "if (HasWork()) return;" with a local "bool HasWork() => !queue.IsEmpty;" asks the queue.
            this.VisitChildren(invocation);
            this.Add(PathEventKind.Consult, invocation, target);
            return;
        }

        if (Names.IsAddMethod(target.Name) && this.PendingReceiver(invocation.Instance) is { } queue)
        {
            this.VisitArguments(invocation);
            this.Add(PathEventKind.AddWork, invocation, queue);
            return;
        }

        if (this.facts.IsOwnMethod(target))
        {
            this.VisitChildren(invocation);

            // "ScheduleCore(x) { ThrowIfDisposed(); queue.Enqueue(x); }" reads the state before it adds: both count.
            if (this.facts.ReadsState(target))
            {
                this.Add(PathEventKind.ReadState, invocation, target);
            }

            if (this.facts.Consults(target))
            {
                this.Add(PathEventKind.Consult, invocation, target);
            }
            else if (this.Classifier.IsTeardownMethod(target) && this.facts.MayTearDown(target.OriginalDefinition))
            {
                this.Add(PathEventKind.Teardown, invocation, target);
            }

            // "TryMarkStopping()" that sets the flag: the door is closed where the helper returns.
            if (this.facts.WritesState(target) && !this.Classifier.IsTeardownMethod(target))
            {
                this.Add(PathEventKind.WriteState, invocation, target);
            }

            if (this.facts.AddedBy(target) is { } added && !this.Classifier.IsTeardownMethod(target))
            {
                this.Add(PathEventKind.AddWork, invocation, added);
            }

            return;
        }

        if (this.Classifier.IsTeardownMethod(target) && this.IsComponentPart(invocation.Instance))
        {
            var pending = this.PendingReceiver(invocation.Instance);

            // The receiver of a teardown is not a look at it: "queue.Dispose()" ignores what the queue holds.
            if (pending is null)
            {
                this.Visit(invocation.Instance);
            }

            this.VisitArguments(invocation);

            // "store.Shutdown()" on a work holder of the user's own (a task store, a job queue) hands the decision about its
            // work to its owner, as a decorator forwarding Shutdown does; a library collection's Dispose just drops it.
            if (pending is not null && MemberTypes.Of(pending) is { } holder && Classifier.IsWorkHolder(holder))
            {
                this.Add(PathEventKind.Consult, invocation, pending);
            }
            else if (this.StopsWork(invocation))
            {
                this.Add(PathEventKind.Teardown, invocation, target);
            }

            return;
        }

        this.VisitChildren(invocation);
        if (this.IsInheritedStateCheck(target))
        {
            // "ThrowIfDisposed()" of a base class reads the disposed state the base class keeps.
            this.Add(PathEventKind.ReadState, invocation, target);
        }

        if (this.Classifier.IsPendingQuestion(target, out var snapshot))
        {
            this.Add(PathEventKind.Consult, invocation, target, snapshot);
        }
        else if (target.Name is "Wait" or "Join" or "GetResult" && this.ConsumerOf(invocation.Instance) is { } consumer)
        {
            // "loop.Wait()", "worker.Join()", "loop.GetAwaiter().GetResult()": see the await case.
            this.Add(PathEventKind.Consult, invocation, consumer);
        }
    }

    // The component's own Task or Thread behind "loop", "loop.ConfigureAwait(false)" or "loop.GetAwaiter()", when its
    // consumer drains on exit. Waiting for it after a teardown ("cts.Cancel(); await loop;") hands the pending work to that
    // exit path. A loop that just stops reading ("ReadAllAsync(token)") drops what is left, so waiting for it is no look.
    private ISymbol? ConsumerOf(IOperation? operation)
    {
        if (!this.facts.DrainsOnExit)
        {
            return null;
        }

        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" } call:
                    operation = call.Instance;
                    continue;
            }

            break;
        }

        return this.Resolve(operation) is { } member and (IFieldSymbol or IPropertySymbol) && this.facts.IsOwnMember(member)
            && MemberTypes.Of(member) is { Name: "Task" or "ValueTask" or "Thread", ContainingNamespace: { } ns }
            && ns.ToDisplayString() is "System.Threading.Tasks" or "System.Threading"
            ? member
            : null;
    }

    private void VisitAssignment(IAssignmentOperation assignment)
    {
        var target = assignment.Target;
        if (target is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && this.PendingReceiver(indexer.Instance) is { } table)
        {
            foreach (var argument in indexer.Arguments)
            {
                this.Visit(argument);
            }

            this.Visit(assignment.Value);
            this.Add(PathEventKind.AddWork, assignment, table);
            return;
        }

        if (target is IMemberReferenceOperation member)
        {
            this.Visit(member.Instance);
        }
        else
        {
            this.Visit(target);
        }

        this.Visit(assignment.Value);
        if (this.Resolve(target) is { } written && this.facts.IsStateMember(written))
        {
            this.Add(PathEventKind.WriteState, assignment, written);
        }
    }

    // A member of a base class (or of "this", declared there) that checks or tells the disposed state: "ThrowIfDisposed()",
    // "CheckDisposed()", "IsDisposed". The flag lives in the base class, so this type's teardown does not write it.
    private bool IsInheritedStateCheck(ISymbol member) =>
        !member.IsStatic
        && member.ContainingType is { } declaring
        && !SymbolEqualityComparer.Default.Equals(declaring.OriginalDefinition, this.facts.Type.OriginalDefinition)
        && this.facts.IsOwnMember(member)
        && (member.Name.IndexOf("Disposed", System.StringComparison.Ordinal) >= 0 || member.Name.IndexOf("Closed", System.StringComparison.Ordinal) >= 0);

    private void ClassifyRead(IMemberReferenceOperation reference)
    {
        var member = reference.Member;
        if (this.IsInheritedStateCheck(member))
        {
            this.Add(PathEventKind.ReadState, reference, member);
        }

        if (this.facts.IsStateMember(member))
        {
            this.Add(PathEventKind.ReadState, reference, member);
        }

        if (this.facts.LooksPending(member) || this.Classifier.IsPendingQuestion(member, out _))
        {
            this.Classifier.IsDeclaredPending(member, out var snapshot);
            this.Add(PathEventKind.Consult, reference, member, snapshot);
        }
        else if (member is IPropertySymbol { GetMethod: { } getter } && this.facts.IsOwnMethod(getter))
        {
            if (this.facts.Consults(getter))
            {
                this.Add(PathEventKind.Consult, reference, member);
            }
            else if (this.facts.ReadsState(getter))
            {
                this.Add(PathEventKind.ReadState, reference, member);
            }
        }
        else if (this.decidesTeardown && member is IFieldSymbol field && this.Classifier.IsTeardownValue(field))
        {
            this.Add(PathEventKind.Teardown, reference, field);
        }
    }

    // A local function or lambda of this method whose body asks the pending work. The declarations are indexed once: a
    // method with thousands of lambdas must not be searched once per lambda.
    private bool LocalFunctionConsults(IMethodSymbol localFunction)
    {
        if (this.localFunctionConsults.TryGetValue(localFunction.OriginalDefinition, out var consults))
        {
            return consults;
        }

        if (this.localFunctionBodies is null)
        {
            this.localFunctionBodies = new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default);
            foreach (var declaration in this.root?.Descendants() ?? Enumerable.Empty<IOperation>())
            {
                if (declaration switch { ILocalFunctionOperation function => function.Symbol, IAnonymousFunctionOperation lambda => lambda.Symbol, _ => null } is { } symbol)
                {
                    this.localFunctionBodies[symbol] = declaration;
                }
            }
        }

        consults = this.localFunctionBodies.TryGetValue(localFunction.OriginalDefinition, out var body) && body.Descendants().Any(this.AsksPendingWork);
        this.localFunctionConsults[localFunction.OriginalDefinition] = consults;
        return consults;
    }

    private bool AsksPendingWork(IOperation operation) => operation switch
    {
        IMemberReferenceOperation reference => this.facts.LooksPending(reference.Member) || this.Classifier.IsPendingQuestion(reference.Member, out _),
        IInvocationOperation call => this.Classifier.IsPendingQuestion(call.TargetMethod, out _) || (this.facts.IsOwnMethod(call.TargetMethod) && this.facts.Consults(call.TargetMethod)),
        _ => false,
    };

    private ISymbol? GuardOf(IInvocationOperation invocation, bool acquire)
    {
        var type = invocation.TargetMethod.ContainingType;
        var name = invocation.TargetMethod.Name;
        if (KnownSymbols.IsThreadingType(type, "Monitor") && invocation.Arguments.Length > 0)
        {
            var matches = acquire ? name is "Enter" or "TryEnter" : name == "Exit";
            return matches ? this.Resolve(invocation.Arguments[0].Value) : null;
        }

        if (!acquire && name == "Dispose" && type is { Name: "Scope" } && KnownSymbols.IsThreadingType(type.ContainingType, "Lock"))
        {
            return this.Resolve(invocation.Instance);
        }

        if (KnownSymbols.IsThreadingType(type, "SemaphoreSlim") || KnownSymbols.IsThreadingType(type, "Lock"))
        {
            var matches = acquire ? name is "Wait" or "WaitAsync" or "Enter" or "TryEnter" or "EnterScope" : name is "Release" or "Exit";
            return matches ? this.Resolve(invocation.Instance) : null;
        }

        return null;
    }

    // The pending-work member an add or a teardown is applied to: "queue", "this.queue", "channel.Writer".
    private ISymbol? PendingReceiver(IOperation? receiver)
    {
        // "channel.Writer" is the channel's: the owner is what the component holds.
        if (receiver is IPropertyReferenceOperation { Property.Name: "Writer" or "Reader", Instance: { } owner } && this.PendingReceiver(owner) is { } channel)
        {
            return channel;
        }

        var symbol = this.Resolve(receiver);
        return symbol is not null && this.facts.IsPendingMember(symbol) ? symbol : null;
    }

    // Whether tearing down this receiver can strand the pending work (TypeFacts.StopsWork): a part the producers or the
    // consumers use, or the component itself. "base.Dispose(disposing)" of a library base class (Stream's is empty) is
    // that class's business; a base class of the user's own is judged in its own right.
    private bool StopsWork(IInvocationOperation teardown)
    {
        if (teardown.Instance is IInstanceReferenceOperation && teardown.Instance.Syntax is BaseExpressionSyntax)
        {
            return teardown.TargetMethod.DeclaringSyntaxReferences.Length > 0;
        }

        return this.PartOf(teardown.Instance) is not { } part || this.facts.StopsWork(part);
    }

    // The field or property a receiver stands for: itself, or the member a local copy was taken from.
    private ISymbol? PartOf(IOperation? receiver) => this.Resolve(receiver) switch
    {
        IFieldSymbol { IsStatic: false } field => field,
        IPropertySymbol { IsStatic: false } property => property,
        ILocalSymbol local when this.localCopies.TryGetValue(local, out var copied) => copied,
        _ => null,
    };

    // "this", "base", or a field or property of the component: tearing those down tears the component down.
    private bool IsComponentPart(IOperation? receiver)
    {
        if (receiver is null)
        {
            return false;
        }

        if (receiver is IInstanceReferenceOperation)
        {
            return true;
        }

        var symbol = this.Resolve(receiver);
        return symbol switch
        {
            IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false } => this.facts.IsOwnMember(symbol),
            ILocalSymbol local => this.localCopies.ContainsKey(local),
            // A primary constructor's parameter used in a method is state the component holds.
            IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } =>
                SymbolEqualityComparer.Default.Equals(constructor.ContainingType, this.facts.Type) && !SymbolEqualityComparer.Default.Equals(constructor, this.method),
            _ => false,
        };
    }

    private ISymbol? Resolve(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFlowCaptureReferenceOperation capture => this.captures.TryGetValue(capture.Id, out var captured) ? captured : null,
            // "Interlocked.Exchange(ref cts, null)?.Cancel()" and "Volatile.Read(ref timer)" act on the field they name.
            IInvocationOperation { TargetMethod: { Name: "Exchange" or "CompareExchange" or "Read", ContainingType: { } type }, Arguments: { Length: > 0 } arguments }
                when KnownSymbols.IsThreadingType(type, "Interlocked") || KnownSymbols.IsThreadingType(type, "Volatile") => this.Resolve(arguments[0].Value),
            _ => null,
        };
    }

    private bool ConsultedSince(int index)
    {
        for (var i = index; i < this.events.Count; i++)
        {
            if (this.events[i].Kind == PathEventKind.Consult)
            {
                return true;
            }
        }

        return false;
    }

    private void Add(PathEventKind kind, IOperation operation, ISymbol? symbol, bool snapshot = false)
    {
        if (kind is PathEventKind.Acquire or PathEventKind.Release && symbol is not null && !this.guardBits.ContainsKey(symbol) && this.guardBits.Count < 30)
        {
            this.guardBits[symbol] = 1 << this.guardBits.Count;
        }

        this.events.Add(new PathEvent(kind, operation, symbol, snapshot, this.EnclosingLocks(operation.Syntax)));
    }

    // The System.Threading.Lock guards of the lock statements whose body contains this syntax.
    private int EnclosingLocks(SyntaxNode syntax)
    {
        var mask = 0;
        for (var node = syntax; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node.Parent is LockStatementSyntax lockStatement && lockStatement.Statement == node)
            {
                mask |= this.LockBit(lockStatement);
            }
        }

        return mask;
    }

    private int LockBit(LockStatementSyntax lockStatement)
    {
        if (this.lockBits.TryGetValue(lockStatement, out var bit))
        {
            return bit;
        }

        bit = 0;
        if (this.model is { } semanticModel && lockStatement.SyntaxTree == semanticModel.SyntaxTree
            && semanticModel.GetTypeInfo(lockStatement.Expression).Type is { } lockType && KnownSymbols.IsThreadingType(lockType, "Lock")
            && semanticModel.GetSymbolInfo(lockStatement.Expression).Symbol is { } guard)
        {
            if (!this.guardBits.TryGetValue(guard, out bit) && this.guardBits.Count < 30)
            {
                bit = 1 << this.guardBits.Count;
                this.guardBits[guard] = bit;
            }
        }

        this.lockBits[lockStatement] = bit;
        return bit;
    }
}
