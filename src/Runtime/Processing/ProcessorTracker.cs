using Microsoft.Extensions.Logging;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Hosting;
using TrackerRace.Runtime.Jobs;
using TrackerRace.Runtime.Policies;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Time;
using TaskStatus = TrackerRace.Runtime.Protocol.TaskStatus;

namespace TrackerRace.Runtime.Processing;

/// <summary>
/// One incarnation of a job's ProcessorTracker on one node (PowerJob <c>ProcessorTracker</c>): runs
/// tasks on a bounded pool, reports their statuses, and every <see cref="TrackerOptions.ProcessorCheckInterval"/>
/// runs the checker (instance timeout, idle rule, retry flush, heartbeat). Its state changes happen
/// on its mailbox; the tasks themselves run on the pool.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The checker timer is disposed by DestroyAsync, the only way an incarnation ends.")]
internal sealed class ProcessorTracker : IIdleContext
{
    private readonly RuntimeEnvironment env;
    private readonly WorkerNode node;
    private readonly JobDefinition? job;
    private readonly Mailbox mailbox;
    private readonly ProcessorPool pool;
    private readonly List<TaskStatusReport> retryQueue = [];

    // Tasks accepted and not yet finished-and-acknowledged, listed in every heartbeat so the TaskTracker can tell which of
    // the tasks it sent here this incarnation really holds (a restarted incarnation holds none of its predecessor's).
    // Concurrent: added on the mailbox, removed by the reliable report's continuation; it takes no lock Coyote sees.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> held = new(StringComparer.Ordinal);

    // Stages of a held task.
    private const byte Running = 0;
    private const byte Finished = 1;
    private readonly ILogger logger;
    private readonly long startTime;
    private readonly RecurringTimer checker;
    private string? destroyReason;
    private long lastIdleTime = -1;
    private long lastCompletedCount;

    // When the TaskTracker last said anything to this incarnation (a start request, an answer to an ask): for the orphan rule.
    private long lastHeard;
    private bool killed;

    public ProcessorTracker(RuntimeEnvironment env, WorkerNode node, long instanceId, string taskTrackerAddress)
    {
        this.env = env;
        this.node = node;
        this.InstanceId = instanceId;
        this.TaskTrackerAddress = taskTrackerAddress;
        this.Incarnation = env.NextIncarnation();
        this.job = env.FindJob(instanceId);
        this.logger = env.Loggers.CreateLogger<ProcessorTracker>();
        this.mailbox = new Mailbox(env.Scheduler, ex =>
        {
            this.logger.HandlerFailed(ex, this.Name);
            this.Record(TrackerEventKind.HandlerFailed, null, RuntimeLog.HandlerFailedDetail(ex));
        }, env.Activity);
        this.pool = new ProcessorPool(this.job?.ThreadConcurrency ?? 1, env.Options.PoolQueueCapacity, env.Scheduler, env.Activity);
        this.startTime = env.Time.NowMs();
        this.lastHeard = this.startTime;
        this.Record(TrackerEventKind.ProcessorTrackerCreated, null, $"created for TT@{taskTrackerAddress}");

        // PowerJob: scheduleAtFixedRate(CheckerAndReporter, 0, 10, SECONDS) - the first run is immediate.
        this.checker = new RecurringTimer(env.Time, TimeSpan.Zero, env.Options.ProcessorCheckInterval, RecurrenceMode.FixedRate, this.mailbox.Post, this.CheckAsync);
    }

    public long InstanceId { get; }

    public string TaskTrackerAddress { get; }

    public int Incarnation { get; }

    public ProcessorTrackerState State { get; private set; } = ProcessorTrackerState.Alive;

    public string Name => $"PT#{this.Incarnation}";

