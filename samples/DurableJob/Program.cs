// A job that survives its process: the TaskTracker's task table lives in SQLite files in the directory given, so a
// process killed mid-job (kill -9 included) and started again on the same directory resumes the job where it stopped.
//   dotnet run --project samples/DurableJob -- <directory> [--gate <file>]
// --gate makes each map task wait until <file> exists, so the job can be caught mid-way on purpose.
using System.Globalization;
using TrackerRace.Runtime;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;
using TrackerRace.Runtime.Store.Sqlite;

if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--gate"))
{
    Console.Error.WriteLine("usage: DurableJob <store-directory> [--gate <file>]");
    return 2;
}

var directory = Directory.CreateDirectory(args[0]).FullName;
var gate = args.Length == 3 ? Path.GetFullPath(args[2]) : null;
using var stores = new SqliteTaskStores(directory);
TrackerCluster cluster;
try
{
    cluster = new TrackerCluster(nodeCount: 2, new TrackerOptions
    {
        DispatchInterval = TimeSpan.FromMilliseconds(50),
        StatusCheckInterval = TimeSpan.FromMilliseconds(100),
        StatusCheckInitialDelay = TimeSpan.FromMilliseconds(50),
        IdlePolicy = IdlePolicies.IdleHandshake,
        TaskStores = stores,
    }, TimeProvider.System);
}
catch (TaskStoreFileException e)
{
    // Another process owns the directory, or its files cannot be used: say so, and touch nothing.
    Console.Error.WriteLine(e.Message);
    return 3;
}

await using (cluster)
{
    var job = JobDefinition.MapReduce(
        "durable-count",
        process: async (ctx, ct) =>
        {
            if (ctx.IsRoot)
            {
                await ctx.MapAsync(["1", "2", "3", "4"], "part", ct);
                return TaskOutcome.Success();
            }

            while (gate is not null && !File.Exists(gate))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }

            return TaskOutcome.Success(ctx.Content);
        },
        reduce: (ctx, results, ct) => Task.FromResult(TaskOutcome.Success(
            results.Where(r => r.TaskName == "part").Sum(r => int.Parse(r.Result!, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture))));

    var resumed = await cluster.ResumeAsync([job]);
    var handle = resumed.Count > 0 ? resumed[0] : await cluster.SubmitAsync(job);
    Console.WriteLine($"{(resumed.Count > 0 ? "Resumed" : "Started")} instance {handle.InstanceId} of '{job.Name}' in {directory}");
    var result = await handle.WaitAsync();
    Console.WriteLine($"{result.Outcome}: {result.Result ?? result.FailureReason}");
    return result.Outcome == JobOutcome.Succeeded ? 0 : 1;
}
