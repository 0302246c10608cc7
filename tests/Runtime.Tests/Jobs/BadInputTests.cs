using TrackerRace.Runtime.Jobs;

namespace TrackerRace.Runtime.Tests.Jobs;

/// <summary>Invalid definitions and options are refused up front with a reason that names what is wrong.</summary>
public sealed class BadInputTests
{
    private static readonly TaskProcessor Ok = (ctx, ct) => Task.FromResult(TaskOutcome.Success());
    private static readonly ReduceProcessor Reduce = (ctx, results, ct) => Task.FromResult(TaskOutcome.Success());

    public static TheoryData<JobDefinition, string> InvalidJobs => new()
    {
        { new JobDefinition { Name = " ", Process = Ok }, "Name must be a non-empty string" },
        { new JobDefinition { Name = "mr", Kind = JobKind.MapReduce, Process = Ok }, "job 'mr': Reduce must be set for a MapReduce job" },
        { new JobDefinition { Name = "solo", Process = Ok, Reduce = Reduce }, "job 'solo': Reduce is set but a Standalone job never runs it" },
        { new JobDefinition { Name = "threads", Process = Ok, ThreadConcurrency = 0 }, "job 'threads': ThreadConcurrency must be between 1 and 1024 (was 0)" },
        { new JobDefinition { Name = "retry", Process = Ok, TaskRetryNum = -1 }, "job 'retry': TaskRetryNum must be between 0 and 100 (was -1)" },
        { new JobDefinition { Name = "timeout", Process = Ok, InstanceTimeout = TimeSpan.Zero }, "job 'timeout': InstanceTimeout must be positive" },
        { new JobDefinition { Name = "kind", Kind = (JobKind)42, Process = Ok }, "job 'kind': Kind 42 is not a JobKind" },
    };

    [Theory]
    [MemberData(nameof(InvalidJobs))]
    public async Task An_invalid_job_definition_ends_the_job_at_once_with_the_reason(JobDefinition job, string reason)
    {
        await using var cluster = new TrackerCluster(2);

        var handle = await cluster.SubmitAsync(job);

        Assert.True(handle.Completion.IsCompleted);
        var result = await handle.Completion;
        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.StartsWith("invalid job definition: ", result.FailureReason);
        Assert.Contains(reason, result.FailureReason);
    }

    [Fact]
    public async Task A_task_tracker_node_that_does_not_exist_is_named_with_the_valid_ones()
    {
        await using var cluster = new TrackerCluster(2);

        var handle = await cluster.SubmitAsync(JobDefinition.Standalone("where", Ok), taskTrackerNode: "n7");

        Assert.Contains("taskTrackerNode 'n7' is not a node of this cluster; expected one of n0, n1", (await handle.Completion).FailureReason);
    }

    public static TheoryData<TrackerOptions, string> InvalidOptions => new()
    {
        { new TrackerOptions { DispatchInterval = TimeSpan.Zero }, "TrackerOptions.DispatchInterval must be greater than zero" },
        { new TrackerOptions { MaxIdleTime = TimeSpan.FromSeconds(-1) }, "TrackerOptions.MaxIdleTime must not be negative" },
        { new TrackerOptions { PoolQueueCapacity = -1 }, "TrackerOptions.PoolQueueCapacity must be at least 0 (was -1)" },
        { new TrackerOptions { DispatchThreshold = 0 }, "TrackerOptions.DispatchThreshold must be at least 1 (was 0)" },
        { new TrackerOptions { MaxResultLength = 10 }, "TrackerOptions.MaxResultLength must be at least 256 (was 10)" },
        { new TrackerOptions { IdlePolicy = null! }, "TrackerOptions.IdlePolicy must be set" },
        { new TrackerOptions { TaskStores = null! }, "TrackerOptions.TaskStores must be set" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Options_out_of_range_are_refused_when_the_cluster_is_built(TrackerOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new TrackerCluster(1, options));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TrackerCluster.MaxNodes + 1)]
    public void A_node_count_out_of_range_is_refused(int nodes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrackerCluster(nodes));

        Assert.Contains($"between 1 and {TrackerCluster.MaxNodes} nodes", error.Message);
    }

    [Fact]
    public void An_unknown_policy_name_lists_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Policies.IdlePolicies.Parse("Optimistic"));

        Assert.Contains("Unknown idle policy 'Optimistic'. Expected one of: Legacy, LocalRecheck, SkipIdleOnTaskTrackerNode, IdleHandshake.", error.Message);
    }
}
