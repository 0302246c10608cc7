using System.Diagnostics;
using System.Globalization;
using TrackerRace.Runtime.Store;
using TrackerRace.Runtime.Store.Sqlite;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

// A task's life in the TaskTracker's table, as the runtime writes it: inserted in a map batch, then dispatched (2),
// received (3), processing (4) and finished (6), each transition its own write; plus the reads the dispatcher and the
// status check make. Reported per task, in-memory against SQLite on a real file (WAL, one transaction per write).
var tasks = args.Length > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5_000;
const int batch = 100;
var folder = Directory.CreateTempSubdirectory("trackerrace-store-cost").FullName;
try
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tasks:N0} tasks, map batches of {batch}, 4 status writes and 2 queries per task; best of 3 runs."));
    Console.WriteLine($"{"store",-10} {"per task",10} {"insert",10} {"per status write",17} {"per query",10}");
    Report("in-memory", () => new InMemoryTaskStore());
    var run = 0;
    Report("sqlite", () => SqliteTaskDatabase.Open(Path.Combine(folder, $"node{run++}.db")).ForInstance(1));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

void Report(string name, Func<ITaskStore> create)
{
    var best = Enumerable.Range(0, 3).Select(_ => Measure(create())).MinBy(r => r.Total)!;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-10} {Us(best.Total),10} {Us(best.Insert),10} {Us(best.Update / 4),17} {Us(best.Query / 2),10}"));
}

string Us(TimeSpan perTask) => string.Create(CultureInfo.InvariantCulture, $"{perTask.TotalMicroseconds / tasks:0.0} us");

(TimeSpan Total, TimeSpan Insert, TimeSpan Update, TimeSpan Query) Measure(ITaskStore store)
{
    var insert = Stopwatch.StartNew();
    for (var first = 0; first < tasks; first += batch)
    {
        var rows = Enumerable.Range(first, Math.Min(batch, tasks - first))
            .Select(i => new TaskRecord { TaskId = $"0.{i}", TaskName = "map", Content = "payload", CreatedTime = i, LastModifiedTime = i })
            .ToList();
        Check(store.Insert(rows));
    }

    insert.Stop();
    var update = Stopwatch.StartNew();
    foreach (var status in new[] { TaskStatus.DispatchedUnchecked, TaskStatus.WorkerReceived, TaskStatus.WorkerProcessing, TaskStatus.Succeeded })
    {
        for (var i = 0; i < tasks; i++)
        {
            Check(store.Update(new TaskRecord { TaskId = $"0.{i}", TaskName = "map", Content = "payload", Address = "n1", Status = status, Result = status == TaskStatus.Succeeded ? "ok" : null, CreatedTime = i, LastModifiedTime = i + 1 }));
        }
    }

    update.Stop();
    var query = Stopwatch.StartNew();
    for (var i = 0; i < tasks; i++)
    {
        _ = store.Find($"0.{i}");
        _ = store.GetByStatus(TaskStatus.WaitingDispatch, 1);
    }

    query.Stop();
    return (insert.Elapsed + update.Elapsed + query.Elapsed, insert.Elapsed, update.Elapsed, query.Elapsed);
}

static void Check(StoreResult result)
{
    if (!result.Succeeded)
    {
        throw new InvalidOperationException(result.Error);
    }
}
