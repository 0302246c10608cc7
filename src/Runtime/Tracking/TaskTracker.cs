using Microsoft.Extensions.Logging;
using TrackerRace.Annotations;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Hosting;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Store;
using TrackerRace.Runtime.Time;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Tracking;

/// <summary>
/// The TaskTracker of one job instance (PowerJob <c>HeavyTaskTracker</c> + <c>CommonTaskTracker</c>):
/// owns the task table, dispatches waiting tasks, applies status reports, creates OMS_LAST_TASK when
/// the map phase is over, and decides the job's outcome. Every handler runs as one step on its mailbox.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The timers are disposed when the job finishes (Finish) or the runtime stops it (Halt).")]
internal sealed class TaskTracker
{
    private const string Component = "TT";

    // The source of a status a ProcessorTracker reported, as opposed to one the TaskTracker decided (IDLE, lost, timeout).
    private const string ReportSource = "report from ";

    private readonly RuntimeEnvironment env;
    private readonly WorkerNode node;
    private readonly JobDefinition job;
    private readonly JobHandle handle;
    private readonly Mailbox mailbox;
    private readonly ILogger logger;
    private readonly ProcessorTrackerStatusHolder trackers;

    // PowerJob's taskId2BriefInfo cache: it can disagree with the table (after a retry, until the next dispatch).
    private readonly Dictionary<string, (TaskStatus Status, long LastReportTime)> briefCache = new(StringComparer.Ordinal);
    private readonly DateTimeOffset startedAt;
    private readonly bool resumed;
    private RecurringTimer? dispatcher;
    private RecurringTimer? statusCheck;
    private int roundRobin;
    private bool lastTaskStarted;
    private bool finished;
    private bool crashed;

    /// <summary>A TaskTracker for a new instance, or, with <paramref name="resumeFrom"/>, for one its node's durable store holds unfinished.</summary>
    public TaskTracker(RuntimeEnvironment env, WorkerNode node, JobDefinition job, JobHandle handle, IEnumerable<string> nodeAddresses, JobInstanceRecord? resumeFrom = null)
    {
        this.env = env;
        this.node = node;
        this.job = job;
        this.handle = handle;
        this.logger = env.Loggers.CreateLogger<TaskTracker>();
        this.mailbox = new Mailbox(env.Scheduler, this.OnHandlerFailed, env.Activity);
        this.trackers = new ProcessorTrackerStatusHolder(nodeAddresses);
        this.Store = new FencedTaskStore(env.Options.TaskStores.Open(node.Address, handle.InstanceId, env.Options.MaxResultLength), node.Address, () => this.crashed);
        this.startedAt = resumeFrom?.StartedAt ?? env.Time.GetUtcNow();
        this.resumed = resumeFrom is not null;
    }

    public long InstanceId => this.handle.InstanceId;

    /// <summary>When the instance started (before any restart).</summary>
    public DateTimeOffset StartedAt => this.startedAt;

    /// <summary>The task table: every task of the instance, dispatched or not.</summary>
    /// <remarks>
    /// Declared pending work: its tasks wait here for dispatch, and an <see cref="ITaskStore"/> is queried rather than taken
    /// from, so the analyzers cannot tell it from a database table by its code alone.
    /// </remarks>
    [PendingWork]
    public ITaskStore Store { get; }

    /// <summary>PowerJob <c>initTaskTracker</c>: persist ROOT on this node, then start the status check and, last, the dispatcher (#147).</summary>
    public Task StartAsync() => this.mailbox.Post(() =>
    {
        if (this.resumed)
        {
            this.Resume();
            this.StartTimers();
            return Task.CompletedTask;
        }

        this.Record(TrackerEventKind.JobStarted, null, $"job '{this.job.Name}' ({this.job.Kind}) started, idle policy {this.env.Options.IdlePolicy.Name}, taskRetryNum {this.job.TaskRetryNum}");
        try
        {
            this.env.Options.TaskStores.InstanceStarted(this.node.Address, new JobInstanceRecord(this.InstanceId, this.job.Name, this.startedAt));
        }
        catch (Store.Sqlite.TaskStoreFileException e)
        {
            this.Finish(JobOutcome.Failed, null, $"{SystemResults.CreateRootTaskFailed}: {e.Message}", e);
            return Task.CompletedTask;
        }

        var now = this.env.Time.NowMs();
        var root = new TaskRecord
        {
            TaskId = TaskNames.RootTaskId, TaskName = TaskNames.Root, Content = this.job.Parameters,
            Address = this.node.Address, CreatedTime = now, LastModifiedTime = now,
        };
        var inserted = this.Store.Insert([root]);
        if (!inserted.Succeeded)
        {
            this.Finish(JobOutcome.Failed, null, $"{SystemResults.CreateRootTaskFailed}: {inserted.Error}");
            return Task.CompletedTask;
        }

        this.Record(TrackerEventKind.TasksCreated, root.TaskId, $"{TaskNames.Root} created for {this.node.Address}");
        this.StartTimers();
        return Task.CompletedTask;
    });

