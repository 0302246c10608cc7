using TrackerRace.Runtime.Faults;
using TrackerRace.Runtime.Store;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Tracking;

/// <summary>
/// A TaskTracker's view of its table that stops working when its node crashes: a handler caught mid-way by the crash
/// unwinds at its next read or write instead of writing on as a zombie into the table its restarted successor uses.
/// </summary>
internal sealed class FencedTaskStore(ITaskStore inner, string node, Func<bool> crashed) : ITaskStore
{
    public int Count => this.Check().Count;

    public StoreResult Insert(IReadOnlyList<TaskRecord> tasks) => this.Check().Insert(tasks);

    public StoreResult Update(TaskRecord task) => this.Check().Update(task);

    public TaskRecord? Find(string taskId) => this.Check().Find(taskId);

    public IReadOnlyList<TaskRecord> GetByStatus(TaskStatus status, int limit) => this.Check().GetByStatus(status, limit);

    public IReadOnlyList<TaskRecord> GetUnfinishedByAddress(string address) => this.Check().GetUnfinishedByAddress(address);

    public IReadOnlyList<TaskRecord> GetFinishedResults() => this.Check().GetFinishedResults();

    public IReadOnlyDictionary<TaskStatus, int> CountByStatus() => this.Check().CountByStatus();

    public IReadOnlyList<TaskRecord> Snapshot() => this.Check().Snapshot();

    private ITaskStore Check() => crashed() ? throw new NodeCrashedException(node, CrashPoint.TaskTrackerAfterWriteBeforeReply) : inner;
}
