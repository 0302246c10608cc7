using TrackerRace.Runtime.Protocol;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Store;

/// <summary>
/// A thread-safe in-memory <see cref="ITaskStore"/>. It keeps insertion order so that the dispatcher
/// picks tasks in the order map created them, as PowerJob's table scan does.
/// </summary>
public sealed class InMemoryTaskStore : ITaskStore
{
    // A Monitor on purpose, though each enter is a Coyote scheduling point: besides its TaskTracker's handlers, the reduce
    // reads the table from a pool worker of the tracker on the same node, and may meet a handler halfway through its writes.
    private readonly object gate = new();
    private readonly Dictionary<string, TaskRecord> rows = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly int maxResultLength;

    /// <summary>Creates a store that refuses results longer than <paramref name="maxResultLength"/> characters.</summary>
    public InMemoryTaskStore(int maxResultLength = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResultLength);
        this.maxResultLength = maxResultLength;
    }

    /// <inheritdoc />
    public int Count
    {
        get { lock (this.gate) { return this.rows.Count; } }
    }

    /// <inheritdoc />
    public StoreResult Insert(IReadOnlyList<TaskRecord> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        lock (this.gate)
        {
            if (TaskWriteChecks.InsertRefusal(tasks, this.maxResultLength, this.rows.ContainsKey) is { } refused)
            {
                return StoreResult.Fail(refused);
            }

            foreach (var task in tasks)
            {
                this.rows.Add(task.TaskId, task);
                this.order.Add(task.TaskId);
            }

            return StoreResult.Ok;
        }
    }

    /// <inheritdoc />
    public StoreResult Update(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (this.gate)
        {
            if (!this.rows.TryGetValue(task.TaskId, out var current))
            {
                return StoreResult.Fail($"task id '{task.TaskId}' does not exist");
            }

            if (StatusTransition.Refusal(current, task) is { } backwards)
            {
                return StoreResult.Fail(backwards);
            }

            if (TaskWriteChecks.ResultRefusal(task, this.maxResultLength) is { } error)
            {
                return StoreResult.Fail(error);
            }

            this.rows[task.TaskId] = task;
            return StoreResult.Ok;
        }
    }

    /// <inheritdoc />
    public TaskRecord? Find(string taskId)
    {
        lock (this.gate)
        {
            return this.rows.GetValueOrDefault(taskId);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> GetByStatus(TaskStatus status, int limit) =>
        this.Select(t => t.Status == status, limit);

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> GetUnfinishedByAddress(string address) =>
        this.Select(t => !t.Status.IsFinished() && string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase), int.MaxValue);

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> GetFinishedResults() =>
        this.Select(t => t.Status.IsFinished() && t.TaskName != TaskNames.Last, int.MaxValue);

    /// <inheritdoc />
    public IReadOnlyDictionary<TaskStatus, int> CountByStatus()
    {
        lock (this.gate)
        {
            var counts = Enum.GetValues<TaskStatus>().ToDictionary(s => s, _ => 0);
            foreach (var row in this.rows.Values)
            {
                counts[row.Status]++;
            }

            return counts;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord> Snapshot() => this.Select(_ => true, int.MaxValue);

    private List<TaskRecord> Select(Func<TaskRecord, bool> predicate, int limit)
    {
        lock (this.gate)
        {
            var result = new List<TaskRecord>();
            foreach (var id in this.order)
            {
                var row = this.rows[id];
                if (predicate(row))
                {
                    result.Add(row);
                    if (result.Count >= limit)
                    {
                        break;
                    }
                }
            }

            return result;
        }
    }
}
