namespace TrackerRace.Analyzers.Tests;

/// <summary>The clone the tests run from: the folder above the test's output that holds Analyzers.sln.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Analyzers.sln above {AppContext.BaseDirectory}.");
    }
}
