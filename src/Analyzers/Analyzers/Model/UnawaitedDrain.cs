using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// "queue.CompleteAdding(); sink.Dispose();" with a pump task draining the queue: closing the hand-off is the start of a
/// graceful stop, not a look at the work. The items still queued are delivered only if the teardown then waits for the
/// consumer that drains them (or drains them itself); disposing what the consumer needs first loses them. Found in
/// Serilog's async sink, MassTransit's ChannelExecutor and RabbitMQ's frame writer, each with its wait removed.
/// </summary>
internal static class UnawaitedDrain
{
    private static readonly string[] Closes = { "CompleteAdding", "Complete", "TryComplete" };
    private static readonly string[] WaitMethods = { "Wait", "Join", "GetAwaiter", "WaitAsync", "WaitAll", "WhenAll", "WaitAny", "WhenAny" };

    /// <summary>A close of a pending member in <paramref name="teardown"/> that is followed by a dispose and never waited out.</summary>
    public static (IOperation Close, ISymbol Work, ISymbol Consumer)? Find(TypeFacts facts, IMethodSymbol teardown)
    {
        var body = facts.BodyOf(teardown);
        foreach (var work in facts.PendingMembers.Where(m => facts.ConfidenceOf(m) is Confidence.Declared or Confidence.Evidence))
        {
            if (CloseOf(body, work) is not { } close || Consumers(facts, work).FirstOrDefault() is not { } consumer)
            {
                continue;
            }

            var after = body.DescendantsAndSelf().Where(o => o.Syntax.SpanStart > close.Syntax.SpanStart).ToList();
            // "var thread = _thread; thread?.Join();" waits through a copy.
            var copies = body.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>()
                .Where(d => d.Initializer?.Value is { } value && Promises.Mentions(value, consumer)).Select(d => (ISymbol)d.Symbol).ToList();
            var waited = body.DescendantsAndSelf().Any(o => Waits(o, consumer) || copies.Any(copy => WaitsOnLocal(o, copy)));
            var disposesAfter = after.OfType<IInvocationOperation>().Any(c => c.TargetMethod.Name is "Dispose" or "DisposeAsync" && !Promises.Mentions(c, consumer));
            if (!waited && disposesAfter && !Drains(after, work))
            {
                return (close, work, consumer);
            }
        }

        return null;
    }

    // "queue.CompleteAdding()", "channel.Writer.Complete()", "channel.Writer.TryComplete()".
    private static IOperation? CloseOf(IOperation body, ISymbol work) =>
        body.DescendantsAndSelf().OfType<IInvocationOperation>().FirstOrDefault(c =>
            System.Array.IndexOf(Closes, c.TargetMethod.Name) >= 0 && c.Instance is { } target && Promises.Mentions(target, work));

    // The own Task or Thread fields started with code that reads the work: "worker = Task.Run(Pump)" where Pump drains it.
    private static IEnumerable<ISymbol> Consumers(TypeFacts facts, ISymbol work)
    {
        var drainers = new HashSet<IMethodSymbol>(
            facts.Methods.Where(m => !facts.Classifier.IsTeardownMethod(m) && Promises.Mentions(facts.BodyOf(m), work)).Select(m => m.OriginalDefinition),
            SymbolEqualityComparer.Default);
        foreach (var method in facts.Methods)
        {
            foreach (var assignment in facts.BodyOf(method).DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IMemberReferenceOperation { Member: { } field } && IsWorker(MemberTypes.Of(field))
                    && assignment.Value.DescendantsAndSelf().Any(o => Starts(o, drainers, work)))
                {
                    yield return field;
                }
            }
        }
    }

    private static bool Starts(IOperation operation, HashSet<IMethodSymbol> drainers, ISymbol work) => operation switch
    {
        IMethodReferenceOperation reference => drainers.Contains(reference.Method.OriginalDefinition),
        IInvocationOperation call => drainers.Contains(call.TargetMethod.OriginalDefinition),
        IAnonymousFunctionOperation lambda => Promises.Mentions(lambda.Body, work) || lambda.Body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(c => drainers.Contains(c.TargetMethod.OriginalDefinition)),
        _ => false,
    };

    private static bool IsWorker(ITypeSymbol? type) =>
        type is { } t && (t.OriginalDefinition.Name is "Task" or "ValueTask" or "Thread")
        && t.ContainingNamespace?.ToDisplayString() is "System.Threading.Tasks" or "System.Threading";

    // "await worker", "worker.Wait()", "thread.Join()", "Task.WhenAll(worker, ...)".
    private static bool Waits(IOperation operation, ISymbol consumer) => operation switch
    {
        IAwaitOperation awaited => Promises.Mentions(awaited.Operation, consumer),
        IInvocationOperation call => System.Array.IndexOf(WaitMethods, call.TargetMethod.Name) >= 0 && Promises.Mentions(call, consumer),
        IConditionalAccessOperation { WhenNotNull: IInvocationOperation call } access => IsWait(call) && Promises.Mentions(access.Operation, consumer),
        _ => false,
    };

    // "worker?.Wait()": the receiver sits on the conditional access, not on the call.
    private static bool IsWait(IInvocationOperation call) => System.Array.IndexOf(WaitMethods, call.TargetMethod.Name) >= 0;

    private static bool WaitsOnLocal(IOperation operation, ISymbol local)
    {
        bool Uses(IOperation o) => o.DescendantsAndSelf().Any(x => x is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local));
        return operation switch
        {
            IAwaitOperation awaited => Uses(awaited.Operation),
            IInvocationOperation call => IsWait(call) && Uses(call),
            IConditionalAccessOperation { WhenNotNull: IInvocationOperation call } access => IsWait(call) && Uses(access.Operation),
            _ => false,
        };
    }

    // The teardown takes the rest itself: "while (queue.TryTake(out var e)) sink.Emit(e);".
    private static bool Drains(IEnumerable<IOperation> after, ISymbol work) =>
        after.Any(o => o is IInvocationOperation call && Names.IsTakeMethod(call.TargetMethod.Name) && call.Instance is { } target && Promises.Mentions(target, work)
            || o is IForEachLoopOperation loop && Promises.Mentions(loop.Collection, work));
}
