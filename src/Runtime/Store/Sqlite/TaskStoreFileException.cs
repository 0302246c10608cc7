namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>
/// A task store file that cannot be used, with the file's path, what is wrong and what to do. Nothing is dropped or
/// overwritten to get past it: a node whose task table is unreadable must not start as if it had none.
/// </summary>
public sealed class TaskStoreFileException : IOException
{
    /// <summary>Creates the error for <paramref name="filePath"/>.</summary>
    public TaskStoreFileException(string filePath, TaskStoreFileProblem problem, string detail, Exception? inner = null)
        : base($"Task store '{filePath}': {detail}", inner)
    {
        this.FilePath = filePath;
        this.Problem = problem;
    }

    /// <summary>The file's full path.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public TaskStoreFileProblem Problem { get; }
}
