namespace TrackerRace.Coyote.Time;

/// <summary>Where a <see cref="VirtualClock"/> runs a due timer's callback.</summary>
public enum TimerCallbacks
{
    /// <summary>On a controlled task of its own, as the thread pool would: callbacks due together race. Safe for callbacks that block.</summary>
    Concurrent,

    /// <summary>On the clock's own operation, one after the other: fewer scheduling steps, for callbacks that only post work.</summary>
    Inline,
}
