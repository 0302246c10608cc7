using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// C# that is true once the component is torn down, for TRK004's fix: a bool field or property a
/// teardown sets to a constant that no other method ever sets the other way (<c>disposed = true</c>
/// gives <c>disposed</c>, <c>running = false</c> gives <c>!running</c> when nothing but the
/// constructor sets it true). A flag that flips both ways ("flushing", or "running" that
/// <c>Start</c> sets), or is written where its value cannot be read off (by <c>ref</c>, or in a
/// deconstruction), says nothing sure about teardown, so it is never offered.
/// </summary>
internal static class RefusalCondition
{
    public static string? Of(TypeFacts facts)
    {
        var values = new Dictionary<ISymbol, bool?>(SymbolEqualityComparer.Default);
        foreach (var method in facts.Methods.Where(m => m.MethodKind != MethodKind.Constructor))
        {
            foreach (var operation in facts.BodyOf(method).DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAssignmentOperation { Target: IMemberReferenceOperation { Type.SpecialType: SpecialType.System_Boolean } target } assignment when facts.IsStateMember(target.Member):
                        bool? value = assignment is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: bool constant } } ? constant : null;
                        values[target.Member] = values.TryGetValue(target.Member, out var seen) && seen != value ? null : value;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: IMemberReferenceOperation written }:
                        // "Volatile.Write(ref running, true)", "Set(ref running)": written, to a value not seen here.
                        values[written.Member] = null;
                        break;
                    case IDeconstructionAssignmentOperation { Target: ITupleOperation tuple }:
                        // "(running, generation) = (true, 0)".
                        foreach (var element in tuple.Elements.OfType<IMemberReferenceOperation>())
                        {
                            values[element.Member] = null;
                        }

                        break;
                }
            }
        }

        foreach (var teardown in facts.TeardownScopeMethods)
        {
            foreach (var assignment in facts.BodyOf(teardown).DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IMemberReferenceOperation target && values.TryGetValue(target.Member, out var value) && value is { } closedValue)
                {
                    return closedValue ? target.Member.Name : "!" + target.Member.Name;
                }
            }
        }

        return null;
    }
}
