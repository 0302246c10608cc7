using TrackerRace.Coyote.Oracles;

namespace TrackerRace.Coyote.Tests;

/// <summary>Each ledger check fails in words that name the item and what became of it, and passes on honest work.</summary>
public sealed class WorkLedgerTests
{
    public static TheoryData<string, Action<WorkLedger>, string> Violations => new()
    {
        {
            "accepted and never finished",
            ledger => { ledger.Accepted("job-1"); ledger.AssertNoAcceptedWorkLost(); },
            "Accepted work was lost: 1 item(s) neither completed nor failed: job-1 (never delivered, accepted at 0.000s)."
        },
        {
            "failed without ever being delivered (#1033)",
            ledger => { ledger.Accepted("OMS_LAST_TASK"); ledger.Failed("OMS_LAST_TASK", "unreceived process result"); ledger.AssertNothingFailedThatWasNeverDelivered(); },
            "Work that was never delivered was failed: OMS_LAST_TASK (\"unreceived process result\")."
        },
        {
            "completed twice",
            ledger => { ledger.Accepted("job-1"); ledger.Delivered("job-1", "w1"); ledger.Completed("job-1"); ledger.Completed("job-1"); },
            "Work 'job-1' completed 2 times: it must complete exactly once."
        },
        {
            "refused after it ran",
            ledger => { ledger.Accepted("job-1"); ledger.Delivered("job-1", "w1"); ledger.Refused("job-1", "closed"); },
            "Work 'job-1' was refused after it was delivered"
        },
        {
            "reported before it was accepted",
            ledger => ledger.Delivered("job-9", "w1"),
            "Work 'job-9' was delivered but never accepted: report Accepted first."
        },
        {
            "accepted twice",
            ledger => { ledger.Accepted("job-1"); ledger.Accepted("job-1"); },
            "Work 'job-1' was accepted twice"
        },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task A_violation_fails_the_iteration_with_the_oracles_words(string shape, Action<WorkLedger> steps, string message)
    {
        var result = await CoyoteExplorer.ExploreAsync(ctx => { steps(ctx.Ledger); return Task.CompletedTask; }, Explore.Options(iterations: 1) with { Name = shape });

        Assert.True(result.BugFound, shape);
        Assert.Contains(message, result.Bug, StringComparison.Ordinal);
    }

    [Fact]
    public Task Honest_work_passes_every_check() => CoyoteExplorer.AssertNoBugAsync(ctx =>
    {
        var ledger = ctx.Ledger;
        ledger.Accepted("done");
        ledger.Delivered("done", "w1");
        ledger.Completed("done");
        ledger.Accepted("failed after delivery");
        ledger.Delivered("failed after delivery", "w2");
        ledger.Failed("failed after delivery", "worker crashed");
        ledger.Accepted("refused");
        ledger.Refused("refused", "pool closed");

        ledger.AssertAll();
        Assert.Equal(
            [WorkItemState.Completed, WorkItemState.Failed, WorkItemState.Refused],
            ledger.Items.Select(i => i.State));
        return Task.CompletedTask;
    }, Explore.Options(iterations: 1));
}
