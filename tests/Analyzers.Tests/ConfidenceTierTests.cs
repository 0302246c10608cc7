using Microsoft.CodeAnalysis;
using TrackerRace.Analyzers.Tests.Verification;

namespace TrackerRace.Analyzers.Tests;

/// <summary>
/// Findings the code fully backs (or the user declared) are warnings; weaker shapes are suggestions until the user raises
/// them with <c>trackerrace.heuristic_severity</c>; in test projects only declared findings are warnings.
/// </summary>
public sealed class ConfidenceTierTests
{
    private const string Confidence = "Confidence";

    // "queue" is handed in by the owner, who decides what its items are worth: a suggestion; "jobs" is a channel the type
    // makes and feeds: a warning.
    private const string Source = """
        using System;
        using System.Collections.Concurrent;
        using System.Threading.Channels;
        using TrackerRace.Annotations;
        public sealed class Outbox : IDisposable
        {
            readonly ConcurrentQueue<string> queue;
            readonly Channel<Action> jobs = Channel.CreateUnbounded<Action>();
            [PendingWork] readonly ConcurrentQueue<string> declared = new();
            bool disposed;
            public Outbox(ConcurrentQueue<string> shared) => queue = shared;
            public void Post(string message) => queue.Enqueue(message);
            public void Flush() { while (queue.TryDequeue(out var message)) Console.WriteLine(message); }
            public void Submit(Action job) => jobs.Writer.TryWrite(job);
            public void Note(string line) => declared.Enqueue(line);
            public void Dispose() => disposed = true;
            public bool IsDisposed => disposed;
        }
        """;

    [Fact]
    public async Task Evidence_and_declarations_warn_and_a_weaker_shape_is_a_suggestion_by_default()
    {
        var found = await AnalyzerRun.DiagnosticsAsync(Source, analyzers: new DispatchAfterTeardownAnalyzer());

        Assert.Equal(
            ["Post:Info:heuristic", "Submit:Warning:evidence", "Note:Warning:declared"],
            found.Select(d => $"{d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]}:{d.Severity}:{d.Properties[Confidence]}"));
    }

    [Theory]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("silent", DiagnosticSeverity.Hidden)]
    public async Task Editorconfig_raises_or_lowers_the_weaker_shapes_only(string level, DiagnosticSeverity expected)
    {
        var found = await AnalyzerRun.DiagnosticsAsync(
            Source,
            new Dictionary<string, string> { ["trackerrace.heuristic_severity"] = level },
            analyzers: new DispatchAfterTeardownAnalyzer());

        Assert.Equal(expected, found.Single(d => d.Properties[Confidence] == "heuristic").Severity);
        Assert.All(found.Where(d => d.Properties[Confidence] != "heuristic"), d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public async Task Editorconfig_none_drops_the_weaker_shapes()
    {
        var found = await AnalyzerRun.DiagnosticsAsync(
            Source,
            new Dictionary<string, string> { ["trackerrace.heuristic_severity"] = "none" },
            analyzers: new DispatchAfterTeardownAnalyzer());

        Assert.Equal(["evidence", "declared"], found.Select(d => d.Properties[Confidence]));
    }

    [Fact]
    public async Task In_a_test_project_only_declared_findings_warn()
    {
        var found = await AnalyzerRun.DiagnosticsAsync(Source, assemblyName: "Outbox.Tests", analyzers: new DispatchAfterTeardownAnalyzer());

        Assert.Equal(
            ["Post:Info", "Submit:Info", "Note:Warning"],
            found.Select(d => $"{d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]}:{d.Severity}"));
    }
}
