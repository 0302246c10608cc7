using Microsoft.Data.Sqlite;
using TrackerRace.Runtime.Store;
using TrackerRace.Runtime.Store.Sqlite;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Tests.Store;

/// <summary>The store contract on SQLite, then what only a file has: restarts, crashes, and files that cannot be used.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreContract, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    protected override ITaskStore NewStore(int maxResultLength = 1 << 20) =>
        SqliteTaskDatabase.Open(this.folder.File($"{Guid.NewGuid():N}.db"), new() { MaxResultLength = maxResultLength }).ForInstance(1);

    /// <summary>
    /// Undecided is not the same as "has unfinished tasks": instance 4's tasks are all finished but its TaskTracker died
    /// before deciding (reduce still to create), so a restart must resume it too.
    /// </summary>
    [Fact]
    public void A_restart_finds_every_instance_s_tasks_and_which_instances_are_undecided()
    {
        var path = this.folder.File("node.db");
        var database = SqliteTaskDatabase.Open(path);
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            database.RecordInstance(new JobInstanceRecord(id, $"job-{id}", started.AddSeconds(id)));
        }

        database.ForInstance(1).Insert([Task("0", TaskStatus.Succeeded), Task("0.1", TaskStatus.WorkerProcessing, "n1")]);
        database.ForInstance(2).Insert([Task("0", TaskStatus.Succeeded)]);
        database.ForInstance(1).Update(Task("0.1", TaskStatus.Succeeded, "n1") with { Result = "42" });
        database.ForInstance(3).Insert([Task("0", TaskStatus.DispatchedUnchecked, "n2")]);
        database.ForInstance(4).Insert([Task("0", TaskStatus.Succeeded)]);
        database.RecordOutcome(1, TrackerRace.Runtime.Jobs.JobOutcome.Succeeded);
        database.RecordOutcome(2, TrackerRace.Runtime.Jobs.JobOutcome.Failed);
        SqliteConnection.ClearAllPools();

        var restarted = SqliteTaskDatabase.Open(path, new() { CreateIfMissing = false });

        Assert.Equal([new JobInstanceRecord(3, "job-3", started.AddSeconds(3)), new JobInstanceRecord(4, "job-4", started.AddSeconds(4))], restarted.UnfinishedInstances());
        Assert.Equal("42", restarted.ForInstance(1).Find("0.1")!.Result);
        Assert.Equal(2, restarted.ForInstance(1).Count);
        Assert.Equal("n2", restarted.ForInstance(3).Find("0")!.Address);
    }

    [Fact]
    public void A_crash_between_two_writes_leaves_the_first_and_none_of_the_second()
    {
        var path = this.folder.File("node.db");
        var store = SqliteTaskDatabase.Open(path).ForInstance(1);
        Assert.True(store.Insert([Task("0.1", TaskStatus.WorkerProcessing, "n1")]).Succeeded);

        // The second write is in flight (its transaction holds the write lock) when the machine dies: what is on disk then is
        // what a restart reads.
        using (var writer = new SqliteConnection($"Data Source={path}"))
        {
            writer.Open();
            using var transaction = writer.BeginTransaction(deferred: false);
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE tasks SET status = 6, result = 'done' WHERE task_id = '0.1'; INSERT INTO tasks (instance_id, task_id, task_name, status, failed_count, created_time, last_modified_time, last_report_time, ever_received) VALUES (1, '0.2', 'map', 1, 0, 1, 1, -1, 0);";
            command.ExecuteNonQuery();
            CopyFilesAsTheyAre(path, this.folder.File("crashed.db"));
        }

        SqliteConnection.ClearAllPools();
        var afterCrash = SqliteTaskDatabase.Open(this.folder.File("crashed.db"), new() { CreateIfMissing = false }).ForInstance(1);

        Assert.Equal(TaskStatus.WorkerProcessing, afterCrash.Find("0.1")!.Status);
        Assert.Null(afterCrash.Find("0.2"));
    }

    [Fact]
    public void Even_a_writer_outside_the_store_cannot_move_a_task_backwards()
    {
        var path = this.folder.File("node.db");
        SqliteTaskDatabase.Open(path).ForInstance(1).Insert([Task("0.1", TaskStatus.Succeeded)]);
        var error = Assert.Throws<SqliteException>(() => Outside(path, "UPDATE tasks SET status = 4 WHERE task_id = '0.1'").Dispose());

        Assert.Contains("monotonic status rule", error.Message);
    }

    [Fact]
    public void A_missing_file_on_restart_is_an_error_naming_it_not_an_empty_table()
    {
        var path = this.folder.File("gone.db");

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path, new() { CreateIfMissing = false }));

        Assert.Equal(TaskStoreFileProblem.Missing, error.Problem);
        Assert.Contains($"Task store '{path}': the file does not exist", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_named()
    {
        var path = Path.Combine(this.folder.Path, "no-such-dir", "node.db");

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path));

        Assert.Equal(TaskStoreFileProblem.Missing, error.Problem);
        Assert.Contains("no-such-dir' does not exist", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_corrupt_named_and_left_as_it_was()
    {
        var path = this.folder.File("node.db");
        var store = SqliteTaskDatabase.Open(path).ForInstance(1);
        store.Insert([.. Enumerable.Range(0, 2_000).Select(i => Task($"0.{i}") with { Content = new string('c', 200) })]);
        SqliteConnection.ClearAllPools();
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var truncated = File.ReadAllBytes(path);

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path, new() { CreateIfMissing = false }));

        Assert.Equal(TaskStoreFileProblem.Corrupt, error.Problem);
        Assert.Contains(path, error.Message);
        Assert.Equal(truncated, File.ReadAllBytes(path));
    }

    [Fact]
    public void An_empty_file_on_restart_is_refused_not_started_over()
    {
        var path = this.folder.File("node.db");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path, new() { CreateIfMissing = false }));

        Assert.Equal(TaskStoreFileProblem.Corrupt, error.Problem);
        Assert.Contains("the file is empty", error.Message);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_corrupt_and_not_overwritten()
    {
        var path = this.folder.File("node.db");
        File.WriteAllText(path, "these are someone's notes, not a database; they must survive");

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path));

        Assert.Equal(TaskStoreFileProblem.Corrupt, error.Problem);
        Assert.Equal("these are someone's notes, not a database; they must survive", File.ReadAllText(path));
    }

    [Fact]
    public void Another_application_s_database_is_refused_untouched()
    {
        var path = this.folder.File("app.db");
        Outside(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)").Dispose();

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path));

        Assert.Equal(TaskStoreFileProblem.NotATaskStore, error.Problem);
        Assert.Contains("not a TrackerRace task store", error.Message);
    }

    [Fact]
    public void A_file_from_a_newer_schema_is_refused_untouched()
    {
        var path = this.folder.File("node.db");
        SqliteTaskDatabase.Open(path).ForInstance(1).Insert([Task("0")]);
        Outside(path, "PRAGMA user_version = 7").Dispose();
        SqliteConnection.ClearAllPools();

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path));

        Assert.Equal(TaskStoreFileProblem.NewerSchema, error.Problem);
        Assert.Contains("schema version is 7, this TrackerRace knows up to 2", error.Message);
    }

    [Fact]
    public void A_file_locked_by_another_writer_fails_the_write_as_locked_after_the_busy_timeout()
    {
        var path = this.folder.File("node.db");
        var store = SqliteTaskDatabase.Open(path, new() { BusyTimeout = TimeSpan.FromSeconds(1) }).ForInstance(1);
        using var holder = Outside(path, "BEGIN EXCLUSIVE");

        var error = Assert.Throws<TaskStoreFileException>(() => store.Insert([Task("0")]));

        Assert.Equal(TaskStoreFileProblem.Locked, error.Problem);
        Assert.Contains("held a lock on it for longer than the busy timeout (1 s)", error.Message);
    }

    [Fact]
    public void A_directory_the_process_cannot_write_to_is_named_as_not_writable()
    {
        var directory = this.UnwritableDirectory();
        var path = Path.Combine(directory, "node.db");

        var error = Assert.Throws<TaskStoreFileException>(() => SqliteTaskDatabase.Open(path));

        Assert.Equal(TaskStoreFileProblem.NotWritable, error.Problem);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_busy_timeout_that_would_mean_wait_forever_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SqliteTaskDatabase.Open(this.folder.File("node.db"), new() { BusyTimeout = TimeSpan.Zero }));

        Assert.Contains("BusyTimeout must be from 1 second to 1 hour", error.Message);
    }

    // Another process's connection to the file (unpooled, not through the store), left open after running sql.
    private static SqliteConnection Outside(string path, string sql)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // What a crash leaves: the database and its write-ahead log copied byte for byte while a write is in flight.
    private static void CopyFilesAsTheyAre(string path, string copy)
    {
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            if (File.Exists(path + suffix))
            {
                using var source = new FileStream(path + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var target = File.Create(copy + suffix);
                source.CopyTo(target);
            }
        }
    }

    // A read-only directory; root ignores permission bits, so there it is a sysfs directory no one may create files in
    // (on Windows, the Windows folder, which a test run without elevation may not write to).
    private string UnwritableDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetFolderPath(Environment.SpecialFolder.Windows);
        }

        var directory = Path.Combine(this.folder.Path, "read-only");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(directory, "probe"), string.Empty);
            File.Delete(Path.Combine(directory, "probe"));
            return "/sys";
        }
        catch (UnauthorizedAccessException)
        {
            return directory;
        }
    }
}
