using System;
using System.Collections.Immutable;

namespace TrackerRace.Analyzers.Model;

/// <summary>The name heuristics, all case-insensitive; documented on the rule pages so users know what "evident" means.</summary>
internal static class Names
{
    /// <summary>Method name prefixes that tear a component down.</summary>
    public static readonly ImmutableArray<string> TeardownPrefixes = ImmutableArray.Create(
        "Dispose", "Destroy", "Stop", "Shutdown", "Close", "Deactivate", "Terminate", "Teardown", "Kill", "Abort");

    /// <summary>Methods that put an item into a collection, channel writer or store.</summary>
    public static readonly ImmutableArray<string> AddMethods = ImmutableArray.Create(
        "Enqueue", "TryEnqueue", "Add", "TryAdd", "Push", "TryPush", "Insert", "TryWrite", "WriteAsync", "Post", "SendAsync", "AddOrUpdate", "GetOrAdd", "AddFirst", "AddLast");

    /// <summary>Methods that take an item out (or empty the collection): a type that calls one on its collection consumes it.</summary>
    public static readonly ImmutableArray<string> TakeMethods = ImmutableArray.Create(
        "Dequeue", "TryDequeue", "DequeueAsync", "Take", "TryTake", "GetConsumingEnumerable", "Pop", "TryPop", "Peek", "TryPeek",
        "Remove", "TryRemove", "RemoveAt", "RemoveAll", "RemoveFirst", "RemoveLast", "RemoveRange", "RemoveWhere",
        "ReadAsync", "TryRead", "ReadAllAsync", "WaitToReadAsync", "TryTakeFromAny", "TakeFromAny");

    /// <summary>
    /// The takes that hand over the next item, whatever it is (a queue's, a stack's, a channel's): what a consumer does.
    /// The others (<c>Remove(item)</c>, <c>TryRemove(key, out _)</c>) also unregister things that were never work.
    /// </summary>
    public static readonly ImmutableArray<string> TakeNextMethods = ImmutableArray.Create(
        "Dequeue", "TryDequeue", "DequeueAsync", "Take", "TryTake", "GetConsumingEnumerable", "Pop", "TryPop",
        "ReadAsync", "TryRead", "ReadAllAsync", "TryTakeFromAny", "TakeFromAny", "RemoveFirst", "RemoveLast");

    /// <summary>Methods that read a whole collection without taking from it (its own or LINQ's).</summary>
    public static readonly ImmutableArray<string> BulkReadMethods = ImmutableArray.Create(
        "ToArray", "ToList", "ToImmutableArray", "ToImmutableList", "ToHashSet", "ToDictionary", "CopyTo", "AsEnumerable",
        "Select", "Where", "Any", "All", "Count", "LongCount", "Contains", "First", "FirstOrDefault", "Last", "LastOrDefault",
        "Single", "SingleOrDefault", "OrderBy", "OrderByDescending", "GroupBy", "Aggregate", "Sum", "Min", "Max", "Concat",
        "Distinct", "SequenceEqual", "Skip", "Take", "OfType", "Cast");

    /// <summary>Leading words of member names that say a collection holds work not yet done ("pendingRequests", "inFlight").</summary>
    public static readonly ImmutableArray<string> PendingQualifiers = ImmutableArray.Create(
        "pending", "inflight", "outstanding", "unsent", "undispatched", "undelivered", "waiting", "queued", "backlog", "retry");

    /// <summary>Trailing words of member names that say the same ("retryQueue", "_pending", "outbox"); "queueNames" is not one.</summary>
    public static readonly ImmutableArray<string> PendingHeads = ImmutableArray.Create(
        "queue", "pending", "backlog", "inbox", "outbox", "inflight", "outstanding", "unsent");

    /// <summary>Suffixes of type names that hold work when the name also says whose work ("ITaskStore", "JobTable").</summary>
    public static readonly ImmutableArray<string> WorkHolderSuffixes = ImmutableArray.Create("Store", "Table", "Channel", "Ledger");

    /// <summary>Words that make a <see cref="WorkHolderSuffixes"/> type a holder of work ("TaskStore" yes, "X509Store" no).</summary>
    public static readonly ImmutableArray<string> WorkWords = ImmutableArray.Create("Task", "Job", "Work", "Message", "Request", "Dispatch", "Inbox", "Outbox");

    /// <summary>The name a member is called by: "Dispose" for an explicit "System.IDisposable.Dispose" too.</summary>
    public static string Simple(Microsoft.CodeAnalysis.ISymbol symbol) => symbol switch
    {
        Microsoft.CodeAnalysis.IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 } method => method.ExplicitInterfaceImplementations[0].Name,
        Microsoft.CodeAnalysis.IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 } property => property.ExplicitInterfaceImplementations[0].Name,
        _ => symbol.Name,
    };

    /// <summary>Methods with a body of their own that callers name: ordinary methods and explicit interface implementations.</summary>
    public static bool IsNamedMethod(Microsoft.CodeAnalysis.IMethodSymbol method) =>
        method.MethodKind is Microsoft.CodeAnalysis.MethodKind.Ordinary or Microsoft.CodeAnalysis.MethodKind.ExplicitInterfaceImplementation;

    public static bool StartsWithAny(string name, ImmutableArray<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool ContainsAny(string name, ImmutableArray<string> fragments)
    {
        foreach (var fragment in fragments)
        {
            if (name.IndexOf(fragment, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member name, without "_" or "m_", starts with a pending qualifier as a whole word or ends with a pending head noun.</summary>
    public static bool SaysPending(string memberName)
    {
        var plain = memberName.Replace("_", string.Empty);
        if (plain.StartsWith("m", StringComparison.Ordinal) && memberName.StartsWith("m_", StringComparison.Ordinal))
        {
            plain = plain.Substring(1);
        }

        foreach (var qualifier in PendingQualifiers)
        {
            // A whole leading word: "queuedItems" and "retryQueue" yes, "queueData" and "retrying" no.
            if (plain.StartsWith(qualifier, StringComparison.OrdinalIgnoreCase)
                && (plain.Length == qualifier.Length || !char.IsLower(plain[qualifier.Length])))
            {
                return true;
            }
        }

        foreach (var head in PendingHeads)
        {
            if (plain.EndsWith(head, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool EndsWithAny(string name, ImmutableArray<string> suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsAddMethod(string name) => IsOneOf(name, AddMethods);

    public static bool IsTakeMethod(string name) => IsOneOf(name, TakeMethods);

    public static bool IsTakeNextMethod(string name) => IsOneOf(name, TakeNextMethods);

    public static bool IsBulkReadMethod(string name) => IsOneOf(name, BulkReadMethods);

    private static bool IsOneOf(string name, ImmutableArray<string> names)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(name, candidate, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
