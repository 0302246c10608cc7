using System.Diagnostics.CodeAnalysis;

namespace TrackerRace.Coyote.Tests.RuleProofs;

/// <summary>
/// TRK004's example: the disposed flag is read before the lock that Dispose takes to set it (and to fail what is
/// queued), so a post can land after Dispose has emptied the queue; against the check inside the lock.
/// </summary>
public sealed class Trk004DispatchAfterTeardown
{
    [Fact]
    public Task A_post_that_checks_the_flag_outside_the_lock_lands_after_dispose() =>
        Proof.LosesWorkAsync(ctx => RunAsync(ctx, fixedForm: false), "Accepted work was lost");

    [Fact]
    public Task A_post_that_checks_the_flag_inside_the_lock_is_run_or_refused() =>
        Proof.HoldsAsync(ctx => RunAsync(ctx, fixedForm: true));

    private static async Task RunAsync(ExplorationContext ctx, bool fixedForm)
    {
        var worker = new Worker(ctx.Ledger);
        var post = Task.Run(() => Proof.Offer(ctx, "work", () => fixedForm ? worker.TryPost("work") : worker.Post("work")));
        var dispose = Task.Run(worker.Dispose);
        await Task.WhenAll(new[] { post, dispose });
        ctx.Ledger.AssertAll();
    }

    private sealed class Worker(Oracles.WorkLedger ledger) : IDisposable
    {
        private readonly object gate = new();
        private readonly Queue<string> queue = new();
        private bool disposed;

        [SuppressMessage("Reliability", "TRK004:Dispatch to a torn-down component", Justification = "The rule's example, kept to prove it with Coyote.")]
        public bool Post(string id)
        {
            if (this.disposed)
            {
                return false;
            }

            lock (this.gate)
            {
                this.queue.Enqueue(id);
            }

            return true;
        }

        public bool TryPost(string id)
        {
            lock (this.gate)
            {
                if (this.disposed)
                {
                    return false;
                }

                this.queue.Enqueue(id);
                return true;
            }
        }

        // Dispose fails what is still queued, with a reason: accepted work is never silently dropped here.
        public void Dispose()
        {
            lock (this.gate)
            {
                this.disposed = true;
                while (this.queue.TryDequeue(out var id))
                {
                    ledger.Delivered(id, "worker");
                    ledger.Failed(id, "worker disposed", "worker");
                }
            }
        }
    }
}
