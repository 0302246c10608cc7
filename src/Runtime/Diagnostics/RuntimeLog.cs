using Microsoft.Extensions.Logging;

namespace TrackerRace.Runtime.Diagnostics;

/// <summary>The runtime's log messages, source-generated so a disabled level costs nothing.</summary>
internal static partial class RuntimeLog
{
    /// <summary>A failed handler as the timeline shows it: the exception and where it was thrown.</summary>
    public static string HandlerFailedDetail(Exception exception) =>
        $"handler failed: {exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";

    [LoggerMessage(1, LogLevel.Error, "{Role} handler failed")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string role);

    [LoggerMessage(2, LogLevel.Debug, "Ask {Message} from {From} to {To} timed out after {Timeout}")]
    public static partial void AskTimedOut(this ILogger logger, string message, string from, string to, TimeSpan timeout);

    [LoggerMessage(3, LogLevel.Error, "Handling {Message} from {From} on {To} failed")]
    public static partial void DeliveryFailed(this ILogger logger, Exception exception, string message, string from, string to);

    [LoggerMessage(4, LogLevel.Warning, "Message {Message} from {From} to {To} lost: {Why}")]
    public static partial void MessageLost(this ILogger logger, string message, string from, string to, string why);

    [LoggerMessage(5, LogLevel.Debug, "{Message} from {From} for instance {Instance}: no TaskTracker on {Node}")]
    public static partial void NoTaskTracker(this ILogger logger, string message, string from, long instance, string node);

    [LoggerMessage(6, LogLevel.Error, "Task {TaskId} of instance {Instance} could not be written: {Error}")]
    public static partial void TaskNotWritten(this ILogger logger, string taskId, long instance, string? error);

    [LoggerMessage(7, LogLevel.Debug, "Instance {Instance}: no available ProcessorTracker")]
    public static partial void NoAvailableProcessorTracker(this ILogger logger, long instance);

    [LoggerMessage(8, LogLevel.Warning, "Instance {Instance}: {What} skipped: {Error}")]
    public static partial void StoreWriteSkipped(this ILogger logger, long instance, string what, string? error);

    [LoggerMessage(9, LogLevel.Information, "Job {Job} (instance {Instance}) {Outcome} after {Elapsed}: {Detail}")]
    public static partial void JobFinished(this ILogger logger, string job, long instance, Jobs.JobOutcome outcome, TimeSpan elapsed, string? detail);

    [LoggerMessage(10, LogLevel.Warning, "{Tracker} on {Node} for instance {Instance} has been idle for {IdleFor} but the idle policy {Policy} keeps it alive")]
    public static partial void IdleKeptAlive(this ILogger logger, string tracker, string node, long instance, TimeSpan idleFor, string policy);
}
