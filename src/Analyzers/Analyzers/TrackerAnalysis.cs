using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// The registration the type-level rules share: resolve the marker types once per compilation, skip
/// types that hold no pending work before reading any body, collect a candidate type's method
/// bodies, and hand the finished <see cref="TypeFacts"/> to the rule at the end of the type.
/// </summary>
/// <remarks>
/// The rules are separate analyzers (so each can be switched off and is measured on its own), but
/// they ask the same questions of the same type. The facts are therefore built once per compilation
/// and type, by whichever rule reaches the type's end first, and shared: three rules used to walk
/// every candidate type three times. The table is weak in the compilation, as Roslyn's own
/// analyzers keep per-compilation caches, so an IDE's old compilations are collected with it.
/// </remarks>
internal static class TrackerAnalysis
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, Lazy<TypeFacts>>> PerCompilation = new();

    public static void RegisterPerType(AnalysisContext context, Action<TypeFacts, Action<Diagnostic>, CancellationToken> analyzeType)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Resolve(start.Compilation);
            var facts = FactsOf(start.Compilation);
            start.RegisterSymbolStartAction(
                typeStart =>
                {
                    var type = (INamedTypeSymbol)typeStart.Symbol;
                    var classifier = ClassifierFor(typeStart, known);
                    if (!TypeFacts.IsCandidate(type, classifier))
                    {
                        return;
                    }

                    var bodies = CollectBodies(typeStart);
                    typeStart.RegisterSymbolEndAction(end =>
                        analyzeType(Shared(facts, type, classifier, bodies), end.ReportDiagnostic, end.CancellationToken));
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>
    /// For rules that find their shape in single operations (an idle test, a loop that fails work) but need the type's
    /// facts to judge it: <paramref name="shape"/> runs on every operation of <paramref name="kind"/>, and only a type where it
    /// found something has its facts built (or taken from the other rules) for <paramref name="judge"/> at the type's end.
    /// </summary>
    public static void RegisterShapesPerType<TShape>(
        AnalysisContext context,
        OperationKind kind,
        Func<OperationAnalysisContext, Classifier, TShape?> shape,
        Action<TypeFacts, TShape, Action<Diagnostic>> judge)
        where TShape : class
    {
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Resolve(start.Compilation);
            var facts = FactsOf(start.Compilation);
            start.RegisterSymbolStartAction(
                typeStart =>
                {
                    var type = (INamedTypeSymbol)typeStart.Symbol;
                    if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                    {
                        return;
                    }

                    var classifier = ClassifierFor(typeStart, known);
                    var found = new ConcurrentQueue<TShape>();
                    var bodies = CollectBodies(typeStart);
                    typeStart.RegisterOperationAction(
                        operation =>
                        {
                            if (shape(operation, classifier) is { } candidate)
                            {
                                found.Enqueue(candidate);
                            }
                        },
                        kind);
                    typeStart.RegisterSymbolEndAction(end =>
                    {
                        if (found.IsEmpty)
                        {
                            return;
                        }

                        var typeFacts = Shared(facts, type, classifier, bodies);
                        foreach (var candidate in found)
                        {
                            end.CancellationToken.ThrowIfCancellationRequested();
                            judge(typeFacts, candidate, end.ReportDiagnostic);
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }

    private static ConcurrentDictionary<INamedTypeSymbol, Lazy<TypeFacts>> FactsOf(Compilation compilation) =>
        PerCompilation.GetValue(compilation, _ => new ConcurrentDictionary<INamedTypeSymbol, Lazy<TypeFacts>>(SymbolEqualityComparer.Default));

    private static Classifier ClassifierFor(SymbolStartAnalysisContext typeStart, KnownSymbols known) =>
        new(known, AnalyzerSettings.For(typeStart.Options, typeStart.Symbol.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree));

    // Every rule has seen all of the type's bodies by its symbol end, so whichever comes first builds the facts.
    private static TypeFacts Shared(ConcurrentDictionary<INamedTypeSymbol, Lazy<TypeFacts>> facts, INamedTypeSymbol type, Classifier classifier, TypeBodies bodies) =>
        facts.GetOrAdd(type, _ => new Lazy<TypeFacts>(
            () => new TypeFacts(type, classifier, bodies.Methods.Select(p => (p.Key, p.Value)), bodies.Initializers),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    // What one rule collects of a type while the compiler walks it: method bodies and member initializers.
    private sealed class TypeBodies
    {
        public ConcurrentDictionary<IMethodSymbol, IOperation> Methods { get; } = new(SymbolEqualityComparer.Default);

        public ConcurrentDictionary<ISymbol, IOperation> Initializers { get; } = new(SymbolEqualityComparer.Default);
    }

    private static TypeBodies CollectBodies(SymbolStartAnalysisContext typeStart)
    {
        var bodies = new TypeBodies();
        typeStart.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is IFieldSymbol or IPropertySymbol)
            {
                // "readonly Timer checker = new(_ => RunNext());": what a member is made with tells whether it drives the work.
                foreach (var initializer in block.OperationBlocks.OfType<ISymbolInitializerOperation>())
                {
                    bodies.Initializers.TryAdd(block.OwningSymbol, initializer.Value);
                }

                return;
            }

            if (block.OwningSymbol is not IMethodSymbol method)
            {
                return;
            }

            foreach (var operation in block.OperationBlocks)
            {
                // Depending on the member kind the block is the body or its IMethodBodyOperation parent; the graph wants the root.
                var root = operation;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                // Constructors too: what they create and which callbacks they start tell who owns and who drives the work.
                if (root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)
                {
                    bodies.Methods.TryAdd(method, root);
                }
            }
        });
        return bodies;
    }
}
