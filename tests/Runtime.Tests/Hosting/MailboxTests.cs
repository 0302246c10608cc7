using TrackerRace.Runtime.Hosting;
using TrackerRace.Runtime.Tests.Simulation;

namespace TrackerRace.Runtime.Tests.Hosting;

/// <summary>
/// A delivery is a task of its own that ends once its message is queued, so the mailbox it finds idle runs on it: one task
/// per message instead of two (under Coyote 1.7 each task is an operation on an OS thread of its own).
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
    public void Only_the_first_idle_mailbox_a_delivery_posts_to_runs_on_it()
    {
        var first = this.NewMailbox();
        var second = this.NewMailbox();

        this.Deliver(() =>
        {
            _ = first.Post(this.Handler("first"));
            _ = second.Post(this.Handler("second"));
        });

        Assert.Equal(2, this.scheduler.RunUntilIdle());
        Assert.Equal(["first", "second"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    [Fact]
    public void A_delivery_to_a_busy_mailbox_waits_behind_the_running_handler()
    {
        var mailbox = this.NewMailbox();
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

        this.Deliver(() => mailbox.Post(this.Handler("delivered")));
        this.scheduler.RunUntilIdle();
        Assert.Equal(["long:start"], this.ran);

        release.SetResult();
        this.scheduler.RunUntilIdle();
        Assert.Equal(["long:start", "long:end", "delivered"], this.ran);
        Assert.Equal(0, this.activity.Pending);
    }

    private Mailbox NewMailbox() => new(this.scheduler, ex => throw new InvalidOperationException("handler failed", ex), this.activity);

    private Func<Task> Handler(string name) => () =>
    {
        this.ran.Add(name);
        return Task.CompletedTask;
    };

    private void Deliver(Action handOff) => _ = this.scheduler.Start(() =>
    {
        Mailbox.RunDelivery(handOff);
        return Task.FromResult(0);
    });
}
