namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// One evaluated item (<c>Compile</c>, <c>ProjectReference</c>, <c>PackageReference</c> ...). For file
/// items <see cref="Include"/> is a full path; otherwise it is the item's identity (a package id).
/// </summary>
public sealed record ProjectItem(string ItemType, string Include, IReadOnlyDictionary<string, string> Metadata)
{
    public string? this[string name] => Metadata.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
