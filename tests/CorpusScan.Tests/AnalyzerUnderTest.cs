namespace TrackerRace.CorpusScan.Tests;

/// <summary>The TrackerRace.Analyzers.dll of this build, copied next to the tests by the project file.</summary>
internal static class AnalyzerUnderTest
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "analyzer-under-test", "TrackerRace.Analyzers.dll");
}