    /// <summary>
    /// Its node crashed or its process is shutting down: stop where it is. Nothing more is written or sent by this object;
    /// the job's fate is the cluster's (resumed from a durable store on restart, or failed naming the crash).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "TRK001:Teardown ignores pending work", Justification = "A crash or a process exit: the pending work is left in the store on purpose, for the restart to resume (or, in memory, the cluster fails the job naming the crash).")]
    public void Halt()
    {
        this.crashed = true;
        this.mailbox.Halt();
        this.DisposeTimers();
    }

    public Task CancelAsync() => this.mailbox.Post(() =>
    {
        if (!this.finished)
        {
            this.Finish(JobOutcome.Cancelled, null, "cancelled by the submitter");
        }

        return Task.CompletedTask;
    });

    /// <summary>Queues a message addressed to this TaskTracker; for an ask, <paramref name="reply"/> gets the answer.</summary>
    public void Receive(ITrackerMessage message, Action<object?>? reply) => this.mailbox.Post(() =>
    {
        var answer = message switch
        {
            TaskStatusReport report => (object?)this.OnTaskStatus(report),
            ProcessorTrackerStatusReport report => this.OnProcessorTrackerStatus(report),
            MapTaskRequest request => this.OnMap(request),
            IdleRequest request => this.OnIdleRequest(request),
            _ => throw new ArgumentException($"A TaskTracker does not handle {message.GetType().Name}.", nameof(message)),
        };
        if (reply is not null)
        {
            this.node.CrashPoint(Faults.CrashPoint.TaskTrackerAfterWriteBeforeReply);
            reply(answer);
        }

        return Task.CompletedTask;
    });

    /// <summary>Stops timers without deciding an outcome (runtime shutdown).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "TRK001:Teardown ignores pending work", Justification = "Called after the outcome is decided (Finish) or on runtime shutdown, where abandoning the table is the point; the rule cannot see the callers' decision.")]
    private void DisposeTimers()
    {
        this.dispatcher?.Dispose();
        this.statusCheck?.Dispose();
    }

    private ReportAck? OnTaskStatus(TaskStatusReport report)
    {
        this.trackers.Get(report.ReporterAddress).SeeIncarnation(report.Incarnation);
        if (this.job.Kind == JobKind.Broadcast && report.TaskId == TaskNames.RootTaskId && report.Status == TaskStatus.Succeeded && !this.finished)
        {
            this.CreateBroadcastTasks();
        }

        this.UpdateTaskStatus(report.TaskId, report.Status, report.ReportTime, report.Result, $"{ReportSource}{report.ReporterAddress}", report.ReporterAddress);
        return report.Status.IsFinished() ? new ReportAck(true) : null;
    }

    /// <summary>
    /// PowerJob <c>receiveProcessorTrackerHeartbeat</c>. An IDLE report fails every unfinished task
    /// addressed to that node, including one still waiting to be dispatched: the #1033 step.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "TRK005:Work never delivered is failed with its component", Justification = "The #1033 step itself (PowerJob receiveProcessorTrackerHeartbeat), kept as the reference: under Legacy and 5.1.1 an IDLE report fails OMS_LAST_TASK although it was never dispatched. IdleHandshake never sends IDLE, so this never runs under it.")]
    private object? OnProcessorTrackerStatus(ProcessorTrackerStatusReport report)
    {
        var status = this.trackers.Get(report.Address);
        var fresh = report.Time > status.LastActiveTime;
        status.Update(report);
        if (report.Kind != ProcessorTrackerReportKind.Idle)
        {
            if (fresh && report.HeldTaskIds is { } held && status.MustReconcile)
            {
                status.MustReconcile = this.RequeueNotHeld(report, held);
            }

            return null;
        }

