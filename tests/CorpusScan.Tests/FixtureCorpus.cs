namespace TrackerRace.CorpusScan.Tests;

/// <summary>
/// A small code base, <c>alpha</c>, written to disk as a real one is laid out: a Directory.Build.props
/// turning on implicit usings, a multi-targeted library <c>Core</c> with three components that accept
/// work after <c>Dispose</c> (TRK004's shape) and an internal type, and an app <c>App</c> that
/// references Core and uses that internal type through <c>InternalsVisibleTo</c>.
/// </summary>
internal sealed class FixtureCorpus : IDisposable
{
    public const string CodeBase = "alpha";
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";
    public const string MissingPackage = "Fixture.Missing.Package";

    private readonly TempFolder folder = new();

    public FixtureCorpus()
    {
        folder.Write("corpus/alpha/COMMIT", Commit + "\n");
        folder.Write("corpus/alpha/Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        folder.Write("corpus/alpha/src/Core/Core.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net8.0;net10.0</TargetFrameworks>
              </PropertyGroup>
              <ItemGroup>
                <InternalsVisibleTo Include="App" />
                <PackageReference Include="{MissingPackage}" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        foreach (var name in new[] { "Mailbox", "Inbox", "Outbox" })
        {
            folder.Write($"corpus/alpha/src/Core/{name}.cs", Component(name));
        }

        folder.Write("corpus/alpha/src/Core/Secret.cs", """
            namespace Core;

            internal sealed class Secret
            {
                public int Value => 42;
            }
            """);
        folder.Write("corpus/alpha/src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="..\Core\Core.csproj" />
              </ItemGroup>
            </Project>
            """);
        folder.Write("corpus/alpha/src/App/Program.cs", """
            using var box = new Core.Mailbox();
            box.Post(() => Console.WriteLine(new Core.Secret().Value));
            """);
        Directory.CreateDirectory(NuGetPackages);
    }

    /// <summary>The folder whose subfolders are code bases.</summary>
    public string CorpusDirectory => Path.Combine(folder.Path, "corpus");

    public string Root => Path.Combine(CorpusDirectory, CodeBase);

    /// <summary>An empty NuGet cache, so the missing package is missing on every machine.</summary>
    public string NuGetPackages => Path.Combine(folder.Path, "nuget");

    public TempFolder Folder => folder;

    /// <summary>The 1-based line of the <c>Post</c> method in <c>src/Core/{name}.cs</c>: where TRK004 reports.</summary>
    public static int PostLine => LineOf("public void Post");

    /// <summary>The 1-based line of the enqueue: TRK004's "work added" location.</summary>
    public static int EnqueueLine => PostLine;

    /// <summary>The 1-based line of <c>Dispose</c>: TRK004's "teardown" location.</summary>
    public static int DisposeLine => LineOf("public void Dispose");

    /// <summary>The 1-based line of the dequeue: TRK004's "work taken" location.</summary>
    public static int DequeueLine => LineOf("TryDequeue");

    private static int LineOf(string text) =>
        Component("X").Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public static string File(string name) => $"src/Core/{name}.cs";

    public void Dispose() => folder.Dispose();

    private static string Component(string name) => $$"""
        using System.Collections.Concurrent;

        namespace Core;

        public sealed class {{name}} : IDisposable
        {
            private readonly ConcurrentQueue<Action> queue = new();
            private bool disposed;

            public void Post(Action a) => queue.Enqueue(a);

            public void Dispose() { disposed = true; }

            void Run() { while (queue.TryDequeue(out var a)) a(); }
        }
        """;
}
