using TrackerRace.Runtime;

namespace TrackerRace.Scenarios.Sweep;

/// <summary>
/// Predicts, from the runtime's constants alone, which map-phase lengths of the #1033 scenario can
/// lose the reduce phase. The TaskTracker node's ProcessorTracker is last busy when the instant
/// sub-task ends (the second dispatcher run). Its checker, a fixed-rate grid from its creation at the
/// first dispatch, records idleness at its first tick after a tick that saw that completion, and
/// destroys at the first tick more than MaxIdleTime later. OMS_LAST_TASK is created by the first
/// status check after the long sub-task ends. The race needs that creation to come before the
/// destroy but less than one dispatcher period before it; with no drift that is the window
/// (destroy - DispatchInterval, destroy).
/// </summary>
public static class RaceWindow
{
    /// <summary>When n0's ProcessorTracker destroys itself, seconds after the job starts.</summary>
    public static double DestroyTime(TrackerOptions options)
    {
        var created = options.DispatchInitialDelay.TotalSeconds;
        var tick = options.ProcessorCheckInterval.TotalSeconds;
        var lastBusy = created + options.DispatchInterval.TotalSeconds;

        // The first tick after lastBusy sees the completion; the next one records idleness.
        var seesCompletion = created + (Math.Floor((lastBusy - created) / tick) + 1) * tick;
        var idleSince = seesCompletion + tick;
        var ticksToExceed = Math.Floor(options.MaxIdleTime.TotalSeconds / tick) + 1;
        return idleSince + ticksToExceed * tick;
    }

    /// <summary>When the first status check after <paramref name="mapEnd"/> runs (it creates OMS_LAST_TASK).</summary>
    public static double LastTaskCreated(TrackerOptions options, double mapEnd)
    {
        var first = options.StatusCheckInitialDelay.TotalSeconds;
        var period = options.StatusCheckInterval.TotalSeconds;
        return mapEnd <= first ? first : first + Math.Ceiling((mapEnd - first) / period) * period;
    }

    /// <summary>
    /// Whether a long sub-task of <paramref name="mapSeconds"/> can make the idle destroy fail
    /// OMS_LAST_TASK. When the map ends exactly on a status check's nominal time, timer drift decides
    /// which check creates the last task, so the answer can be "only in some schedules" (Edge).
    /// </summary>
    public static WindowPosition Classify(TrackerOptions options, int mapSeconds)
    {
        // The long sub-task starts at the second dispatcher run, nominally DispatchInterval (its 10 ms
        // initial delay is of the same order as the checks' own drift, so it is left out).
        var end = options.DispatchInterval.TotalSeconds + mapSeconds;
        var destroy = DestroyTime(options);
        bool Loses(double created) => created < destroy && destroy - created < options.DispatchInterval.TotalSeconds;

        var created = LastTaskCreated(options, end);
        var onCheck = Math.Abs(created - end) < 1e-9;
        if (!onCheck)
        {
            return Loses(created) ? WindowPosition.Inside : WindowPosition.Outside;
        }

        var later = created + options.StatusCheckInterval.TotalSeconds;
        return (Loses(created), Loses(later)) switch
        {
            (true, true) => WindowPosition.Inside,
            (false, false) => WindowPosition.Outside,
            _ => WindowPosition.Edge,
        };
    }
}

/// <summary>Where a map length lies relative to the race window.</summary>
public enum WindowPosition
{
    /// <summary>The race cannot happen.</summary>
    Outside,

    /// <summary>The race can happen in some schedules, depending on timer drift.</summary>
    Edge,

    /// <summary>The race can happen whatever the drift.</summary>
    Inside,
}
