using System.Globalization;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Protocol;

namespace TrackerRace.Runtime.Tests.Jobs;

/// <summary>Each job kind end to end on a fake clock with PowerJob's constants.</summary>
public sealed class JobKindTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Word_count_over_many_sub_tasks_on_four_nodes_matches_a_direct_count()
    {
        var lines = GenerateLines(count: 60, seed: 7);
        var expected = lines.SelectMany(l => l.Split(' ')).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        await using var sim = new Simulation.Simulation(nodes: 4);

        var result = sim.Run(WordCount.Job(string.Join('\n', lines), linesPerTask: 3), Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal(expected, WordCount.Parse(result.Result!));
        var subTasks = result.Tasks.Where(t => t.TaskName == "count").ToList();
        Assert.Equal(20, subTasks.Count);
        Assert.All(subTasks, t => Assert.Equal(Protocol.TaskStatus.Succeeded, t.Status));
        Assert.Equal(4, subTasks.Select(t => t.Address).Distinct().Count());
    }

    [Fact]
    public async Task Multi_level_map_creates_grandchildren_and_reduce_sees_every_level()
    {
        await using var sim = new Simulation.Simulation(nodes: 3);
        var job = JobDefinition.MapReduce(
            "two-levels",
            async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["a", "b", "c"], "group", ct);
                }
                else if (ctx.TaskName == "group")
                {
                    await ctx.MapAsync(Enumerable.Range(1, 4).Select(i => $"{ctx.Content}{i}"), "leaf", ct);
                }

                return TaskOutcome.Success(ctx.Content);
            },
            (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(string.Join(',', results.Where(r => r.TaskName == "leaf").Select(r => r.Result).Order()))));

        var result = sim.Run(job, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal("a1,a2,a3,a4,b1,b2,b3,b4,c1,c2,c3,c4", result.Result);
        Assert.Contains(result.Tasks, t => t.TaskId.Split('.').Length == 3);
    }

    [Fact]
    public async Task Standalone_job_returns_the_root_result()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);

        var result = sim.Run(JobDefinition.Standalone("single", (ctx, ct) => Task.FromResult(TaskOutcome.Success($"ran on {ctx.NodeAddress}"))), Limit);

        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.Equal("ran on n0", result.Result);
        Assert.Single(result.Tasks);
    }

    [Fact]
    public async Task Map_job_succeeds_when_every_task_succeeds_and_runs_no_last_task()
    {
        await using var sim = new Simulation.Simulation(nodes: 2);
        var job = new JobDefinition
        {
            Name = "map-only",
            Kind = JobKind.Map,
            Process = async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    await ctx.MapAsync(["1", "2", "3"], "part", ct);
                }

                return TaskOutcome.Success();
            },
        };

        var result = sim.Run(job, Limit);

        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.Equal("4 task(s) succeeded", result.Result);
        Assert.DoesNotContain(result.Tasks, t => t.TaskName == TaskNames.Last);
    }

    [Fact]
    public async Task Broadcast_runs_once_per_node_then_post_processes_on_the_task_tracker_node()
    {
        await using var sim = new Simulation.Simulation(nodes: 3);
        string? postProcessNode = null;
        var job = new JobDefinition
        {
            Name = "broadcast",
            Kind = JobKind.Broadcast,
            Process = (ctx, ct) => Task.FromResult(TaskOutcome.Success(ctx.IsRoot ? "pre" : ctx.NodeAddress)),
            Reduce = (ctx, results, ct) =>
            {
                postProcessNode = ctx.NodeAddress;
                return Task.FromResult(TaskOutcome.Success(string.Join(',', results.Where(r => r.TaskName == TaskNames.Broadcast).Select(r => r.Result).Order())));
            },
        };

        var result = sim.Run(job, Limit);

        Assert.True(result.Outcome == JobOutcome.Succeeded, result.FailureReason);
        Assert.Equal("n0,n1,n2", result.Result);
        Assert.Equal("n0", postProcessNode);
    }

    private static List<string> GenerateLines(int count, int seed)
    {
        var random = new Random(seed);
        string[] words = ["tracker", "task", "idle", "reduce", "map", "node", "race", "last"];
        return Enumerable.Range(0, count)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(3, 9)).Select(_ => words[random.Next(words.Length)])))
            .ToList();
    }

    /// <summary>Word count as a MapReduce job: chunks of lines as sub-tasks, "word=n;..." as results.</summary>
    private static class WordCount
    {
        public static JobDefinition Job(string text, int linesPerTask) => JobDefinition.MapReduce(
            "word-count",
            async (ctx, ct) =>
            {
                if (ctx.IsRoot)
                {
                    var chunks = ctx.JobParameters!.Split('\n').Chunk(linesPerTask).Select(c => string.Join('\n', c));
                    await ctx.MapAsync(chunks, "count", ct);
                    return TaskOutcome.Success();
                }

                var counts = ctx.Content!.Split('\n', ' ').GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
                return TaskOutcome.Success(Format(counts));
            },
            (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(Format(results
                .Where(r => r.TaskName == "count")
                .SelectMany(r => Parse(r.Result!))
                .GroupBy(p => p.Key)
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Value)))))) with { Parameters = text };

        public static Dictionary<string, int> Parse(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

        private static string Format(Dictionary<string, int> counts) =>
            string.Join(';', counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }
}
