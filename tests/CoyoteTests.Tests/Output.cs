namespace TrackerRace.CoyoteTests.Tests;

/// <summary>A fresh folder per test for what a failing exploration writes, so tests never read each other's files.</summary>
internal static class Output
{
    public static string Folder() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "trackerrace-tests", Guid.NewGuid().ToString("N"))).FullName;
}
