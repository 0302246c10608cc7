namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// What <see cref="ProjectEvaluator"/> read from a project file and everything it imports: the final
/// properties, the items this tool uses, and counts of what it could not evaluate.
/// </summary>
public sealed class EvaluatedProject
{
    public required string FullPath { get; init; }

    public string Directory => Path.GetDirectoryName(FullPath)!;

    public required bool IsSdkStyle { get; init; }

    public required IReadOnlyList<string> Sdks { get; init; }

    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<ProjectItem>> Items { get; init; }

    /// <summary>Items skipped because their paths or names use expressions this reader cannot evaluate.</summary>
    public required int UnresolvedItems { get; init; }

    /// <summary>Elements skipped because their condition could not be evaluated.</summary>
    public required int UnresolvedConditions { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public string Property(string name) => Properties.TryGetValue(name, out var value) ? value.Trim() : "";

    public IReadOnlyList<ProjectItem> ItemsOf(string itemType) => Items.TryGetValue(itemType, out var items) ? items : [];
}
