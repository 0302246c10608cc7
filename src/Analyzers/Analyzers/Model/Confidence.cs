namespace TrackerRace.Analyzers.Model;

/// <summary>
/// How a finding knows that the work it speaks of is pending work, strongest first. The tier is the
/// diagnostic's <c>Confidence</c> property and decides its default severity: the first two are
/// warnings, the last is a suggestion unless <c>trackerrace.heuristic_severity</c> raises it.
/// </summary>
internal enum Confidence
{
    /// <summary>The user said so: <c>[PendingWork]</c>, <c>[Teardown]</c>, <c>[Dispatch]</c> or an <c>.editorconfig</c> list.</summary>
    Declared,

    /// <summary>The code shows it: the type adds work to the member on one path and takes it on another, or owns a hand-off it feeds or drains.</summary>
    Evidence,

    /// <summary>Only part of that shows (one side of the hand-off, a name that says pending): worth a look, not a build warning.</summary>
    Heuristic,
}
