using System;
using System.Collections.Concurrent;
using System.Linq;
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
internal static class TrackerAnalysis
{
    public static void RegisterPerType(AnalysisContext context, Action<TypeFacts, Action<Diagnostic>, CancellationToken> analyzeType)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Resolve(start.Compilation);
            start.RegisterSymbolStartAction(
                typeStart =>
                {
                    var type = (INamedTypeSymbol)typeStart.Symbol;
                    var tree = type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
                    var classifier = new Classifier(known, AnalyzerSettings.For(typeStart.Options, tree));
                    if (!TypeFacts.IsCandidate(type, classifier))
                    {
                        return;
                    }

                    var bodies = new ConcurrentDictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default);
                    typeStart.RegisterOperationBlockAction(block =>
                    {
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

                            if (root is IMethodBodyOperation or IBlockOperation)
                            {
                                bodies.TryAdd(method, root);
                            }
                        }
                    });
                    typeStart.RegisterSymbolEndAction(end =>
                        analyzeType(new TypeFacts(type, classifier, bodies.Select(p => (p.Key, p.Value))), end.ReportDiagnostic, end.CancellationToken));
                },
                SymbolKind.NamedType);
        });
    }
}
