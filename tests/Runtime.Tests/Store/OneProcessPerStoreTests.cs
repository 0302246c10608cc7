using TrackerRace.Runtime.Store.Sqlite;
using TrackerRace.TestSupport;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>
/// Two real processes on one task store directory (<c>samples/DurableJob</c>): the second is refused, naming the first,
/// and writes nothing; after the first is killed with SIGKILL mid-job, a new process resumes the job and finishes it.
/// </summary>
public sealed class OneProcessPerStoreTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [UnixFact]
    public async Task A_second_process_is_refused_naming_the_owner_and_a_restart_after_kill_9_resumes_the_job()
    {
        var sample = ChildProcess.RecordedPath(typeof(OneProcessPerStoreTests).Assembly, "DurableJobAssembly");
        var gate = this.folder.File("release");
        using var first = ChildProcess.Start(sample, this.folder.Path, "--gate", gate);
        await first.Until(() => first.Printed.Contains("Started instance 1 of 'durable-count'", StringComparison.Ordinal), "job started by the first process");

        using var second = ChildProcess.Start(sample, this.folder.Path);
        var refused = await second.Exit();
        var inProcess = Assert.Throws<TaskStoreFileException>(() => new SqliteTaskStores(this.folder.Path).HighestInstanceId("n0"));

        Assert.True(refused == 3, $"exit {refused}, expected 3 (refused):\n{second.Printed}");
        Assert.Contains($"another process uses it: process {first.Id} (dotnet)", second.Printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Started instance", second.Printed, StringComparison.Ordinal);
        Assert.Equal(TaskStoreFileProblem.OwnedByAnotherProcess, inProcess.Problem);
        Assert.EndsWith("n0.tasks.db", inProcess.FilePath, StringComparison.Ordinal);
        Assert.False(first.HasExited, first.Printed);

        first.Kill();
        await File.WriteAllTextAsync(gate, "go");
        using var restarted = ChildProcess.Start(sample, this.folder.Path);
        var finished = await restarted.Exit();

        Assert.True(finished == 0, $"exit {finished}:\n{restarted.Printed}");
        Assert.Contains("Resumed instance 1 of 'durable-count'", restarted.Printed, StringComparison.Ordinal);
        Assert.Contains("Succeeded: 10", restarted.Printed, StringComparison.Ordinal);
    }

    [Fact]
    public void In_one_process_the_files_are_shared_and_disposing_the_last_user_gives_them_up()
    {
        var path = this.folder.File("n0.tasks.db");
        var first = SqliteTaskDatabase.Open(path);
        var second = SqliteTaskDatabase.Open(path);

        first.Dispose();
        var stillHeld = IsLocked(path);
        second.Dispose();

        Assert.True(stillHeld);
        Assert.False(IsLocked(path));
    }

    // What another process meets: the lock file open exclusively (flock on Unix).
    private static bool IsLocked(string path)
    {
        try
        {
            using var probe = new FileStream(path + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
