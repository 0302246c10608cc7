using System.Diagnostics.CodeAnalysis;
using TrackerRace.Annotations;

namespace TrackerRace.Coyote.Tests.RuleProofs;

/// <summary>
/// TRK005's example, the owner's half of PowerJob #1033: on a worker's idle report, fail every task addressed to it,
/// delivered or not; against the owner that fails only what the worker had and hands the rest to a new worker.
/// </summary>
public sealed class Trk005UndeliveredWorkFailed
{
    [Fact]
    public Task Failing_everything_addressed_to_an_idle_worker_fails_work_it_never_had() =>
        Proof.LosesWorkAsync(ctx => RunAsync(ctx, fixedForm: false), "Work that was never delivered was failed: task-2");

    [Fact]
    public Task Failing_only_delivered_work_and_dispatching_the_rest_again_fails_nothing_undelivered() =>
        Proof.HoldsAsync(ctx => RunAsync(ctx, fixedForm: true));

    // Task 1 is dispatched at once; task 2 is assigned to the same worker and waits for the next dispatch round, which
    // may come after the worker's idle report.
    private static async Task RunAsync(ExplorationContext ctx, bool fixedForm)
    {
        var owner = new Owner(ctx.Ledger);
        ctx.Ledger.Accepted("task-1", by: "owner");
        owner.Assign("w1", "task-1");
        owner.Dispatch();
        ctx.Ledger.Accepted("task-2", by: "owner");
        owner.Assign("w1", "task-2");

        var dispatch = Task.Run(async () => { await Task.Delay(TimeSpan.FromSeconds(5), ctx.Clock); owner.Dispatch(); });
        var idle = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.Clock);
            if (fixedForm)
            {
                owner.OnWorkerIdle("w1", replacement: "w2");
            }
            else
            {
                owner.OnWorkerIdleFailAll("w1");
            }
        });
        await Task.WhenAll(new[] { dispatch, idle });
        owner.Dispatch();
        ctx.Ledger.AssertNothingFailedThatWasNeverDelivered();
    }

    private sealed class Owner(Oracles.WorkLedger ledger)
    {
        private readonly object gate = new();

        [PendingWork]
        private readonly Dictionary<string, List<(string Task, bool Sent)>> pendingByWorker = [];

        public void Assign(string worker, string task)
        {
            lock (this.gate)
            {
                if (!this.pendingByWorker.TryGetValue(worker, out var tasks))
                {
                    this.pendingByWorker[worker] = tasks = [];
                }

                tasks.Add((task, false));
            }
        }

        // Sends what is unsent; the worker runs it to completion at once.
        public void Dispatch()
        {
            lock (this.gate)
            {
                foreach (var (worker, tasks) in this.pendingByWorker)
                {
                    for (var i = 0; i < tasks.Count; i++)
                    {
                        if (!tasks[i].Sent)
                        {
                            tasks[i] = (tasks[i].Task, true);
                            ledger.Delivered(tasks[i].Task, worker);
                        }
                    }
                }
            }
        }

        [SuppressMessage("Reliability", "TRK005:Work never delivered is failed with its component", Justification = "The rule's example, kept to prove it with Coyote.")]
        public void OnWorkerIdleFailAll(string worker)
        {
            lock (this.gate)
            {
                foreach (var (task, _) in this.pendingByWorker.GetValueOrDefault(worker) ?? [])
                {
                    ledger.Failed(task, "worker went idle", "owner");
                }

                this.pendingByWorker.Remove(worker);
            }
        }

        public void OnWorkerIdle(string worker, string replacement)
        {
            lock (this.gate)
            {
                foreach (var (task, sent) in this.pendingByWorker.GetValueOrDefault(worker) ?? [])
                {
                    if (sent)
                    {
                        ledger.Failed(task, "worker went idle while running it", "owner");
                    }
                    else
                    {
                        if (!this.pendingByWorker.TryGetValue(replacement, out var tasks))
                        {
                            this.pendingByWorker[replacement] = tasks = [];
                        }

                        tasks.Add((task, false));
                    }
                }

                this.pendingByWorker.Remove(worker);
            }
        }
    }
}
