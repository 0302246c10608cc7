namespace TrackerRace.Runtime.Jobs;

/// <summary>Processes one task: the root (which may call <see cref="TaskContext.MapAsync"/>), a mapped sub-task, or a broadcast task.</summary>
public delegate Task<TaskOutcome> TaskProcessor(TaskContext context, CancellationToken cancellationToken);

/// <summary>Runs as OMS_LAST_TASK over every finished task's result: reduce for MapReduce, post-process for Broadcast.</summary>
public delegate Task<TaskOutcome> ReduceProcessor(TaskContext context, IReadOnlyList<TaskResult> results, CancellationToken cancellationToken);