        status.ClearDispatched();
        var unfinished = this.Store.GetUnfinishedByAddress(report.Address);
        this.Record(TrackerEventKind.IdleReportHandled, null, $"IDLE from PT@{report.Address}: failing {unfinished.Count} unfinished task(s) addressed to it [{string.Join(", ", unfinished.Select(t => $"{t.TaskName}({t.TaskId}) status {(int)t.Status}"))}]");
        foreach (var task in unfinished)
        {
            this.Record(TrackerEventKind.TaskFailedByIdle, task.TaskId, $"{task.TaskName} marked FAILED \"{SystemResults.UnreceivedProcessResult}\" (was status {(int)task.Status} {task.Status})");
            this.UpdateTaskStatus(task.TaskId, TaskStatus.Failed, this.env.Time.NowMs(), SystemResults.UnreceivedProcessResult, "IDLE report");
        }

        return null;
    }

    /// <summary>
    /// After a new incarnation appeared at an address (its predecessor died without a word), tasks this node sent to
    /// <paramref name="report"/>'s address long enough ago (a dispatch timeout) that the tracker there
    /// holds them unless it lost them: one it does not list died with an earlier incarnation (a ProcessorTracker restart), and
    /// is sent again. Without this a restarted tracker's heartbeats keep its address alive and those tasks Running for ever.
    /// </summary>
    /// <returns>True while a task not listed is too recent to judge: the next heartbeat checks again.</returns>
    private bool RequeueNotHeld(ProcessorTrackerStatusReport report, IReadOnlyList<string> held)
    {
        var timeout = (long)this.env.Options.DispatchTimeout.TotalMilliseconds;
        var listed = held.ToHashSet(StringComparer.Ordinal);
        var unlisted = this.Store.GetUnfinishedByAddress(report.Address)
            .Where(t => t.Status != TaskStatus.WaitingDispatch && !listed.Contains(t.TaskId))
            .ToList();
        var lost = unlisted.Where(t => report.Time - t.LastModifiedTime > timeout).ToList();
        if (lost.Count == 0)
        {
            return unlisted.Count > 0;
        }

        this.Record(TrackerEventKind.TrackerLost, null, $"PT@{report.Address} does not hold {lost.Count} task(s) sent to it (lost with an earlier incarnation): [{string.Join(", ", lost.Select(t => t.TaskName + "(" + t.TaskId + ")"))}]");
        var now = this.env.Time.NowMs();
        foreach (var task in lost)
        {
            this.SendAgain(task, now, $"not held by PT@{report.Address}");
        }

        return unlisted.Count > lost.Count;
    }

    private MapTaskResponse OnMap(MapTaskRequest request)
    {
        if (this.finished)
        {
            return new MapTaskResponse(false, $"job '{this.job.Name}' (instance {this.InstanceId}) has already finished");
        }

        var now = this.env.Time.NowMs();
        var children = request.SubTasks.Select(s => new TaskRecord
        {
            TaskId = s.TaskId, TaskName = request.TaskName, Content = s.Content, CreatedTime = now, LastModifiedTime = now,
        }).ToList();
        var inserted = this.Store.Insert(children);
        if (!inserted.Succeeded)
        {
            // A parent run again (its node crashed, its result was lost) maps the same children under the same ids: those
            // already stored were accepted the first time and are kept as they are; only new ones are inserted.
            // Checked only after a refusal, so that a fault-free map costs one store call.
            var fresh = children.Where(c => this.Store.Find(c.TaskId) is null).ToList();
            if (fresh.Count < children.Count)
            {
                this.Record(TrackerEventKind.TasksCreated, request.ParentTaskId, $"map from {request.ParentTaskId} again: {children.Count - fresh.Count} of its {children.Count} '{request.TaskName}' task(s) already stored, kept as they are");
                inserted = fresh.Count == 0 ? StoreResult.Ok : this.Store.Insert(fresh);
                children = fresh;
            }
        }

        if (!inserted.Succeeded)
        {
            return new MapTaskResponse(false, inserted.Error);
        }

        this.Record(TrackerEventKind.TasksCreated, request.ParentTaskId, $"map from {request.ParentTaskId}: {children.Count} '{request.TaskName}' task(s) created");
        return new MapTaskResponse(true, null);
    }

    /// <summary>The handshake's TaskTracker side: atomically refuse while work is addressed to the asker.</summary>
    private IdleVerdict OnIdleRequest(IdleRequest request)
    {
        var pending = this.Store.GetUnfinishedByAddress(request.Address);
        var approved = pending.Count == 0;
        if (approved)
        {
            this.trackers.Get(request.Address).ClearDispatched();
        }

        this.Record(TrackerEventKind.IdleAnswered, null, approved
            ? $"idle request from PT@{request.Address}: approved (nothing addressed to it)"
            : $"idle request from PT@{request.Address}: rejected, {pending.Count} unfinished task(s) addressed to it [{string.Join(", ", pending.Select(t => t.TaskName + "(" + t.TaskId + ")"))}]");
        return new IdleVerdict(approved, pending.Count);
    }

