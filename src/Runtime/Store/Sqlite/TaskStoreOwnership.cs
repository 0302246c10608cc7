using System.Diagnostics;
using System.Globalization;

namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// One process owns a task store file. A second process on the same file would number its job instances from the same
/// highest id, write its outcomes into the first one's live instances, and leave a restart nothing to resume. The owner
/// holds an exclusive lock on <c>{file}.lock</c> (flock on Unix, a sharing lock on Windows) while it uses the file; the
/// OS drops the lock when the process dies, by SIGKILL too, so a restarted process takes over at once. Who holds it is
/// written beside it in <c>{file}.owner</c>, so that a refused process can name the holder. Within one process the
/// claim is shared and counted: a cluster started again in the same process opens its own file again.
/// </summary>
internal sealed class TaskStoreOwnership : IDisposable
{
    private const int WouldBlock = 11; // EWOULDBLOCK from flock on Linux, as .NET reports it in HResult.
    private const int SharingViolation = unchecked((int)0x80070020); // Windows ERROR_SHARING_VIOLATION.

    private static readonly Dictionary<string, Claim> Claims = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly string filePath;
    private bool released;

    private TaskStoreOwnership(string filePath) => this.filePath = filePath;

    /// <summary>The file beside the task store that the owner holds locked.</summary>
    public static string LockFileOf(string filePath) => filePath + ".lock";

    /// <summary>The file beside the task store that names its owner.</summary>
    public static string OwnerFileOf(string filePath) => filePath + ".owner";

    /// <summary>Takes (or, in this process, shares) ownership of <paramref name="filePath"/>.</summary>
    /// <exception cref="TaskStoreFileException">Another process owns it, or the lock file cannot be created.</exception>
    public static TaskStoreOwnership Take(string filePath)
    {
        lock (Claims)
        {
            if (Claims.TryGetValue(filePath, out var held))
            {
                held.Count++;
                return new TaskStoreOwnership(filePath);
            }

            Claims.Add(filePath, new Claim(Lock(filePath)));
            WriteOwner(filePath);
            return new TaskStoreOwnership(filePath);
        }
    }

    /// <summary>Gives up this share of the claim; the last one in the process releases the lock.</summary>
    public void Dispose()
    {
        lock (Claims)
        {
            if (this.released)
            {
                return;
            }

            this.released = true;
            var held = Claims[this.filePath];
            if (--held.Count == 0)
            {
                Claims.Remove(this.filePath);
                held.Lock.Dispose();
            }
        }
    }

    private static FileStream Lock(string filePath)
    {
        var lockFile = LockFileOf(filePath);
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult is WouldBlock or SharingViolation)
        {
            throw new TaskStoreFileException(filePath, TaskStoreFileProblem.OwnedByAnotherProcess,
                $"another process uses it: {Holder(filePath)}. Two processes on one task store would number their job instances alike and overwrite each other's; stop that process (a restart after it exits resumes its unfinished jobs), or give this one a directory of its own.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TaskStoreFileException(filePath, TaskStoreFileProblem.NotWritable,
                $"the process cannot create its lock file '{lockFile}' (read-only directory or file system, or no permission): {e.Message}", e);
        }
    }

    private static string Holder(string filePath)
    {
        try
        {
            var owner = File.ReadAllText(OwnerFileOf(filePath)).Trim();
            return owner.Length > 0 ? owner : $"the holder did not write '{OwnerFileOf(filePath)}' yet";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"its lock file '{LockFileOf(filePath)}' is held, and who holds it could not be read from '{OwnerFileOf(filePath)}' ({e.Message})";
        }
    }

    private static void WriteOwner(string filePath)
    {
        using var self = Process.GetCurrentProcess();
        var owner = string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} ({self.ProcessName}) on host '{Environment.MachineName}', owner since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z");
        try
        {
            File.WriteAllText(OwnerFileOf(filePath), owner + Environment.NewLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock is what protects the file; without the name a refused process says only that the lock is held.
        }
    }

    private sealed class Claim(FileStream fileLock)
    {
        public FileStream Lock { get; } = fileLock;

        public int Count { get; set; } = 1;
    }
}
