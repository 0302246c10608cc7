using Microsoft.Data.Sqlite;
using TrackerRace.Runtime.Protocol;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// One job instance's tasks in a node's <see cref="SqliteTaskDatabase"/>. Every write is one transaction: a batch of
/// new tasks is stored whole or not at all, and a status change is read, checked against the monotonic rule and written
/// under the write lock, so a crash leaves each task either before or after a transition, never between. Safe to call
/// from several threads (a connection per call, from the pool; WAL lets readers run beside the writer).
/// </summary>
public sealed class SqliteTaskStore : ITaskStore
{
    private readonly SqliteTaskDatabase database;
    private readonly int maxResultLength;

    internal SqliteTaskStore(SqliteTaskDatabase database, long instanceId, int maxResultLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResultLength);
        this.database = database;
        this.InstanceId = instanceId;
        this.maxResultLength = maxResultLength;
    }

    /// <summary>The job instance whose tasks this store holds.</summary>
    public long InstanceId { get; }

    /// <inheritdoc />
    public int Count => this.database.Read(connection =>
    {
        using var command = this.Command(connection, "SELECT count(*) FROM tasks WHERE instance_id = $instance");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <inheritdoc />
    public StoreResult Insert(IReadOnlyList<TaskRecord> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        // The batch is checked here; ids already in the file are checked inside the transaction.
        if (TaskWriteChecks.InsertRefusal(tasks, this.maxResultLength, _ => false) is { } refused)
        {
            return StoreResult.Fail(refused);
        }

        return this.database.Write((connection, transaction) =>
        {
            foreach (var task in tasks)
            {
                using var exists = this.Command(connection, "SELECT 1 FROM tasks WHERE instance_id = $instance AND task_id = $id", transaction);
                exists.Parameters.AddWithValue("$id", task.TaskId);
                if (exists.ExecuteScalar() is not null)
                {
                    return StoreResult.Fail(TaskWriteChecks.Duplicate(task.TaskId));
                }

                using var insert = this.Command(connection, $"INSERT INTO tasks (instance_id, {TaskStoreSchema.Columns}) VALUES ($instance, $id, $name, $content, $address, $status, $result, $failed, $created, $modified, $reported, $received)", transaction);
                Bind(insert, task);
                insert.ExecuteNonQuery();
            }

            return StoreResult.Ok;
        });
    }

    /// <inheritdoc />
    public StoreResult Update(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (TaskWriteChecks.ResultRefusal(task, this.maxResultLength) is { } error)
        {
            return StoreResult.Fail(error);
        }

        return this.database.Write((connection, transaction) =>
        {
            var current = this.FindIn(connection, task.TaskId, transaction);
            if (current is null)
            {
                return StoreResult.Fail($"task id '{task.TaskId}' does not exist");
            }

            if (StatusTransition.Refusal(current, task) is { } backwards)
            {
                return StoreResult.Fail(backwards);
            }

            using var update = this.Command(connection, "UPDATE tasks SET task_name = $name, content = $content, address = $address, status = $status, result = $result, failed_count = $failed, created_time = $created, last_modified_time = $modified, last_report_time = $reported, ever_received = $received WHERE instance_id = $instance AND task_id = $id", transaction);
            Bind(update, task);
            update.ExecuteNonQuery();
            return StoreResult.Ok;
        });
    }

    /// <inheritdoc />
    public TaskRecord? Find(string taskId) => this.database.Read(connection => this.FindIn(connection, taskId, null));

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> GetByStatus(TaskStatus status, int limit) =>
        this.Select("status = $status ORDER BY seq LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$status", (int)status);
            c.Parameters.AddWithValue("$limit", limit);
        });

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> GetUnfinishedByAddress(string address) =>
        this.Select("status < 5 AND address = $address COLLATE NOCASE ORDER BY seq", c => c.Parameters.AddWithValue("$address", address));

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> GetFinishedResults() =>
        this.Select("status >= 5 AND task_name <> $last ORDER BY seq", c => c.Parameters.AddWithValue("$last", TaskNames.Last));

    /// <inheritdoc />
    public IReadOnlyDictionary<TaskStatus, int> CountByStatus() => this.database.Read(connection =>
    {
        var counts = Enum.GetValues<TaskStatus>().ToDictionary(s => s, _ => 0);
        using var command = this.Command(connection, "SELECT status, count(*) FROM tasks WHERE instance_id = $instance GROUP BY status");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[(TaskStatus)reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return (IReadOnlyDictionary<TaskStatus, int>)counts;
    });

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> Snapshot() => this.Select("1 = 1 ORDER BY seq", _ => { });

    private IReadOnlyList<TaskRecord> Select(string where, Action<SqliteCommand> bind) => this.database.Read(connection =>
    {
        using var command = this.Command(connection, $"SELECT {TaskStoreSchema.Columns} FROM tasks WHERE instance_id = $instance AND {where}");
        bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<TaskRecord>();
        while (reader.Read())
        {
            rows.Add(Row(reader));
        }

        return (IReadOnlyList<TaskRecord>)rows;
    });

    private TaskRecord? FindIn(SqliteConnection connection, string taskId, SqliteTransaction? transaction)
    {
        using var command = this.Command(connection, $"SELECT {TaskStoreSchema.Columns} FROM tasks WHERE instance_id = $instance AND task_id = $id", transaction);
        command.Parameters.AddWithValue("$id", taskId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$instance", this.InstanceId);
        return command;
    }

    private static void Bind(SqliteCommand command, TaskRecord task)
    {
        command.Parameters.AddWithValue("$id", task.TaskId);
        command.Parameters.AddWithValue("$name", task.TaskName);
        command.Parameters.AddWithValue("$content", (object?)task.Content ?? DBNull.Value);
        command.Parameters.AddWithValue("$address", (object?)task.Address ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", (int)task.Status);
        command.Parameters.AddWithValue("$result", (object?)task.Result ?? DBNull.Value);
        command.Parameters.AddWithValue("$failed", task.FailedCount);
        command.Parameters.AddWithValue("$created", task.CreatedTime);
        command.Parameters.AddWithValue("$modified", task.LastModifiedTime);
        command.Parameters.AddWithValue("$reported", task.LastReportTime);
        command.Parameters.AddWithValue("$received", task.EverReceived ? 1 : 0);
    }

    private static TaskRecord Row(SqliteDataReader reader) => new()
    {
        TaskId = reader.GetString(0),
        TaskName = reader.GetString(1),
        Content = reader.IsDBNull(2) ? null : reader.GetString(2),
        Address = reader.IsDBNull(3) ? null : reader.GetString(3),
        Status = (TaskStatus)reader.GetInt32(4),
        Result = reader.IsDBNull(5) ? null : reader.GetString(5),
        FailedCount = reader.GetInt32(6),
        CreatedTime = reader.GetInt64(7),
        LastModifiedTime = reader.GetInt64(8),
        LastReportTime = reader.GetInt64(9),
        EverReceived = reader.GetInt32(10) != 0,
    };
}