    /// <summary>PowerJob <c>updateTaskStatus</c>: expiry check, monotonic check, retry branch, write.</summary>
    private void UpdateTaskStatus(string taskId, TaskStatus newStatus, long reportTime, string? result, string source, string? reporter = null)
    {
        if (this.finished)
        {
            return;
        }

        var row = this.Store.Find(taskId);
        var cached = this.briefCache.TryGetValue(taskId, out var brief) ? brief : (Status: row?.Status ?? TaskStatus.WaitingDispatch, LastReportTime: row?.LastReportTime ?? -1);
        if (row is null)
        {
            this.Record(TrackerEventKind.StatusDropped, taskId, $"{source}: status {(int)newStatus} for unknown task dropped");
            return;
        }

        // A final status is never outdated by a later non-final one: a re-sent start's acknowledgement can overtake the
        // result of the run it duplicates, and dropping that result would lose it (the tracker was acknowledged and forgot it).
        if (cached.LastReportTime > reportTime && !(newStatus.IsFinished() && !cached.Status.IsFinished()))
        {
            this.Record(TrackerEventKind.StatusDropped, taskId, $"{source}: status {(int)newStatus} expired (reported {reportTime}, last {cached.LastReportTime})");
            return;
        }

        if (newStatus.IsFinished() && row.Status.IsFinished() && (reporter is not null || row.Status == newStatus) && !SystemResults.IsSystemDecided(row.Result))
        {
            // At-least-once execution can report a result twice, even two different ones (a duplicated start, a task sent
            // again while its first run went on): the first result accepted is kept. Only a status the TaskTracker decided
            // itself (IDLE, lost tracker) may still give way to a result a tracker reports, as PowerJob's 6 > 5 allows.
            this.Record(TrackerEventKind.StatusDropped, taskId, $"{source}: status {(int)newStatus} dropped, task is already {(int)row.Status} {row.Status} (a result is accepted once)");
            return;
        }

        if (newStatus < cached.Status)
        {
            this.Record(TrackerEventKind.StatusDropped, taskId, $"{source}: status {(int)newStatus} dropped, task is already {(int)cached.Status} (monotonic rule)");
            return;
        }

        var retry = newStatus == TaskStatus.Failed && this.job.TaskRetryNum >= 1 && row.FailedCount < this.job.TaskRetryNum;
        var next = retry
            ? row with
            {
                FailedCount = row.FailedCount + 1, Status = TaskStatus.WaitingDispatch, LastReportTime = reportTime,
                Address = TaskNames.HasFixedAddress(row.TaskName) ? row.Address : null,
                LastModifiedTime = this.env.Time.NowMs(),
            }
            : row with
            {
                Status = newStatus, LastReportTime = reportTime, Result = newStatus.IsFinished() ? result : row.Result,
                EverReceived = row.EverReceived || newStatus.WasReceived(), LastModifiedTime = this.env.Time.NowMs(),

                // The task is where the tracker that reports it runs: a late report of a task sent back to dispatch (address
                // cleared) must not leave it running nowhere, out of reach of lost-tracker handling.
                Address = reporter is not null && !newStatus.IsFinished() ? reporter : row.Address,
            };

        // The table can be ahead of the cache (a lost tracker's tasks failed without a report): the store's rule decides.
        if (StatusTransition.Refusal(row, next) is { } refused)
        {
            this.Record(TrackerEventKind.StatusDropped, taskId, $"{source}: status {(int)newStatus} dropped: {refused}");
            return;
        }

        this.briefCache[taskId] = (newStatus, reportTime);
        if (row.TaskName == TaskNames.Last && newStatus is TaskStatus.WorkerProcessing or TaskStatus.Succeeded)
        {
            this.lastTaskStarted = true;
        }

        if (retry)
        {
            this.Write(next);
            this.Record(TrackerEventKind.TaskRequeued, taskId, $"{row.TaskName} failed ({result}); retry {next.FailedCount}/{this.job.TaskRetryNum}, back to WAITING_DISPATCH{(next.Address is null ? string.Empty : $" for {next.Address}")}");
            return;
        }

        this.Write(next);
        var kind = newStatus.IsFinished() && source.StartsWith(ReportSource, StringComparison.Ordinal) ? TrackerEventKind.ResultAccepted : TrackerEventKind.StatusAccepted;
        this.Record(kind, taskId, $"{row.TaskName} -> {(int)newStatus} {newStatus} ({source})");
    }

