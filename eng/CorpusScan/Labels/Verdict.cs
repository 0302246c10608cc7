namespace TrackerRace.CorpusScan.Labels;

/// <summary>A person's judgement of a finding; <see cref="Pending"/> is a row written by <c>--write-unlabelled</c> and not judged yet (<c>?</c>).</summary>
public enum Verdict
{
    True,
    False,
    Pending,
}
