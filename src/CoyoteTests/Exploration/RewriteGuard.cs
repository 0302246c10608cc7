using System.Reflection;
using Microsoft.Coyote.Rewriting;
using TrackerRace.Runtime;

namespace TrackerRace.CoyoteTests.Exploration;

/// <summary>
/// Refuses to explore code Coyote has not rewritten. Without rewriting, Coyote controls nothing and
/// any "bug found" or "no bug" is thread luck, so a missing rewrite must fail loudly, never pass.
/// </summary>
public static class RewriteGuard
{
    /// <summary>The assemblies whose concurrency Coyote must control.</summary>
    public static IReadOnlyList<Assembly> ControlledAssemblies { get; } = [typeof(TrackerCluster).Assembly, typeof(RewriteGuard).Assembly];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every assembly that is not rewritten.</summary>
    public static void EnsureRewritten(IEnumerable<Assembly>? extra = null)
    {
        var missing = ControlledAssemblies.Concat(extra ?? [])
            .Where(a => !RewritingEngine.IsAssemblyRewritten(a))
            .Select(a => $"{a.GetName().Name} ({a.Location})")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Coyote exploration refused: assembly not rewritten for testing: " + string.Join(", ", missing) +
                ". Build through MSBuild (dotnet build/run/test), whose CoyoteRewrite target runs 'coyote rewrite' after Build; results from un-rewritten code would be meaningless.");
        }
    }
}
