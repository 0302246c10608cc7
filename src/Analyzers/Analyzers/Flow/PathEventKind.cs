namespace TrackerRace.Analyzers.Flow;

/// <summary>What happens at one point of a method, in evaluation order, as far as the rules care.</summary>
internal enum PathEventKind
{
    /// <summary>Pending work is read, or its owner is asked.</summary>
    Consult,

    /// <summary>The component is torn down (a teardown call, or a teardown decision is produced).</summary>
    Teardown,

    /// <summary>An <c>await</c> that is not itself the pending-work question: other work may run here.</summary>
    Await,

    /// <summary>A lock or semaphore is taken.</summary>
    Acquire,

    /// <summary>A lock or semaphore is released.</summary>
    Release,

    /// <summary>Work is added to pending work.</summary>
    AddWork,

    /// <summary>The component's teardown state (disposed flag, state, token) is read.</summary>
    ReadState,

    /// <summary>The component's teardown state is written ("closing the door").</summary>
    WriteState,

    /// <summary>The method returns: the end of a path.</summary>
    Exit,
}
