namespace TrackerRace.Runtime.Store;

/// <summary>
/// What every <see cref="ITaskStore"/> refuses before it writes, in the same words whichever store it is: a batch that
/// names an id twice, and a result longer than the store accepts (refused, never truncated).
/// </summary>
internal static class TaskWriteChecks
{
    /// <summary>Why <paramref name="tasks"/> cannot be inserted, judged on the batch alone (or by <paramref name="exists"/>), or null.</summary>
    public static string? InsertRefusal(IReadOnlyList<TaskRecord> tasks, int maxResultLength, Func<string, bool> exists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (exists(task.TaskId) || !seen.Add(task.TaskId))
            {
                return Duplicate(task.TaskId);
            }

            if (ResultRefusal(task, maxResultLength) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="task"/>'s result cannot be stored, or null.</summary>
    public static string? ResultRefusal(TaskRecord task, int maxResultLength) =>
        task.Result is { Length: var length } && length > maxResultLength
            ? $"result of task '{task.TaskId}' has {length} characters; the store accepts at most {maxResultLength} (TrackerOptions.MaxResultLength)"
            : null;

    /// <summary>The refusal of an id that is already stored.</summary>
    public static string Duplicate(string taskId) => $"task id '{taskId}' already exists";
}