    /// <summary>Writes a row; a row the store refuses (e.g. an oversized result) fails the task with the store's reason instead.</summary>
    private void Write(TaskRecord row)
    {
        var written = this.Store.Update(row);
        if (written.Succeeded)
        {
            return;
        }

        // Short and bounded, so it always fits (MaxResultLength is at least MinMaxResultLength); the store's full error goes to the log.
        this.logger.StoreWriteSkipped(this.InstanceId, $"result of task {row.TaskId}", written.Error);
        var failed = row with
        {
            Status = TaskStatus.Failed,
            Result = $"SYSTEM: result could not be stored: {row.Result?.Length ?? 0} characters, MaxResultLength is {this.env.Options.MaxResultLength}",
        };
        var fallback = this.Store.Update(failed);
        if (!fallback.Succeeded)
        {
            this.logger.TaskNotWritten(row.TaskId, this.InstanceId, fallback.Error);
        }
    }

    /// <summary>PowerJob <c>Dispatcher.run0</c> and <c>dispatchTask</c>.</summary>
    private Task DispatchAsync()
    {
        if (this.finished)
        {
            return Task.CompletedTask;
        }

        var now = this.env.Time.NowMs();
        var available = this.trackers.Available(now, this.env.Options);
        if (available.Count == 0)
        {
            this.logger.NoAvailableProcessorTracker(this.InstanceId);
            return Task.CompletedTask;
        }

        var limit = Math.Min(this.env.Options.DispatchBatchLimit, available.Count * this.job.ThreadConcurrency * 2);
        while (true)
        {
            var waiting = this.Store.GetByStatus(TaskStatus.WaitingDispatch, limit);
            foreach (var task in waiting)
            {
                // Addressed tasks (ROOT, LAST, BROADCAST) go to their node without an availability check, as in PowerJob.
                var address = task.Address ?? available[this.roundRobin++ % available.Count];
                this.DispatchTask(task, address, now);
            }

            if (waiting.Count < limit)
            {
                return Task.CompletedTask;
            }
        }
    }

    private void DispatchTask(TaskRecord task, string address, long now)
    {
        var written = this.Store.Update(task with { Status = TaskStatus.DispatchedUnchecked, Address = address, LastModifiedTime = now });
        if (!written.Succeeded)
        {
            this.logger.StoreWriteSkipped(this.InstanceId, $"dispatch of task {task.TaskId}", written.Error);
            return;
        }

        this.trackers.Get(address).MarkDispatched(now);
        this.briefCache[task.TaskId] = (TaskStatus.DispatchedUnchecked, -1);
        this.Record(TrackerEventKind.TaskDispatched, task.TaskId, $"dispatch {task.TaskName}({task.TaskId}) -> PT@{address}");
        this.node.Tell(address, new StartTask(this.InstanceId, this.node.Address, task.TaskId, task.TaskName, task.Content, task.FailedCount));
    }

    /// <summary>PowerJob <c>StatusCheckRunnable.innerRun</c>.</summary>
    private Task StatusCheckAsync()
    {
        if (this.finished)
        {
            return Task.CompletedTask;
        }

        var now = this.env.Time.NowMs();
        var counts = this.Store.CountByStatus();
        var finishedCount = counts[TaskStatus.Succeeded] + counts[TaskStatus.Failed];
        var unfinishedCount = counts[TaskStatus.WaitingDispatch] + counts[TaskStatus.DispatchedUnchecked] + counts[TaskStatus.WorkerReceived] + counts[TaskStatus.WorkerProcessing];

        if (unfinishedCount == 0)
        {
            if (finishedCount == 0)
            {
                this.Finish(JobOutcome.Failed, null, SystemResults.CreateRootTaskFailed);
                return Task.CompletedTask;
            }

            if (this.DecideWhenAllFinished(now))
            {
                return Task.CompletedTask;
            }
        }

        if (this.job.InstanceTimeout is { } timeout && this.env.Time.GetUtcNow() - this.startedAt > timeout)
        {
            this.Finish(JobOutcome.Failed, null, $"{SystemResults.InstanceExecuteTimeout}: still running after {timeout}");
            return Task.CompletedTask;
        }

        this.CountQueues();
        this.RequeueUnacknowledged(now);
        this.HandleLostTrackers(now);
        return Task.CompletedTask;
    }