    /// <inheritdoc />
    public bool IsOnTaskTrackerNode => string.Equals(this.TaskTrackerAddress, this.node.Address, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public bool HasLocalPendingWork => this.pool.ActiveCount > 0 || this.pool.QueueLength > 0 || this.retryQueue.Count > 0;

    /// <summary>PowerJob <c>submitTask</c>: accept into the pool and acknowledge, or refuse.</summary>
    public Task SubmitAsync(StartTask start) => this.mailbox.Post(() =>
    {
        this.lastHeard = this.env.Time.NowMs();
        if (this.State != ProcessorTrackerState.Alive)
        {
            // PowerJob logs the RejectedExecutionException and sends nothing: the task stays unacknowledged (R2).
            this.Record(TrackerEventKind.TaskRejected, start.TaskId, $"{start.TaskName} refused: tracker is {this.State}; no acknowledgement sent");
            return Task.CompletedTask;
        }

        if (this.held.TryGetValue(start.TaskId, out var stage))
        {
            // A duplicated or re-sent start (its acknowledgement was lost or late): never run twice at once. Running, it is
            // acknowledged again; finished, its result is already on its way (sent, or queued for the checker to re-send).
            if (stage == Finished)
            {
                this.Record(TrackerEventKind.TaskReceived, start.TaskId, $"{start.TaskName} already finished here: not run again, its result is on its way");
                return Task.CompletedTask;
            }

            this.Record(TrackerEventKind.TaskReceived, start.TaskId, $"{start.TaskName} already held: acknowledged again, not run twice");
            this.Report(start.TaskId, TaskStatus.WorkerReceived, null, reliable: false);
            return Task.CompletedTask;
        }

        if (this.job is null)
        {
            // PowerJob's "lethal" tracker: the processor cannot be loaded, so every task fails at once.
            this.Report(start.TaskId, TaskStatus.Failed, $"no processor is known for instance {this.InstanceId}", reliable: false);
            return Task.CompletedTask;
        }

        // Held before it can run: a task that finishes at once must not have its stage overwritten afterwards.
        this.held[start.TaskId] = Running;
        if (!this.pool.TrySubmit(ct => this.RunAsync(start, ct)))
        {
            this.held.TryRemove(start.TaskId, out _);
            this.Record(TrackerEventKind.TaskRejected, start.TaskId, $"{start.TaskName} refused: pool queue full ({this.env.Options.PoolQueueCapacity})");
            return Task.CompletedTask;
        }

        this.Record(TrackerEventKind.TaskReceived, start.TaskId, $"{start.TaskName} accepted (retry {start.CurrentRetry})");
        this.node.CrashPoint(Faults.CrashPoint.ProcessorTrackerAfterAcceptBeforeAck);
        this.Report(start.TaskId, TaskStatus.WorkerReceived, null, reliable: false);
        return Task.CompletedTask;
    });

    /// <summary>PowerJob <c>TaskTrackerStopInstanceReq</c>: destroy without reporting.</summary>
    public Task StopAsync(string why) => this.mailbox.Post(() => this.DestroyAsync(why));

    /// <summary>
    /// This incarnation dies without a word (its process or its node crashed): queue, running tasks and unsent reports
    /// are gone, no IDLE and no result is sent from now on. The next start request for the instance creates a new incarnation.
    /// </summary>
    public void Kill(string why)
    {
        if (this.killed)
        {
            return;
        }

        this.killed = true;
        this.mailbox.Halt();
        this.checker.Dispose();
        var dropped = this.pool.ShutdownNow();
        this.retryQueue.Clear();
        this.State = ProcessorTrackerState.Destroyed;
        this.Record(TrackerEventKind.ProcessorTrackerKilled, null, $"killed ({why}): {this.held.Count} held task(s) lost, {dropped} of them queued; nothing reported");
    }

    /// <inheritdoc />
    public async Task<IdleVerdict?> RequestIdleAsync(CancellationToken cancellationToken)
    {
        this.Record(TrackerEventKind.IdleRequested, null, "asks TT for permission to go idle");
        return this.Heard(await this.AskAsync<IdleVerdict>(new IdleRequest(this.InstanceId, this.node.Address, this.env.Time.NowMs()), cancellationToken));
    }

    /// <summary>PowerJob <c>CheckerAndReporter.run0</c>, steps 1 to 4.</summary>
    private async Task CheckAsync()
    {
        if (this.State != ProcessorTrackerState.Alive)
        {
            return;
        }

        var now = this.env.Time.NowMs();

        // 1. Instance timeout: destroy without reporting anything, as PowerJob does.
        if (this.job?.InstanceTimeout is { } timeout && now - this.startTime > (long)timeout.TotalMilliseconds)
        {
            await this.DestroyAsync($"instance timeout {timeout} exceeded");
            return;
        }

        // 1b. Orphaned: a remote tracker running nothing whose TaskTracker has been silent for longer than a live one ever is
        // (its node crashed for good). Without this, a result it cannot deliver or an unanswered handshake keeps it for ever.
        // The clock is compared first, so a tracker that is not orphaned does not even look at its pool.
        if (!this.IsOnTaskTrackerNode && now - this.lastHeard > (long)this.env.Options.EffectiveOrphanTimeout.TotalMilliseconds && this.pool.ActiveCount == 0)
        {
            await this.DestroyAsync($"orphaned: TT@{this.TaskTrackerAddress} silent for {(now - this.lastHeard) / 1000.0:0.0}s, {this.retryQueue.Count} undeliverable report(s)");
            return;
        }

        // 2. Idle rule: "no active and no newly completed task". It cannot see work waiting on the TaskTracker's side.
        var completed = this.pool.CompletedCount;
        if (this.pool.ActiveCount > 0 || completed > this.lastCompletedCount)
        {
            this.lastIdleTime = -1;
            this.lastCompletedCount = completed;
        }
        else if (this.lastIdleTime == -1)
        {
            this.lastIdleTime = now;
            this.Record(TrackerEventKind.IdleCheck, null, "idle check: idle since now");
        }
        else if (now - this.lastIdleTime > (long)this.env.Options.MaxIdleTime.TotalMilliseconds)
        {
            var idleFor = TimeSpan.FromMilliseconds(now - this.lastIdleTime);
            var decision = await this.env.Options.IdlePolicy.DecideAsync(this, CancellationToken.None);
            this.Record(TrackerEventKind.IdleCheck, null, $"idle check: idle {idleFor.TotalSeconds:0.0}s > {this.env.Options.MaxIdleTime.TotalSeconds:0}s -> {Describe(decision)} ({this.env.Options.IdlePolicy.Name})");
            switch (decision)
            {
                case IdleDecision.ReportIdleAndDestroy:
                    this.Record(TrackerEventKind.IdleReported, null, $"IDLE report -> TT@{this.TaskTrackerAddress}");
                    this.Tell(new ProcessorTrackerStatusReport(this.InstanceId, ProcessorTrackerReportKind.Idle, this.node.Address, now, 0));
                    await this.DestroyAsync("idle");
                    return;
                case IdleDecision.DestroyApproved:
                    await this.DestroyAsync("idle, approved by TT");
                    return;
                default:
                    this.logger.IdleKeptAlive(this.Name, this.node.Address, this.InstanceId, idleFor, this.env.Options.IdlePolicy.Name);

                    // Count idleness afresh, so a refused tracker asks again only after another full idle period.
                    this.lastIdleTime = now;
                    break;
            }
        }

        // 3. Flush queued final reports; on failure skip the heartbeat so the TaskTracker sees this tracker as lost and retries its tasks.
        if (!await this.FlushRetryQueueAsync())
        {
            return;
        }

        // 4. LOAD heartbeat.
        this.Tell(new ProcessorTrackerStatusReport(
            this.InstanceId, ProcessorTrackerReportKind.Load, this.node.Address, now, this.pool.QueueLength) { HeldTaskIds = [.. this.held.Select(p => p.Key)], Incarnation = this.Incarnation });
    }

    private async Task<bool> FlushRetryQueueAsync()
    {
        while (this.retryQueue.Count > 0)
        {
            var report = this.retryQueue[0];
            var ack = this.Heard(await this.AskAsync<ReportAck>(report, CancellationToken.None));
            if (ack is null)
            {
                return false;
            }

            this.retryQueue.RemoveAt(0);
            this.held.TryRemove(report.TaskId, out _);
        }

        return true;
    }

    /// <summary>PowerJob <c>destroy()</c>: shut the pool down, drop unsent results, leave the node. Two steps, so a start request can fall in between (R2).</summary>
    private async Task DestroyAsync(string why)
    {
        if (this.State != ProcessorTrackerState.Alive)
        {
            return;
        }

        this.State = ProcessorTrackerState.Destroying;
        this.destroyReason = why;
        var dropped = this.pool.ShutdownNow();
        var unsent = this.retryQueue.Count;
        this.retryQueue.Clear();
        this.checker.Dispose();
        this.Record(TrackerEventKind.ProcessorTrackerDestroying, null, $"destroying ({why}); dropped {dropped} queued task(s), {unsent} unsent report(s)");

        // The registry removal is a separate step in PowerJob as well; let other work interleave here.
        await Task.Yield();
        // Only this incarnation: a successor registered meanwhile (this one was killed or stopped) must stay.
        this.node.Registry.Remove(this);
        this.State = ProcessorTrackerState.Destroyed;
        this.Record(TrackerEventKind.ProcessorTrackerDestroyed, null, "destroyed");
    }

    /// <summary>PowerJob <c>HeavyProcessorRunnable</c>: report PROCESSING, run, report the final status.</summary>
    private async Task RunAsync(StartTask start, CancellationToken interrupt)
    {
        var job = this.job!;
        this.Report(start.TaskId, TaskStatus.WorkerProcessing, null, reliable: false);
        this.Record(TrackerEventKind.TaskStarted, start.TaskId, $"{start.TaskName} started");
        TaskOutcome outcome;
        try
        {
            outcome = await this.InvokeAsync(job, start, interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            outcome = TaskOutcome.Failure($"SYSTEM: interrupted, ProcessorTracker destroyed ({this.destroyReason})");
        }
        catch (Exception ex)
        {
            outcome = TaskOutcome.Failure($"{StepName(job, start)} threw {ex.GetType().Name}: {ex.Message}");
        }

        if (this.killed)
        {
            return;
        }

        this.Record(TrackerEventKind.TaskFinished, start.TaskId, $"{start.TaskName} {(outcome.Succeeded ? "succeeded" : "failed")}{(outcome.Result is null ? string.Empty : $": {Truncate(outcome.Result)}")}");
        this.held[start.TaskId] = Finished;
        this.node.CrashPoint(Faults.CrashPoint.ProcessorTrackerAfterRunBeforeReport);
        this.Report(start.TaskId, outcome.Succeeded ? TaskStatus.Succeeded : TaskStatus.Failed, outcome.Result, reliable: true);
    }

    private async Task<TaskOutcome> InvokeAsync(JobDefinition job, StartTask start, CancellationToken interrupt)
    {
        var context = this.CreateContext(job, start);
        if (start.TaskName == TaskNames.Last)
        {
            // PowerJob handleLastTask reads the results from the task table of the node it runs on:
            // that is why OMS_LAST_TASK must run on the TaskTracker's node.
            var store = this.node.FindLocalTaskStore(this.InstanceId);
            var results = store?.GetFinishedResults()
                .Select(r => new TaskResult(r.TaskId, r.TaskName, r.Status == TaskStatus.Succeeded, r.Result))
                .ToList() ?? [];
            this.Record(TrackerEventKind.ReduceExecuted, start.TaskId, $"reduce over {results.Count} result(s) read on {this.node.Address}{(store is null ? " (no local task table: wrong node)" : string.Empty)}");
            return await job.Reduce!(context, results, interrupt);
        }

        return await job.Process(context, interrupt);
    }

    private TaskContext CreateContext(JobDefinition job, StartTask start)
    {
        var nextChild = 0;
        return new TaskContext(
            job.Name, this.InstanceId, start.TaskId, start.TaskName, start.Content, job.Parameters, start.CurrentRetry,
            this.node.Address, this.env.Time, this.env.Activity, this.env.Loggers.CreateLogger(job.Name),
            async (taskName, contents, ct) =>
            {
                var subTasks = contents.Select(c => new SubTask($"{start.TaskId}.{Interlocked.Increment(ref nextChild)}", c)).ToList();
                var response = this.Heard(await this.AskAsync<MapTaskResponse>(new MapTaskRequest(this.InstanceId, start.TaskId, taskName, subTasks), ct));
                if (response is null)
                {
                    throw new TimeoutException($"map of {subTasks.Count} '{taskName}' sub-task(s) got no answer from TT@{this.TaskTrackerAddress} within {this.env.Options.AskTimeout}");
                }

                if (!response.Accepted)
                {
                    throw new InvalidOperationException($"TT@{this.TaskTrackerAddress} refused the map of {subTasks.Count} '{taskName}' sub-task(s): {response.Error}");
                }
            });
    }

    private void Report(string taskId, TaskStatus status, string? result, bool reliable)
    {
        var report = new TaskStatusReport(this.InstanceId, taskId, status, result, this.env.Time.NowMs(), this.node.Address) { Incarnation = this.Incarnation };
        if (!reliable)
        {
            this.Tell(report);
            return;
        }

        // PowerJob reliablePtReportTask: an ask; if it fails, the checker re-sends it later. It outlives
        // the pool worker that sent it, so it counts as activity on its own.
        this.env.Activity.Enter();
        _ = this.SendReliableAsync(report);
    }

    private async Task SendReliableAsync(TaskStatusReport report)
    {
        try
        {
            var ack = this.Heard(await this.AskAsync<ReportAck>(report, CancellationToken.None));
            if (ack is not null)
            {
                this.held.TryRemove(report.TaskId, out _);
            }
            else
            {
                _ = this.mailbox.Post(() =>
                {
                    if (this.State == ProcessorTrackerState.Alive)
                    {
                        this.retryQueue.Add(report);
                    }

                    return Task.CompletedTask;
                });
            }
        }
        finally
        {
            this.env.Activity.Exit();
        }
    }

    private T? Heard<T>(T? answer)
        where T : class
    {
        if (answer is not null)
        {
            this.lastHeard = this.env.Time.NowMs();
        }

        return answer;
    }

    // A killed incarnation says nothing more, even where its code still runs (a task that ignored the interrupt, an ask's continuation).
    private void Tell(ITrackerMessage message)
    {
        if (!this.killed)
        {
            this.node.Tell(this.TaskTrackerAddress, message);
        }
    }

    private Task<TReply?> AskAsync<TReply>(ITrackerMessage message, CancellationToken cancellationToken)
        where TReply : class =>
        this.killed ? Task.FromResult<TReply?>(null) : this.node.AskAsync<TReply>(this.TaskTrackerAddress, message, cancellationToken);

    private void Record(TrackerEventKind kind, string? taskId, string detail) =>
        this.env.Record(this.node.Address, this.Name, kind, this.InstanceId, taskId, detail);

    private static string StepName(JobDefinition job, StartTask start) => start.TaskName switch
    {
        TaskNames.Last => job.Kind == JobKind.Broadcast ? "post-process" : "reduce",
        TaskNames.Root when job.Kind is JobKind.Map or JobKind.MapReduce => "map",
        TaskNames.Root when job.Kind == JobKind.Broadcast => "pre-process",
        _ => "process",
    };

    private static string Describe(IdleDecision decision) => decision switch
    {
        IdleDecision.ReportIdleAndDestroy => "report IDLE and destroy",
        IdleDecision.DestroyApproved => "destroy (approved)",
        _ => "keep alive",
    };

    private static string Truncate(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
