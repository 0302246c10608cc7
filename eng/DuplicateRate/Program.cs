using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;

// Many MapReduce jobs at once on one in-process cluster on real time, no fault injected: how many map tasks run more
// than once, and why the TaskTracker sent them again. Every run of every task is counted by the processor itself.
//   dotnet run -c Release --project eng/DuplicateRate -- [--jobs 200] [--tasks 500] [--nodes 3] [--task-ms 0]
var jobs = Option("--jobs", 200, 1, 10_000);
var tasks = Option("--tasks", 500, 1, 100_000);
var nodes = Option("--nodes", 3, 1, 64);
var taskMs = Option("--task-ms", 0, 0, 60_000);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{jobs} jobs x {tasks} map tasks ({taskMs} ms each) on {nodes} nodes, all submitted at once, no fault injected."));
Console.WriteLine($"{"rules",-34} {"ran twice",18} {"extra runs",10} {"lost PTs",9} {"re-sent",8} {"refused (pool full)",19} {"jobs ok",8} {"wall",7}");
var ok = true;
ok &= await Measure("defaults", new TrackerOptions());
ok &= await Measure("heartbeat timeout not scaled", new TrackerOptions { TimeoutPerQueuedTask = TimeSpan.Zero });
ok &= await Measure("PowerJob's", new TrackerOptions { TimeoutPerQueuedTask = TimeSpan.Zero, UnheardTrackersTimeOutAtOnce = true });
Console.WriteLine("defaults: silence counted from the dispatch; heartbeat timeout + TimeoutPerQueuedTask (100 ms) per queued task.");
Console.WriteLine("PowerJob's: UnheardTrackersTimeOutAtOnce (a tracker not heard from yet is lost at once), fixed heartbeat timeout.");
Console.WriteLine("refused (pool full): sent past the pool queue (PoolQueueCapacity), never run, sent again after the dispatch timeout.");
return ok ? 0 : 1;

async Task<bool> Measure(string name, TrackerOptions rules)
{
    var runs = new ConcurrentDictionary<(long Instance, string Task), int>();
    var events = new CountingSink();
    await using var cluster = new TrackerCluster(nodes, rules with
    {
        // Short periods, as a demo or a test sets them, so that the load is high; PowerJob's timeouts otherwise.
        DispatchInterval = TimeSpan.FromMilliseconds(50),
        StatusCheckInterval = TimeSpan.FromMilliseconds(100),
        StatusCheckInitialDelay = TimeSpan.FromMilliseconds(50),
        IdlePolicy = IdlePolicies.IdleHandshake,
    }, TimeProvider.System, events: events);

    var job = JobDefinition.MapReduce(
        "load",
        process: async (ctx, ct) =>
        {
            if (ctx.IsRoot)
            {
                await ctx.MapAsync(Enumerable.Range(0, tasks).Select(i => i.ToString(CultureInfo.InvariantCulture)), "part", ct);
                return TaskOutcome.Success();
            }

            runs.AddOrUpdate((ctx.InstanceId, ctx.TaskId), 1, (_, n) => n + 1);
            if (taskMs > 0)
            {
                await Task.Delay(taskMs, ct);
            }

            return TaskOutcome.Success(ctx.Content);
        },
        reduce: (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(results.Count.ToString(CultureInfo.InvariantCulture))));

    var clock = Stopwatch.StartNew();
    var handles = await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => cluster.SubmitAsync(job)));
    var results = await Task.WhenAll(handles.Select(h => h.WaitAsync()));
    clock.Stop();

    var total = jobs * tasks;
    var twice = runs.Values.Count(n => n > 1);
    var succeeded = results.Count(r => r.Outcome == JobOutcome.Succeeded);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-34} {$"{twice:N0} ({100.0 * twice / total:0.00} %)",18} {runs.Values.Sum(n => n - 1),10:N0} {events.Count(TrackerEventKind.TrackerLost),9:N0} {events.Count(TrackerEventKind.TaskRequeued),8:N0} {events.Count(TrackerEventKind.TaskRejected),19:N0} {$"{succeeded}/{jobs}",8} {clock.Elapsed.TotalSeconds,6:0.0}s"));
    if (total - runs.Count > 0)
    {
        Console.WriteLine($"  {total - runs.Count:N0} map tasks never ran");
    }

    return succeeded == jobs;
}

int Option(string name, int fallback, int min, int max)
{
    var at = Array.IndexOf(args, name);
    if (at < 0)
    {
        return fallback;
    }

    var text = at + 1 < args.Length ? args[at + 1] : string.Empty;
    if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
    {
        Console.Error.WriteLine($"Option {name} expects an integer from {min} to {max} (was '{text}').");
        Environment.Exit(2);
    }

    return value;
}

/// <summary>Counts events by kind.</summary>
internal sealed class CountingSink : ITrackerEventSink
{
    private readonly ConcurrentDictionary<TrackerEventKind, int> kinds = new();

    public int Count(TrackerEventKind kind) => this.kinds.GetValueOrDefault(kind);

    public void Record(TrackerEvent trackerEvent)
    {
        this.kinds.AddOrUpdate(trackerEvent.Kind, 1, (_, n) => n + 1);
    }
}