    // The heartbeat timeout grows with what each tracker has to work through, so a healthy tracker slowed by load is not taken for lost.
    private void CountQueues()
    {
        foreach (var address in this.trackers.Addresses)
        {
            this.trackers.Get(address).Queued = this.Store.GetUnfinishedByAddress(address).Count;
        }
    }

    /// <summary>Returns true if the job is decided; for MapReduce and Broadcast creates OMS_LAST_TASK first.</summary>
    private bool DecideWhenAllFinished(long now)
    {
        var tasks = this.Store.Snapshot();
        var firstFailure = tasks.FirstOrDefault(t => t.Status == TaskStatus.Failed && t.TaskName != TaskNames.Last);
        switch (this.job.Kind)
        {
            case JobKind.Standalone:
                var root = tasks.First(t => t.TaskId == TaskNames.RootTaskId);
                if (root.Status == TaskStatus.Succeeded)
                {
                    this.Finish(JobOutcome.Succeeded, root.Result, null);
                }
                else
                {
                    this.Finish(JobOutcome.Failed, null, $"root task failed: {root.Result}");
                }

                return true;

            case JobKind.Map:
                if (firstFailure is null)
                {
                    this.Finish(JobOutcome.Succeeded, $"{tasks.Count} task(s) succeeded", null);
                }
                else
                {
                    this.Finish(JobOutcome.Failed, null, FailureOf(firstFailure, tasks));
                }

                return true;

            default:
                var last = tasks.FirstOrDefault(t => t.TaskName == TaskNames.Last);
                if (last is null)
                {
                    // "最终任务必须在本机执行": the last task is addressed to this node and waits for the next dispatcher run.
                    // From here until that run, an IDLE report from this node's tracker fails it (#1033).
                    var created = this.Store.Insert([new TaskRecord
                    {
                        TaskId = TaskNames.LastTaskId, TaskName = TaskNames.Last, Address = this.node.Address, CreatedTime = now, LastModifiedTime = now,
                    }]);
                    if (!created.Succeeded)
                    {
                        this.Finish(JobOutcome.Failed, null, $"could not create {TaskNames.Last}: {created.Error}");
                        return true;
                    }

                    this.Record(TrackerEventKind.LastTaskCreated, TaskNames.LastTaskId, $"all sub-tasks finished: {TaskNames.Last} created for PT@{this.node.Address}, waiting for dispatch");
                    return false;
                }

                if (!last.Status.IsFinished())
                {
                    return false;
                }

                var step = this.job.Kind == JobKind.Broadcast ? "post-process" : "reduce";
                if (last.Status == TaskStatus.Failed)
                {
                    var reason = this.lastTaskStarted
                        ? $"{step} failed: {last.Result}"
                        : $"{step} never ran: {TaskNames.Last} failed with \"{last.Result}\" before any ProcessorTracker started it";
                    this.Finish(JobOutcome.Failed, null, reason);
                }
                else if (firstFailure is not null)
                {
                    // Deliberate difference from PowerJob, where reduce's result alone decides: a job whose map failed does not report success.
                    this.Finish(JobOutcome.Failed, last.Result, $"{FailureOf(firstFailure, tasks)}; {step} ran and returned \"{last.Result}\"");
                }
                else
                {
                    this.Finish(JobOutcome.Succeeded, last.Result, null);
                }

                return true;
        }
    }

    /// <summary>PowerJob step 6.1: unacknowledged tasks go back to waiting; only OMS_LAST_TASK keeps its address.</summary>
    private void RequeueUnacknowledged(long now)
    {
        var timeout = (long)this.env.Options.DispatchTimeout.TotalMilliseconds;
        foreach (var task in this.Store.GetByStatus(TaskStatus.DispatchedUnchecked, int.MaxValue))
        {
            if (now - task.LastModifiedTime <= timeout)
            {
                continue;
            }

            this.SendAgain(task, now, $"unacknowledged for {(now - task.LastModifiedTime) / 1000.0:0.0}s at PT@{task.Address}");
            this.ForgetUnheardDispatch(task.Address);
        }
    }

    // A tracker never heard from holds nothing the TaskTracker knows of once its unacknowledged tasks are sent again: it
    // takes tasks again at once (PowerJob's available() refuses a tracker dispatched to and not connected).
    private void ForgetUnheardDispatch(string? address)
    {
        if (address is null || this.env.Options.UnheardTrackersTimeOutAtOnce || this.trackers.Get(address) is not { Connected: false, Dispatched: true } status)
        {
            return;
        }

        if (this.Store.GetUnfinishedByAddress(address).All(t => t.Status == TaskStatus.WaitingDispatch))
        {
            status.ClearDispatched();
        }
    }

