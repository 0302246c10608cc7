using TrackerRace.TestSupport;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>A real, small tmpfs mounted in a folder of the test's own (Linux, root), unmounted with the test.</summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(string path, int kilobytes)
    {
        this.Path = Directory.CreateDirectory(path).FullName;
        ChildProcess.Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", this.Path);
    }

    public string Path { get; }

    /// <summary>What an administrator's <c>mount -o remount,ro</c> does under a running program.</summary>
    public void RemountReadOnly() => ChildProcess.Run("mount", "-o", "remount,ro", this.Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        ChildProcess.Run("umount", "-l", this.Path);
    }
}
