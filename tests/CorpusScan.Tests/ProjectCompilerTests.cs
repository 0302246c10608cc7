using Microsoft.CodeAnalysis;
using TrackerRace.CorpusScan.Compiling;

namespace TrackerRace.CorpusScan.Tests;

public sealed class ProjectCompilerTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private ProjectCompiler Compiler() => new(new NuGetCache(Path.Combine(folder.Path, "nuget")), _ => false);

    private static string Library(string references = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
          <ItemGroup>{references}</ItemGroup>
        </Project>
        """;

    [Fact]
    public void References_a_package_found_in_the_nuget_cache_from_its_best_lib_folder()
    {
        // xunit.assert ships lib/netstandard1.1 and lib/net6.0; either binds Xunit.Assert.
        var assert = typeof(Assert).Assembly.Location;
        folder.Write("nuget/xunit.assert/2.9.3/lib/net6.0/placeholder.txt", "");
        File.Copy(assert, Path.Combine(folder.Path, "nuget/xunit.assert/2.9.3/lib/net6.0/xunit.assert.dll"));
        folder.Write("nuget/xunit.assert/2.9.3/lib/net462/wrong.dll", "not an assembly");
        var project = folder.Write("a/A.csproj", Library("""<PackageReference Include="xunit.assert" Version="2.9.3" /><PackageReference Include="xunit.assert.missing" Version="1.0" />"""));
        folder.Write("a/UsesPackage.cs", "public static class UsesPackage { public static void M() => Xunit.Assert.True(true); }");

        var compiled = Compiler().Compile(project)!;

        Assert.Equal(["xunit.assert.missing 1.0"], compiled.MissingPackages);
        Assert.Empty(compiled.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Breaks_a_reference_cycle_at_the_project_that_closes_it_with_a_note()
    {
        var a = folder.Write("a/A.csproj", Library("""<ProjectReference Include="..\b\B.csproj" />"""));
        folder.Write("b/B.csproj", Library("""<ProjectReference Include="..\a\A.csproj" />"""));
        folder.Write("a/A.cs", "public sealed class A { }");
        folder.Write("b/B.cs", "public sealed class B { }");
        var compiler = Compiler();

        var compiledA = compiler.Compile(a)!;
        var compiledB = compiler.Compile(Path.Combine(folder.Path, "b/B.csproj"))!;

        Assert.Contains(compiledB.Notes, n => n.StartsWith("reference cycle: A.csproj", StringComparison.Ordinal));
        Assert.Contains(compiledA.Compilation.References, r => r is CompilationReference c && c.Compilation.AssemblyName == "B");
        Assert.Same(compiledB, compiler.Compile(Path.Combine(folder.Path, "b", "..", "b", "B.csproj")));
    }

    [Fact]
    public void Notes_a_project_reference_whose_file_does_not_exist()
    {
        var a = folder.Write("a/A.csproj", Library("""<ProjectReference Include="..\gone\Gone.csproj" />"""));

        var compiled = Compiler().Compile(a)!;

        Assert.Contains(compiled.Notes, n => n.StartsWith("project reference not found:", StringComparison.Ordinal) && n.EndsWith("Gone.csproj", StringComparison.Ordinal));
    }
}
