using System.Reflection;
using System.Text.Json;
using Microsoft.Coyote.Rewriting;

namespace TrackerRace.Coyote;

/// <summary>
/// Refuses to explore code Coyote has not rewritten. Without rewriting Coyote controls nothing, and a bug found or a
/// pass is thread luck, so a missing rewrite must fail loudly and say how to fix it.
/// </summary>
public static class RewriteGuard
{
    /// <summary>
    /// Throws naming every assembly that is not rewritten: <paramref name="assemblies"/>, TrackerRace.Coyote itself, and
    /// every assembly the build's rewrite list (<c>rewrite.coyote.json</c> next to them) names.
    /// </summary>
    public static void EnsureRewritten(params Assembly[] assemblies)
    {
        var checkedAssemblies = new List<Assembly>(assemblies) { typeof(RewriteGuard).Assembly };
        foreach (var path in ListedByTheBuild(assemblies))
        {
            // The code under test is usually not loaded yet when a test starts; load it the way the test will (by name,
            // through the test's deps.json), so the check sees the very file the test is about to run.
            var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && string.Equals(a.GetName().Name + ".dll", Path.GetFileName(path), StringComparison.OrdinalIgnoreCase))
                ?? (File.Exists(path) ? Assembly.Load(AssemblyName.GetAssemblyName(path)) : null);
            if (loaded is not null)
            {
                checkedAssemblies.Add(loaded);
            }
        }

        var missing = checkedAssemblies.Distinct()
            .Where(a => !a.IsDynamic && !RewritingEngine.IsAssemblyRewritten(a))
            .Select(a => $"{a.GetName().Name} ({a.Location})")
            .ToList();
        var retargeted = checkedAssemblies.Distinct().Where(a => !a.IsDynamic).SelectMany(RetargetedReferences).ToList();
        if (retargeted.Count > 0)
        {
            throw new InvalidOperationException(
                "Coyote exploration refused: the rewriter retargeted references to libraries it carries itself: " + string.Join("; ", retargeted) + ". "
                + "Calls into them would fail at run time (MissingMethodException). Keep code that uses these libraries in an assembly that "
                + "does not run under Coyote and list it as <CoyoteRewriteExclude Include=\"That.dll\" />.");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Coyote exploration refused: not rewritten for testing: " + string.Join(", ", missing) + ". "
                + "TrackerRace.Coyote rewrites the test project's output after every Build through MSBuild (dotnet build, dotnet test); "
                + "run the tests through it, do not set CoyoteRewrite=false, and add assemblies outside the project's references with "
                + "<CoyoteRewrite Include=\"Their.dll\" />. Results from code Coyote does not control would be meaningless.");
        }
    }

    // The rewriter (Mono.Cecil inside the coyote CLI) resolves a reference to the copy the CLI itself loaded when there is
    // one, so a rewritten assembly ends up referencing two versions of, say, System.CommandLine. Framework assemblies are
    // unified by the runtime and harmless; an application library referenced at two versions is the symptom.
    private static IEnumerable<string> RetargetedReferences(Assembly assembly)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        foreach (var name in assembly.GetReferencedAssemblies().GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase))
        {
            var versions = name.Select(r => r.Version).OfType<Version>().Distinct().OrderByDescending(v => v).ToList();
            if (versions.Count < 2 || name.Key is null || IsFrameworkAssembly(name.Key, framework))
            {
                continue;
            }

            yield return $"{assembly.GetName().Name} references {name.Key} at {string.Join(" and ", versions)}";
        }
    }

    private static bool IsFrameworkAssembly(string name, string frameworkDirectory) =>
        name.StartsWith("System.Private.", StringComparison.Ordinal)
        || File.Exists(Path.Combine(frameworkDirectory, name + ".dll"));

    // The assemblies the build asked Coyote to rewrite: a test must not pass because one of them silently was not.
    private static IReadOnlyList<string> ListedByTheBuild(IEnumerable<Assembly> assemblies)
    {
        foreach (var folder in assemblies.Select(a => Path.GetDirectoryName(a.Location)).Where(f => !string.IsNullOrEmpty(f)).Distinct())
        {
            var config = Path.Combine(folder!, "rewrite.coyote.json");
            if (File.Exists(config))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(config));
                return json.RootElement.TryGetProperty("Assemblies", out var list)
                    ? [.. list.EnumerateArray().Select(e => e.GetString()).OfType<string>().Select(name => Path.Combine(folder!, name))]
                    : [];
            }
        }

        return [];
    }
}
