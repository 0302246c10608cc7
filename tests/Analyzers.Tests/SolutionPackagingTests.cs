using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// What <c>dotnet pack Analyzers.sln</c> makes, read from every project's evaluated properties (no build, so it can run
/// beside the test build): exactly the packages we ship, each id once, all on one version. Before, the analyzer
/// project packed a second, broken TrackerRace.Analyzers 1.0.0 and internal projects packed packages of their own.
/// </summary>
public sealed partial class SolutionPackagingTests
{
    private static readonly string[] Shipped = ["TrackerRace.Analyzers", "TrackerRace.Coyote"];

    [Fact]
    public async Task Only_the_shipping_packages_are_packable_each_id_once_on_one_version()
    {
        var root = Repository.Root();
        var projects = ProjectLine().Matches(await File.ReadAllTextAsync(Path.Combine(root, "Analyzers.sln")))
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(p => p.EndsWith(".csproj", StringComparison.Ordinal))
            .ToList();
        Assert.True(projects.Count >= 10, $"read only {projects.Count} projects from Analyzers.sln");

        var evaluated = new List<(string Project, string PackageId, string Version)>();
        foreach (var project in projects)
        {
            var properties = await Evaluate(Path.Combine(root, project));
            if (string.Equals(properties["IsPackable"], "true", StringComparison.OrdinalIgnoreCase))
            {
                evaluated.Add((project, properties["PackageId"], properties["Version"]));
            }
        }

        Assert.Equal(Shipped, evaluated.Select(p => p.PackageId).Order(StringComparer.Ordinal));
        Assert.Single(evaluated.Select(p => p.Version).Distinct());
        Assert.Contains(evaluated, p => p.PackageId == "TrackerRace.Analyzers" && p.Project == "src/Analyzers/Package/TrackerRace.Analyzers.Package.csproj");
    }

    private static async Task<Dictionary<string, string>> Evaluate(string project)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "msbuild", project, "-nologo", "-getProperty:IsPackable", "-getProperty:PackageId", "-getProperty:Version" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet msbuild");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} exited {process.ExitCode}: {await error}{await output}");
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }

    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]+", "(?<path>[^"]+)", """, RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
