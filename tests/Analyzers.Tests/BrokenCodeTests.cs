using TrackerRace.Analyzers.Tests.Verification;

namespace TrackerRace.Analyzers.Tests;

/// <summary>Every rule over half-typed code, as an IDE sees it between keystrokes: none may throw.</summary>
public sealed class BrokenCodeTests
{
    [Theory]
    [InlineData("class Worker : System.IDisposable { System.Collections.Generic.Queue<int> queue; public void Dispose() { queue. } }")]
    [InlineData("class Worker { System.Collections.Concurrent.ConcurrentQueue<int> queue; void Stop() { if (queue.IsEmpty { Stop(; } }")]
    [InlineData("class Worker { Missing queue; void Destroy() => Undefined.Dispose(); }")]
    [InlineData("class W { System.Collections.Generic.Queue<int> queue; async System.Threading.Tasks.Task Stop() { if (queue.Count == 0) { await ; Dispose(); } } }")]
    [InlineData("class W { object gate; System.Collections.Generic.Queue<int> queue; void Stop() { lock (gate) { if (queue.Count == 0) Shutdown( } } }")]
    [InlineData("class W : System.IDisposable { System.Collections.Generic.Queue<int> queue; public void Add(int x) { queue.Enqueue( } public void Dispose() { } }")]
    [InlineData("class W { System.Collections.Generic.Queue<int> queue; bool d; public void Post(int x) { lock () { queue.Enqueue(x); } } void Stop() => d = ; }")]
    [InlineData("enum V { A, [TrackerRace.Annotations.Teardown] B } class P { V Decide(IMissing c) => c.Pending ? V.A : ; }")]
    [InlineData("class T { long last; void Tick(long now) { if (now - last > ) { Dispose(); } } void Dispose( }")]
    [InlineData("partial class Half { System.Threading.Channels.Channel<int> work; [TrackerRace.Annotations.GuardedBy(\"nope\")] System.Collections.Generic.List<int> pending; public void Stop() { while (true) { work.Writer.TryWrite(1); goto done; } done: ; }")]
    public async Task No_rule_throws(string source)
    {
        var thrown = await BrokenCode.AnalyzerExceptionsAsync(source);

        Assert.Empty(thrown);
    }

    [Fact]
    public async Task The_check_itself_sees_an_analyzer_that_throws()
    {
        var thrown = await BrokenCode.AnalyzerExceptionsAsync("class C { void M() { } }", [new ThrowingAnalyzer()]);

        Assert.Contains(thrown, t => t.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal));
    }

    // A deliberately broken analyzer that never ships: release tracking and the extended rules do not apply.
#pragma warning disable RS1036, RS2008
    [Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer
    {
        private static readonly Microsoft.CodeAnalysis.DiagnosticDescriptor Rule = new("TST001", "t", "t", "t", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, true);

        public override System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Microsoft.CodeAnalysis.Diagnostics.GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), Microsoft.CodeAnalysis.SymbolKind.Method);
        }
    }
#pragma warning restore RS1036, RS2008
}
