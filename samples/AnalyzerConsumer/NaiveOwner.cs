using TrackerRace.Annotations;

namespace AnalyzerConsumer;

/// <summary>The owner's side of PowerJob #1033: on an idle report, fail everything addressed to the worker.</summary>
public sealed class NaiveOwner
{
    // Task ids are data: the code alone cannot show that this table holds work, so the owner says it.
    [PendingWork]
    private readonly Dictionary<string, List<string>> pendingByWorker = [];

    public IReadOnlyList<string> Failed => this.failed;

    private readonly List<string> failed = [];

    public void Assign(string worker, string task)
    {
        if (!this.pendingByWorker.TryGetValue(worker, out var tasks))
        {
            this.pendingByWorker[worker] = tasks = [];
        }

        tasks.Add(task);
    }

    // TRK005: a task assigned but never sent to the worker is failed along with the ones it ran.
    public void OnWorkerIdle(string worker)
    {
        foreach (var task in this.pendingByWorker.GetValueOrDefault(worker) ?? [])
        {
            this.MarkFailed(task);
        }
    }

    private void MarkFailed(string task) => this.failed.Add(task);
}