    /// <summary>
    /// PowerJob step 6.2 and <c>updateLostTasks</c>, with two differences: a task with a fixed node (OMS_LAST_TASK, a
    /// broadcast task) keeps it (PowerJob clears it: residual race R4, reduce on a node without the task table), and a
    /// task sent again more than <see cref="TrackerOptions.MaxRedispatches"/> times fails naming the node, so a node that
    /// never comes back cannot keep the job Running for ever.
    /// </summary>
    private void HandleLostTrackers(long now)
    {
        var retry = this.job.Kind != JobKind.Broadcast;
        foreach (var address in this.trackers.TimedOut(now, this.env.Options))
        {
            var lost = this.Store.GetUnfinishedByAddress(address);
            var why = this.trackers.Get(address).Connected
                ? $"silent for over {this.env.Options.HeartbeatTimeout.TotalSeconds:0}s"
                : "dispatched to but never heard from (PowerJob counts that as timed out)";
            this.Record(TrackerEventKind.TrackerLost, null, $"PT@{address} {why}: {lost.Count} task(s) {(retry ? "sent back to dispatch" : "failed")}");
            foreach (var task in lost)
            {
                if (retry)
                {
                    this.SendAgain(task, now, $"PT@{address} lost ({why})");
                }
                else
                {
                    this.Write(task with { Status = TaskStatus.Failed, Result = $"{SystemResults.MaybeWorkerDown}: PT@{address} lost ({why}) while it held the task", LastModifiedTime = now });
                }
            }

            this.trackers.Reset(address);
        }
    }

    /// <summary>Back to WAITING_DISPATCH (a fixed node kept), or FAILED naming <paramref name="why"/> once it was sent again too often.</summary>
    private void SendAgain(TaskRecord task, long now, string why)
    {
        var limit = this.job.TaskRetryNum + this.env.Options.MaxRedispatches;
        if (task.FailedCount >= limit)
        {
            this.Write(task with { Status = TaskStatus.Failed, Result = $"SYSTEM: {why}; sent {task.FailedCount + 1} times, retries exhausted", LastModifiedTime = now });
            this.Record(TrackerEventKind.StatusAccepted, task.TaskId, $"{task.TaskName} -> 5 Failed: {why}; retries exhausted ({limit} re-sends)");
            return;
        }

        this.Write(task with
        {
            Status = TaskStatus.WaitingDispatch, FailedCount = task.FailedCount + 1, LastModifiedTime = now,
            Address = TaskNames.HasFixedAddress(task.TaskName) ? task.Address : null,
        });
        this.Record(TrackerEventKind.TaskRequeued, task.TaskId, $"{task.TaskName} {why}: dispatch again");
    }

    private void CreateBroadcastTasks()
    {
        var now = this.env.Time.NowMs();
        var tasks = this.trackers.Addresses.Select((address, i) => new TaskRecord
        {
            TaskId = $"{TaskNames.RootTaskId}.{i + 1}", TaskName = TaskNames.Broadcast, Address = address, Content = this.job.Parameters,
            CreatedTime = now, LastModifiedTime = now,
        }).ToList();
        var inserted = this.Store.Insert(tasks);
        if (!inserted.Succeeded)
        {
            this.logger.StoreWriteSkipped(this.InstanceId, "broadcast task creation", inserted.Error);
            return;
        }

        this.Record(TrackerEventKind.TasksCreated, TaskNames.RootTaskId, $"broadcast: {tasks.Count} {TaskNames.Broadcast} task(s), one per node");
    }

