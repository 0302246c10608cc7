using Microsoft.CodeAnalysis;

namespace TrackerRace.Analyzers.Model;

/// <summary>
/// One place where a type adds work to a member or takes work from it: the method, and the lambda or
/// local function around it if any (a callback registered in a constructor runs later, on its own
/// path), with the operation to point at when a finding is explained.
/// </summary>
internal readonly struct WorkSite
{
    public WorkSite(IMethodSymbol method, ISymbol place, IOperation placeBody, IOperation operation, ITypeSymbol? item = null)
    {
        this.Method = method;
        this.Place = place;
        this.PlaceBody = placeBody;
        this.Operation = operation;
        this.Item = item;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The method, or the innermost lambda or local function the operation sits in.</summary>
    public ISymbol Place { get; }

    /// <summary>The body of <see cref="Place"/>: the lambda or local function, or the method's body.</summary>
    public IOperation PlaceBody { get; }

    public IOperation Operation { get; }

    /// <summary>What went in (the added value's type) or came out (a query's answer), where that matters: a store of the user's own.</summary>
    public ITypeSymbol? Item { get; }
}
