using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TrackerRace.Coyote.Tests.RuleProofs;

/// <summary>TRK001's example: a forced Destroy that never looks at the queue, and the fixed Destroy that refuses while work waits.</summary>
public sealed class Trk001TeardownIgnoresPendingWork
{
    [Fact]
    public Task The_flagged_destroy_loses_queued_work() =>
        Proof.LosesWorkAsync(ctx => RunAsync(ctx, fixedForm: false), "Accepted work was lost");

    [Fact]
    public Task The_fixed_destroy_loses_nothing() =>
        Proof.HoldsAsync(ctx => RunAsync(ctx, fixedForm: true));

    // A post, and a shutdown at a chosen second that retries each second while the component refuses to go.
    private static async Task RunAsync(ExplorationContext ctx, bool fixedForm)
    {
        using var inbox = new Inbox(ctx.Clock, ctx.Ledger);
        Proof.Offer(ctx, "job", () => inbox.Post("job"));
        await Task.Delay(ctx.Choose.Duration(TimeSpan.Zero, TimeSpan.FromSeconds(2), what: "shutdown after"), ctx.Clock);
        while (!(fixedForm ? inbox.Destroy() : inbox.DestroyForced()))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ctx.Clock);
        }

        await inbox.Pump;
        ctx.Ledger.AssertAll();
    }

    private sealed class Inbox : IDisposable
    {
        private readonly object gate = new();
        private readonly ConcurrentQueue<string> pendingTasks = new();
        private readonly CancellationTokenSource life = new();
        private readonly Oracles.WorkLedger ledger;
        private bool destroyed;

        public Inbox(TimeProvider time, Oracles.WorkLedger ledger)
        {
            this.ledger = ledger;
            this.Pump = Task.Run(async () =>
            {
                using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
                while (!this.life.IsCancellationRequested && await tick.WaitForNextTickAsync())
                {
                    while (!this.life.IsCancellationRequested && this.pendingTasks.TryDequeue(out var id))
                    {
                        this.ledger.Delivered(id, "pump");
                        this.ledger.Completed(id, "pump");
                    }
                }
            });
        }

        public Task Pump { get; }

        public void Dispose() => this.life.Dispose();

        public bool Post(string id)
        {
            lock (this.gate)
            {
                if (this.destroyed)
                {
                    return false;
                }

                this.pendingTasks.Enqueue(id);
                return true;
            }
        }

        [SuppressMessage("Reliability", "TRK001:Teardown ignores pending work", Justification = "The rule's example, kept to prove it with Coyote.")]
        public bool DestroyForced()
        {
            lock (this.gate)
            {
                this.destroyed = true;
            }

            this.life.Cancel();
            return true;
        }

        public bool Destroy()
        {
            lock (this.gate)
            {
                if (!this.pendingTasks.IsEmpty)
                {
                    return false;
                }

                this.destroyed = true;
            }

            this.life.Cancel();
            return true;
        }
    }
}
