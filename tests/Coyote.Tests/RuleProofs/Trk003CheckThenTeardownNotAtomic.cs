using System.Diagnostics.CodeAnalysis;

namespace TrackerRace.Coyote.Tests.RuleProofs;

/// <summary>TRK003's example: the queue is empty, an await, then the teardown; against the check and teardown in one locked step.</summary>
public sealed class Trk003CheckThenTeardownNotAtomic
{
    [Fact]
    public Task A_post_during_the_await_between_check_and_teardown_is_lost() =>
        Proof.LosesWorkAsync(ctx => RunAsync(ctx, fixedForm: false), "Accepted work was lost");

    [Fact]
    public Task Checking_and_tearing_down_in_one_locked_step_loses_nothing() =>
        Proof.HoldsAsync(ctx => RunAsync(ctx, fixedForm: true));

    private static async Task RunAsync(ExplorationContext ctx, bool fixedForm)
    {
        var mailbox = new Mailbox(ctx.Clock, ctx.Ledger);
        var stop = Task.Run(() => fixedForm ? mailbox.StopIfIdle() : mailbox.StopIfIdleAsync());
        await Task.Delay(ctx.Choose.Duration(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), "post at"), ctx.Clock);
        Proof.Offer(ctx, "message", () => mailbox.Post("message"));
        await stop;
        mailbox.RunWhatIsLeftUnlessStopped();
        ctx.Ledger.AssertAll();
    }

    [SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Lives for one iteration.")]
    private sealed class Mailbox(TimeProvider time, Oracles.WorkLedger ledger)
    {
        private readonly object gate = new();
        private readonly Queue<string> queue = new();
        private readonly CancellationTokenSource life = new();

        public bool Post(string id)
        {
            lock (this.gate)
            {
                if (this.life.IsCancellationRequested)
                {
                    return false;
                }

                this.queue.Enqueue(id);
                return true;
            }
        }

        [SuppressMessage("Reliability", "TRK003:Check-then-teardown is not atomic", Justification = "The rule's example, kept to prove it with Coyote.")]
        public async Task StopIfIdleAsync()
        {
            if (this.queue.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time);
                this.life.Cancel();
            }
        }

        public Task StopIfIdle()
        {
            lock (this.gate)
            {
                if (this.queue.Count == 0)
                {
                    this.life.Cancel();
                }
            }

            return Task.CompletedTask;
        }

        // A mailbox that did not stop runs what it holds; a stopped one has dropped it.
        public void RunWhatIsLeftUnlessStopped()
        {
            lock (this.gate)
            {
                while (!this.life.IsCancellationRequested && this.queue.TryDequeue(out var id))
                {
                    ledger.Delivered(id, "mailbox");
                    ledger.Completed(id, "mailbox");
                }
            }
        }
    }
}
