using TrackerRace.Runtime.Hosting;
using TrackerRace.Runtime.Tests.Simulation;

namespace TrackerRace.Runtime.Tests.Hosting;

/// <summary>
/// A delivery is a task of its own that ends once its message is handed over, so it goes on as the runner of the mailbox it
/// made busy: one task per message instead of two (under Coyote 1.7 each task is an operation on an OS thread of its own).
/// </summary>
public sealed class MailboxTests
{
    private readonly ManualTaskScheduler scheduler = new();
    private readonly ActivityCounter activity = new();
    private readonly List<string> ran = [];

    [Fact]
    public void A_delivery_runs_the_idle_mailbox_it_posts_to_on_its_own_task()
    {
        var mailbox = this.NewMailbox();

        this.Deliver(() => mailbox.Post(this.Handler("m1")));

        Assert.Equal(1, this.scheduler.RunUntilIdle());
        Assert.Equal(["m1"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    [Fact]
    public void A_post_from_anywhere_else_gets_a_runner_of_its_own()
    {
        var mailbox = this.NewMailbox();

        _ = this.scheduler.Start(() =>
        {
            _ = mailbox.Post(this.Handler("m1"));
            return Task.FromResult(0);
        });

        Assert.Equal(2, this.scheduler.RunUntilIdle());
        Assert.Equal(["m1"], this.ran);
    }

    [Fact]
    public void Only_the_first_idle_mailbox_a_delivery_posts_to_runs_on_it_and_only_after_the_hand_off()
    {
        var first = this.NewMailbox();
        var second = this.NewMailbox();

        this.Deliver(() =>
        {
            _ = first.Post(this.Handler("first"));
            this.ran.Add("hand-off done");
            _ = second.Post(this.Handler("second"));
        });

        Assert.Equal(2, this.scheduler.RunUntilIdle());
        Assert.Equal(["hand-off done", "first", "second"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    [Fact]
    public void A_busy_first_mailbox_leaves_the_delivery_to_the_idle_second()
    {
        var busy = this.NewMailbox();
        var idle = this.NewMailbox();
        var release = this.Occupy(busy);

        this.Deliver(() =>
        {
            _ = busy.Post(this.Handler("busy"));
            _ = idle.Post(this.Handler("idle"));
        });

        Assert.Equal(1, this.scheduler.RunUntilIdle());
        Assert.Equal(["long:start", "idle"], this.ran);
        release.SetResult();
        this.scheduler.RunUntilIdle();
        Assert.Equal(["long:start", "idle", "long:end", "busy"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    [Fact]
    public void A_handler_run_by_a_delivery_that_posts_to_its_own_mailbox_runs_after_itself_on_the_same_task()
    {
        var mailbox = this.NewMailbox();

        this.Deliver(() => mailbox.Post(() =>
        {
            _ = mailbox.Post(this.Handler("second"));
            this.ran.Add("first");
            return Task.CompletedTask;
        }));

        Assert.Equal(1, this.scheduler.RunUntilIdle());
        Assert.Equal(["first", "second"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    [Fact]
    public void A_hand_off_that_throws_still_runs_the_mailbox_it_made_busy_and_leaves_nothing_behind()
    {
        var mailbox = this.NewMailbox();
        var delivered = this.scheduler.Start(() =>
        {
            Mailbox.RunDelivery(this.scheduler, () =>
            {
                _ = mailbox.Post(this.Handler("m1"));
                throw new InvalidOperationException("the endpoint failed after the post");
            });
            return Task.FromResult(0);
        });

        Assert.Equal(1, this.scheduler.RunUntilIdle());
        Assert.Equal(["m1"], this.ran);
        Assert.IsType<InvalidOperationException>(delivered.Exception?.InnerException);

        // The same thread posts again outside any delivery: a runner of its own, not a leftover claim.
        _ = this.scheduler.Start(() =>
        {
            _ = mailbox.Post(this.Handler("m2"));
            return Task.FromResult(0);
        });
        Assert.Equal(2, this.scheduler.RunUntilIdle());
        Assert.Equal(["m1", "m2"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    [Fact]
    public void A_mailbox_of_another_scheduler_is_never_run_by_the_delivery()
    {
        var elsewhere = new ManualTaskScheduler();
        var mailbox = new Mailbox(elsewhere, ex => throw new InvalidOperationException("handler failed", ex), this.activity);

        this.Deliver(() => mailbox.Post(this.Handler("m1")));

        Assert.Equal(1, this.scheduler.RunUntilIdle());
        Assert.Empty(this.ran);
        Assert.Equal(1, elsewhere.RunUntilIdle());
        Assert.Equal(["m1"], this.ran);
    }

    [Fact]
    public void A_delivery_to_a_busy_mailbox_waits_behind_the_running_handler()
    {
        var mailbox = this.NewMailbox();
        var release = this.Occupy(mailbox);

        this.Deliver(() => mailbox.Post(this.Handler("delivered")));
        this.scheduler.RunUntilIdle();
        Assert.Equal(["long:start"], this.ran);

        release.SetResult();
        this.scheduler.RunUntilIdle();
        Assert.Equal(["long:start", "long:end", "delivered"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    // Starts a handler on the mailbox that waits until the returned promise is set: the mailbox is busy until then.
    private TaskCompletionSource Occupy(Mailbox mailbox)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = this.scheduler.Start(async () =>
        {
            await mailbox.Post(async () =>
            {
                this.ran.Add("long:start");
                await release.Task;
                this.ran.Add("long:end");
            });
            return 0;
        });
        this.scheduler.RunUntilIdle();
        return release;
    }

    private Mailbox NewMailbox() => new(this.scheduler, ex => throw new InvalidOperationException("handler failed", ex), this.activity);

    private Func<Task> Handler(string name) => () =>
    {
        this.ran.Add(name);
        return Task.CompletedTask;
    };

    private void Deliver(Action handOff) => _ = this.scheduler.Start(() =>
    {
        Mailbox.RunDelivery(this.scheduler, handOff);
        return Task.FromResult(0);
    });
}
