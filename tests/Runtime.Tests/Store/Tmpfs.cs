using System.Diagnostics;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>A real, small tmpfs mounted in a folder of the test's own (Linux, root), unmounted with the test.</summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(string path, int kilobytes)
    {
        this.Path = Directory.CreateDirectory(path).FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", this.Path);
    }

    public string Path { get; }

    /// <summary>What an administrator's <c>mount -o remount,ro</c> does under a running program.</summary>
    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", this.Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", this.Path);
    }

    public static void Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        }
    }
}
