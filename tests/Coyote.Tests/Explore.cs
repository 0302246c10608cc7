namespace TrackerRace.Coyote.Tests;

/// <summary>Small explorations for the tests: few iterations, output in a folder of the test's own.</summary>
internal static class Explore
{
    public static ExplorationOptions Options(int iterations = 20, uint seed = 0) => new()
    {
        Iterations = iterations,
        Seed = seed,
        OutputDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "trackerrace-coyote-tests", Guid.NewGuid().ToString("N"))).FullName,
    };
}
