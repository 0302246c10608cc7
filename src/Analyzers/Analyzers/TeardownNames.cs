using System;
using System.Collections.Immutable;

namespace TrackerRace.Analyzers;

/// <summary>Method names that tear a component down, matched case-insensitively as a name or a name prefix.</summary>
internal static class TeardownNames
{
    private static readonly ImmutableArray<string> Prefixes = ImmutableArray.Create(
        "Dispose", "Destroy", "Stop", "Shutdown", "Close", "Deactivate", "Terminate", "Teardown", "TearDown");

    public static bool IsTeardown(string methodName)
    {
        foreach (var prefix in Prefixes)
        {
            if (methodName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
