namespace TrackerRace.Coyote.Tests;

/// <summary>The profile tells where an iteration's scheduling steps come from: events by source and steps by kind.</summary>
public sealed class ProfileTests
{
    private readonly object gate = new();
    private int done;

    [Fact]
    public async Task Steps_by_kind_add_up_to_the_steps_explored_and_name_what_the_test_did()
    {
        var result = await CoyoteExplorer.ExploreAsync(this.ThreeTasksALockAndAChoiceAsync, Explore.Options(iterations: 10));

        Assert.False(result.BugFound, result.Bug);
        Assert.Equal(result.SchedulingSteps, (long)Math.Round(result.StepsByKind.Values.Sum() * result.Iterations));
        Assert.Equal(1, result.StepsByKind["choices"]);
        Assert.True(result.StepsByKind["tasks started"] >= 3, string.Join(", ", result.StepsByKind));
        Assert.True(result.StepsByKind["lock acquires"] >= 3, string.Join(", ", result.StepsByKind));
        Assert.True(result.StepsByKind["operations ended"] >= 3, string.Join(", ", result.StepsByKind));
    }

    private async Task ThreeTasksALockAndAChoiceAsync(ExplorationContext ctx)
    {
        this.done = 0;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            lock (this.gate)
            {
                this.done++;
            }
        })));
        Assert.Equal(3, this.done);
        _ = ctx.Choose.Boolean("one choice");
    }
}
