using System.Linq;
using Microsoft.CodeAnalysis;
using TrackerRace.Analyzers.Model;

namespace TrackerRace.Analyzers;

/// <summary>One place that explains a finding, and what happens there ("work added", "teardown").</summary>
internal readonly struct Explanation
{
    public Explanation(Location? location, string label)
    {
        this.Location = location;
        this.Label = label;
    }

    public Location? Location { get; }

    public string Label { get; }

    public static Explanation At(IOperation? operation, string label) => new(operation is null ? null : Display.LocationOf(operation), label);

    public static Explanation At(ISymbol? symbol, string label) => new(symbol?.Locations.FirstOrDefault(), label);
}
