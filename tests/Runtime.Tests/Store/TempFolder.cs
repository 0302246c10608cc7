namespace TrackerRace.Runtime.Tests.Store;

/// <summary>A folder of the test's own under the temp directory, deleted with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(this.Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trackerrace-store-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(this.Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open in a failing test; the temp directory is cleaned by the system.
        }
    }
}