    /// <summary>PowerJob <c>destroy()</c>: decide, tell every node to stop this instance, unregister.</summary>
    private void Finish(JobOutcome outcome, string? result, string? reason, Exception? error = null)
    {
        if (this.crashed)
        {
            return;
        }

        this.finished = true;
        this.DisposeTimers();
        foreach (var address in this.trackers.Addresses)
        {
            this.node.Tell(address, new StopInstance(this.InstanceId));
        }

        var finishedAt = this.env.Time.GetUtcNow();
        this.Record(TrackerEventKind.JobFinished, null, $"job {outcome}{(reason is null ? string.Empty : $": {reason}")}");
        this.logger.JobFinished(this.job.Name, this.InstanceId, outcome, finishedAt - this.startedAt, reason ?? result);
        this.handle.TryComplete(new JobResult
        {
            InstanceId = this.InstanceId, JobName = this.job.Name, Outcome = outcome, Result = result, FailureReason = reason,
            ReduceRan = this.lastTaskStarted, Tasks = this.TasksAsLastStored(), StartedAt = this.startedAt, FinishedAt = finishedAt, Error = error,
        });
        this.node.RemoveTaskTracker(this.InstanceId);
        this.env.RetireJob(this.InstanceId);
        try
        {
            this.env.Options.TaskStores.InstanceFinished(this.node.Address, this.InstanceId, outcome);
        }
        catch (Store.Sqlite.TaskStoreFileException e)
        {
            // The outcome is decided and reported; a restart that finds it undecided decides it again from the same table.
            this.logger.StoreWriteSkipped(this.InstanceId, "recording the outcome", e.Message);
        }
    }

    private void StartTimers()
    {
        var options = this.env.Options;
        this.statusCheck = new RecurringTimer(this.env.Time, options.StatusCheckInitialDelay, options.StatusCheckInterval, RecurrenceMode.FixedDelay, this.mailbox.Post, this.StatusCheckAsync);
        this.dispatcher = new RecurringTimer(this.env.Time, options.DispatchInitialDelay, options.DispatchInterval, RecurrenceMode.FixedDelay, this.mailbox.Post, this.DispatchAsync);
    }

    /// <summary>
    /// Takes the instance up from the table after this node restarted: finished results stay; tasks that were on this
    /// node died with it and are sent again; tasks on other nodes may still be running there, so those trackers get a
    /// heartbeat timeout to report before their tasks are sent again.
    /// </summary>
    private void Resume()
    {
        var now = this.env.Time.NowMs();
        var tasks = this.Store.Snapshot();
        var inFlight = tasks.Where(t => !t.Status.IsFinished() && t.Status != TaskStatus.WaitingDispatch).ToList();
        var here = inFlight.Where(t => t.Address is null || string.Equals(t.Address, this.node.Address, StringComparison.OrdinalIgnoreCase)).ToList();
        this.Record(TrackerEventKind.JobResumed, null, $"job '{this.job.Name}' resumed from the task store: {tasks.Count(t => t.Status.IsFinished())} finished task(s) kept, {tasks.Count(t => t.Status == TaskStatus.WaitingDispatch)} waiting, {here.Count} lost with this node (or nowhere) sent again, {inFlight.Count - here.Count} on other nodes awaited");
        foreach (var task in here)
        {
            this.SendAgain(task, now, $"lost with TT@{this.node.Address}'s restart");
        }

        foreach (var address in inFlight.Except(here).Select(t => t.Address!).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            this.trackers.Get(address).AssumeAlive(now);
        }

        this.lastTaskStarted = tasks.Any(t => t.TaskName == TaskNames.Last && t.EverReceived);
    }

    private static string FailureOf(TaskRecord failed, IReadOnlyList<TaskRecord> all)
    {
        var failures = all.Count(t => t.Status == TaskStatus.Failed && t.TaskName != TaskNames.Last);
        return $"task {failed.TaskName}({failed.TaskId}) failed: {failed.Result}{(failures > 1 ? $" (and {failures - 1} more failed task(s))" : string.Empty)}";
    }

    // A bug in a handler must show on the timeline an oracle prints, not only in a log nobody configured.
    private void OnHandlerFailed(Exception ex)
    {
        this.logger.HandlerFailed(ex, $"TaskTracker of {this.job.Name} (instance {this.InstanceId})");
        this.Record(TrackerEventKind.HandlerFailed, null, RuntimeLog.HandlerFailedDetail(ex));
        if (ex is Store.Sqlite.TaskStoreFileException store && !this.finished)
        {
            // The table is what every decision is read back from: a tracker that cannot write it would run on
            // decisions it never kept, and the job would stay Running for ever. The caller gets the error instead.
            this.Finish(JobOutcome.Failed, null, $"the task store cannot be written: {store.Message}", store);
        }
    }

    // The result lists the tasks even when the store fails; a table that cannot be read then lists none, and Error says why.
    private IReadOnlyList<TaskRecord> TasksAsLastStored()
    {
        try
        {
            return this.Store.Snapshot();
        }
        catch (Store.Sqlite.TaskStoreFileException)
        {
            return [];
        }
    }

    private void Record(TrackerEventKind kind, string? taskId, string detail) =>
        this.env.Record(this.node.Address, Component, kind, this.InstanceId, taskId, detail);
}
