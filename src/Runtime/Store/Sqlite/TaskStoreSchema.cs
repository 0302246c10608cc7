namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// The task table on disk (PowerJob's <c>task_info</c> in H2): one file per node, every job instance's tasks, the creation
/// order kept by <c>seq</c>, and the monotonic status rule as a trigger so that even a writer outside this class cannot
/// move a task backwards. <see cref="Version"/> is SQLite's <c>user_version</c>.
/// </summary>
internal static class TaskStoreSchema
{
    public const int Version = 2;

    // Version 2 adds the instances a node's TaskTracker started, so that a restart knows what to resume and by which job.
    private const string Instances = """
        CREATE TABLE instances (
            instance_id INTEGER PRIMARY KEY,
            job_name TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            outcome INTEGER);
        """;

    /// <summary>
    /// Version 1 to 2. A version-1 file knows its instances only by their tasks: those with unfinished tasks are kept
    /// unfinished with no job name (a resume then names them by id), the others are marked finished with outcome -1
    /// (decided before outcomes were recorded; which outcome is unknown).
    /// </summary>
    public const string UpgradeFrom1 = Instances + """
        INSERT INTO instances (instance_id, job_name, started_at, outcome)
            SELECT instance_id, '', min(created_time), CASE WHEN min(status) < 5 THEN NULL ELSE -1 END FROM tasks GROUP BY instance_id;
        PRAGMA user_version = 2;
        """;

    public const string Create = """
        CREATE TABLE tasks (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id INTEGER NOT NULL,
            task_id TEXT NOT NULL,
            task_name TEXT NOT NULL,
            content TEXT,
            address TEXT,
            status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 6),
            result TEXT,
            failed_count INTEGER NOT NULL,
            created_time INTEGER NOT NULL,
            last_modified_time INTEGER NOT NULL,
            last_report_time INTEGER NOT NULL,
            ever_received INTEGER NOT NULL,
            UNIQUE (instance_id, task_id));
        CREATE INDEX tasks_by_status ON tasks (instance_id, status, seq);
        CREATE INDEX tasks_by_address ON tasks (instance_id, address COLLATE NOCASE);
        CREATE TRIGGER tasks_monotonic_status BEFORE UPDATE OF status ON tasks
        WHEN NOT (NEW.status = OLD.status
            OR (OLD.status < 5 AND (NEW.status > OLD.status OR NEW.status = 1))
            OR (OLD.status = 5 AND (NEW.status = 6 OR (NEW.status = 1 AND NEW.failed_count > OLD.failed_count))))
        BEGIN
            SELECT RAISE(ABORT, 'monotonic status rule');
        END;
        """ + Instances + """
        PRAGMA user_version = 2;
        """;

    public const string Columns = "task_id, task_name, content, address, status, result, failed_count, created_time, last_modified_time, last_report_time, ever_received";
}
