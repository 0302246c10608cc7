using System;
using System.Collections.Immutable;

namespace TrackerRace.Analyzers.Model;

/// <summary>The name heuristics, all case-insensitive; documented on the rule pages so users know what "evident" means.</summary>
internal static class Names
{
    /// <summary>Method name prefixes that tear a component down.</summary>
    public static readonly ImmutableArray<string> TeardownPrefixes = ImmutableArray.Create(
        "Dispose", "Destroy", "Stop", "Shutdown", "Close", "Deactivate", "Terminate", "Teardown", "Kill", "Abort");

    /// <summary>Method name prefixes that hand work to a component.</summary>
    public static readonly ImmutableArray<string> DispatchPrefixes = ImmutableArray.Create(
        "Enqueue", "TryEnqueue", "Post", "Dispatch", "Submit", "TrySubmit", "Schedule", "Send", "Add", "TryAdd", "Push", "Offer", "Publish", "Write", "TryWrite", "Queue", "Deliver", "Accept");

    /// <summary>Methods that put an item into a collection, channel writer or store.</summary>
    public static readonly ImmutableArray<string> AddMethods = ImmutableArray.Create(
        "Enqueue", "TryEnqueue", "Add", "TryAdd", "Push", "TryPush", "Insert", "TryWrite", "WriteAsync", "Post", "SendAsync", "AddOrUpdate", "GetOrAdd", "AddFirst", "AddLast");

    /// <summary>Fragments of member names that say a collection holds work not yet done.</summary>
    public static readonly ImmutableArray<string> PendingFragments = ImmutableArray.Create(
        "pending", "inflight", "outstanding", "backlog", "queue", "unsent", "undispatched", "undelivered", "waiting", "inbox", "outbox");

    /// <summary>Suffixes of type names that hold work by nature.</summary>
    public static readonly ImmutableArray<string> PendingTypeSuffixes = ImmutableArray.Create("Queue", "Store", "Channel");

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
        var plain = name.Replace("_", string.Empty);
        foreach (var fragment in fragments)
        {
            if (plain.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
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

    public static bool IsAddMethod(string name)
    {
        foreach (var add in AddMethods)
        {
            if (string.Equals(name, add, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
