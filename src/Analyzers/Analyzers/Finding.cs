using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>
/// Builds a rule's diagnostic with its explanation: the places a reader needs to judge it (where the
/// work is added, where it is or is not consulted, where the teardown happens) as additional
/// locations, each named in the <see cref="LocationLabelsProperty"/> property, and the evidence tier
/// in <see cref="ConfidenceProperty"/>, which also sets the severity.
/// </summary>
internal static class Finding
{
    /// <summary>The evidence tier: <c>declared</c>, <c>evidence</c> or <c>heuristic</c>.</summary>
    public const string ConfidenceProperty = "Confidence";

    /// <summary>One label per additional location, in order, separated by <c>;</c> (SARIF viewers and the corpus tool show them).</summary>
    public const string LocationLabelsProperty = "LocationLabels";

    /// <summary>
    /// The diagnostic, or null when its tier is switched off. Explanations that point nowhere (metadata) or twice at the same
    /// place are dropped; the rule's own first additional location, which its code fix reads, always comes first. In test
    /// code (<paramref name="testCode"/>) only declared findings are warnings: a test's fake server or pump ends with the
    /// test, and the work it drops is the test's own.
    /// </summary>
    public static Diagnostic? Create(
        DiagnosticDescriptor descriptor,
        Location location,
        Confidence confidence,
        AnalyzerSettings settings,
        bool testCode,
        IEnumerable<Explanation> explanations,
        ImmutableDictionary<string, string?>? properties,
        params object?[] messageArguments)
    {
        var severity = confidence == Confidence.Heuristic || (testCode && confidence != Confidence.Declared) ? settings.HeuristicSeverity : descriptor.DefaultSeverity;
        if (severity is not { } effective)
        {
            return null;
        }

        var locations = new List<Location>();
        var labels = new List<string>();
        foreach (var explanation in explanations)
        {
            if (explanation.Location is { IsInSource: true } place && !locations.Contains(place))
            {
                locations.Add(place);
                labels.Add(explanation.Label);
            }
        }

        var all = (properties ?? ImmutableDictionary<string, string?>.Empty)
            .SetItem(ConfidenceProperty, Name(confidence))
            .SetItem(LocationLabelsProperty, string.Join(";", labels));
        return Diagnostic.Create(descriptor, location, effective, locations, all, messageArguments);
    }

    public static string Name(Confidence confidence) => confidence switch
    {
        Confidence.Declared => "declared",
        Confidence.Evidence => "evidence",
        _ => "heuristic",
    };
}
