namespace TrackerRace.Runtime.Store.Sqlite;

/// <summary>Why a task store file could not be used.</summary>
public enum TaskStoreFileProblem
{
    /// <summary>The file (or its directory) does not exist and was not to be created.</summary>
    Missing,

    /// <summary>The process may not create or write the file.</summary>
    NotWritable,

    /// <summary>Another connection or process holds a lock on it for longer than the busy timeout.</summary>
    Locked,

    /// <summary>It is not an SQLite database, or its pages are damaged (a truncated or overwritten file).</summary>
    Corrupt,

    /// <summary>It was written by a newer TrackerRace whose schema this one does not know.</summary>
    NewerSchema,

    /// <summary>It is an SQLite database, but not a TrackerRace task store.</summary>
    NotATaskStore,

    /// <summary>The disk failed the read or write (I/O error, disk full); the file itself may be fine.</summary>
    Unavailable,

    /// <summary>Another process uses it (it holds the file's lock); the message names that process.</summary>
    OwnedByAnotherProcess,
}
