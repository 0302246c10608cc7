using System.Diagnostics.CodeAnalysis;

namespace TrackerRace.Coyote.Tests.RuleProofs;

/// <summary>
/// TRK002's example: <c>if (now - lastActive &gt; max) Destroy();</c> in a periodic check, against the fixed check that
/// also asks whether work is queued, under the lock that queues it. PowerJob #1033 in miniature.
/// </summary>
public sealed class Trk002IdleDecidedByTimeAlone
{
    [Fact]
    public Task The_time_only_idle_check_loses_work_posted_in_the_checks_second() =>
        Proof.LosesWorkAsync(ctx => RunAsync(ctx, fixedForm: false), "Accepted work was lost");

    [Fact]
    public Task The_idle_check_that_asks_for_queued_work_loses_nothing() =>
        Proof.HoldsAsync(ctx => RunAsync(ctx, fixedForm: true));

    private static async Task RunAsync(ExplorationContext ctx, bool fixedForm)
    {
        var worker = new IdleWorker(ctx.Clock, ctx.Ledger, fixedForm);
        await Task.Delay(ctx.Choose.Duration(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(35), what: "work arrives at"), ctx.Clock);
        Proof.Offer(ctx, "task", () => worker.Post("task"));
        await worker.Stopped;
        ctx.Ledger.AssertAll();
    }

    private sealed class IdleWorker
    {
        private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(20);
        private readonly object gate = new();
        private readonly Queue<string> queue = new();
        private readonly TimeProvider time;
        private readonly Oracles.WorkLedger ledger;
        private readonly bool fixedForm;
        private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DateTimeOffset lastActive;
        private bool destroyed;

        public IdleWorker(TimeProvider time, Oracles.WorkLedger ledger, bool fixedForm)
        {
            (this.time, this.ledger, this.fixedForm) = (time, ledger, fixedForm);
            this.lastActive = time.GetUtcNow();
            _ = Task.Run(this.CheckLoopAsync);
        }

        public Task Stopped => this.stopped.Task;

        public bool Post(string id)
        {
            lock (this.gate)
            {
                if (this.destroyed)
                {
                    return false;
                }

                this.queue.Enqueue(id);
            }

            _ = Task.Run(this.RunQueued);
            return true;
        }

        private void RunQueued()
        {
            lock (this.gate)
            {
                while (!this.destroyed && this.queue.TryDequeue(out var id))
                {
                    this.ledger.Delivered(id, "worker");
                    this.ledger.Completed(id, "worker");
                    this.lastActive = this.time.GetUtcNow();
                }
            }
        }

        private async Task CheckLoopAsync()
        {
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(10), this.time);
            while (await tick.WaitForNextTickAsync())
            {
                if (this.fixedForm ? this.DestroyIfIdle() : this.DestroyIfIdleByTime())
                {
                    this.stopped.SetResult();
                    return;
                }
            }
        }

        [SuppressMessage("Reliability", "TRK002:Idle decided by time alone", Justification = "The rule's example, kept to prove it with Coyote.")]
        private bool DestroyIfIdleByTime()
        {
            if (this.time.GetUtcNow() - this.lastActive > MaxIdle)
            {
                this.Destroy();
                return true;
            }

            return false;
        }

        private bool DestroyIfIdle()
        {
            lock (this.gate)
            {
                if (this.time.GetUtcNow() - this.lastActive > MaxIdle && this.queue.Count == 0)
                {
                    this.Destroy();
                    return true;
                }

                return false;
            }
        }

        private void Destroy()
        {
            lock (this.gate)
            {
                this.destroyed = true;
            }
        }
    }
}
