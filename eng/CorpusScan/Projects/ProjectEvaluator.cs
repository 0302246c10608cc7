using System.Xml;
using System.Xml.Linq;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// Reads a project file the way MSBuild evaluates it, for the part a compilation needs: properties
/// first (the project, <c>Directory.Build.props</c>, <c>Directory.Packages.props</c>,
/// <c>Directory.Build.targets</c> and their simple imports, in MSBuild's order), then items with the
/// final properties. No targets run and no SDK is loaded, so SDK defaults are stood in for (the
/// default <c>Compile</c> glob); whatever cannot be evaluated is counted, not guessed.
/// </summary>
public sealed class ProjectEvaluator
{
    // Only these item types matter to a compilation; everything else is left unread.
    private static readonly HashSet<string> UsedItemTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Compile", "ProjectReference", "PackageReference", "PackageVersion", "FrameworkReference", "Using", "InternalsVisibleTo",
    };

    private static readonly HashSet<string> FileItemTypes = new(StringComparer.OrdinalIgnoreCase) { "Compile", "ProjectReference" };

    private static readonly HashSet<string> ItemOperations = new(StringComparer.OrdinalIgnoreCase) { "Include", "Exclude", "Remove", "Update", "Condition", "KeepMetadata", "RemoveMetadata", "KeepDuplicates", "MatchOnMetadata", "MatchOnMetadataOptions" };

    // Imports from the SDK and MSBuild's own folders are what this reader stands in for; skip them quietly.
    private const string ToolsMarker = "\u0000msbuild";

    private readonly string projectPath;
    private readonly string projectDirectory;
    private readonly Dictionary<string, string> properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> incomplete = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> fixedProperties = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(XElement Group, string Directory)> itemGroups = [];
    private readonly HashSet<string> imported = new(StringComparer.Ordinal);
    private readonly List<string> sdks = [];
    private readonly List<string> notes = [];
    private int unresolvedItems;
    private int unresolvedConditions;
    private int importDepth;

    private ProjectEvaluator(string projectPath, IReadOnlyDictionary<string, string> globalProperties)
    {
        this.projectPath = Path.GetFullPath(projectPath);
        projectDirectory = Path.GetDirectoryName(this.projectPath)!;
        SetFixed("MSBuildProjectFullPath", this.projectPath);
        SetFixed("MSBuildProjectDirectory", projectDirectory);
        SetFixed("MSBuildProjectFile", Path.GetFileName(this.projectPath));
        SetFixed("MSBuildProjectName", Path.GetFileNameWithoutExtension(this.projectPath));
        SetFixed("MSBuildProjectExtension", Path.GetExtension(this.projectPath));
        SetFixed("MSBuildRuntimeType", "Core");
        SetFixed("OS", "Unix");
        foreach (var tools in new[] { "MSBuildToolsPath", "MSBuildExtensionsPath", "MSBuildExtensionsPath32", "MSBuildBinPath", "MSBuildSDKsPath", "MSBuildToolsPath32" })
        {
            SetFixed(tools, ToolsMarker);
        }

        properties["Configuration"] = "Release";
        properties["Platform"] = "AnyCPU";
        foreach (var (name, value) in globalProperties)
        {
            SetFixed(name, value);
        }
    }

    /// <param name="globalProperties">Properties the project cannot override (MSBuild's global properties), such as the inner build's <c>TargetFramework</c>.</param>
    public static EvaluatedProject Evaluate(string projectPath, IReadOnlyDictionary<string, string>? globalProperties = null)
    {
        var evaluator = new ProjectEvaluator(projectPath, globalProperties ?? new Dictionary<string, string>());
        return evaluator.Run();
    }

    private EvaluatedProject Run()
    {
        var root = Load(projectPath);
        if (root is null)
        {
            return Result(isSdkStyle: false, new Dictionary<string, List<ProjectItem>>());
        }

        imported.Add(projectPath);
        if (root.Attribute("Sdk")?.Value is { } sdkList)
        {
            sdks.AddRange(sdkList.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Split('/')[0]));
        }

        sdks.AddRange(root.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => e.Attribute("Name")?.Value ?? "").Where(n => n.Length > 0));
        sdks.AddRange(root.Elements().Where(e => e.Name.LocalName == "Import").Select(e => e.Attribute("Sdk")?.Value ?? "").Where(n => n.Length > 0).Select(s => s.Split('/')[0]));
        var isSdkStyle = sdks.Count > 0;

        // MSBuild's order: the SDK's props import the nearest Directory.Build.props, then NuGet's the
        // nearest Directory.Packages.props; the project body; the SDK's targets import Directory.Build.targets.
        if (isSdkStyle)
        {
            ImportNearest("Directory.Build.props", "DirectoryBuildProps");
            ImportNearest("Directory.Packages.props", sdkPropertyStem: null);
        }

        ProcessChildren(root.Elements(), projectDirectory + "/");
        if (isSdkStyle)
        {
            StandInForSdkProperties();
            ImportNearest("Directory.Build.targets", "DirectoryBuildTargets");
        }

        var items = new Dictionary<string, List<ProjectItem>>(StringComparer.OrdinalIgnoreCase);
        if (isSdkStyle && !IsFalse("EnableDefaultItems") && !IsFalse("EnableDefaultCompileItems"))
        {
            items["Compile"] = DefaultSourceFiles().Select(f => new ProjectItem("Compile", f, new Dictionary<string, string>())).ToList();
        }

        if (isSdkStyle && Get("ImplicitUsings") is var implicitUsings && (implicitUsings.Equals("enable", StringComparison.OrdinalIgnoreCase) || implicitUsings.Equals("true", StringComparison.OrdinalIgnoreCase)))
        {
            items["Using"] = ImplicitUsings.For(sdks).Select(u => new ProjectItem("Using", u, new Dictionary<string, string>())).ToList();
        }

        foreach (var (group, directory) in itemGroups)
        {
            if (Condition(group, directory) == true)
            {
                foreach (var item in group.Elements())
                {
                    EvaluateItem(item, directory, items);
                }
            }
        }

        return Result(isSdkStyle, items);
    }

    private EvaluatedProject Result(bool isSdkStyle, Dictionary<string, List<ProjectItem>> items) => new()
    {
        FullPath = projectPath,
        IsSdkStyle = isSdkStyle,
        Sdks = sdks.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Properties = new Dictionary<string, string>(properties.Where(p => p.Value != ToolsMarker && !incomplete.Contains(p.Key)), StringComparer.OrdinalIgnoreCase),
        Items = items.ToDictionary(i => i.Key, i => (IReadOnlyList<ProjectItem>)i.Value, StringComparer.OrdinalIgnoreCase),
        UnresolvedItems = unresolvedItems,
        UnresolvedConditions = unresolvedConditions,
        Notes = notes,
    };

    private XElement? Load(string path)
    {
        try
        {
            return XDocument.Load(path).Root;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            notes.Add($"cannot read {Path.GetFileName(path)}: {e.Message}");
            return null;
        }
    }

    private void ProcessChildren(IEnumerable<XElement> elements, string thisDirectory)
    {
        foreach (var element in elements)
        {
            switch (element.Name.LocalName)
            {
                case "PropertyGroup" when Condition(element, thisDirectory) == true:
                    foreach (var property in element.Elements().Where(p => Condition(p, thisDirectory) == true))
                    {
                        SetProperty(property.Name.LocalName, property.Value, thisDirectory);
                    }

                    break;
                case "ItemGroup":
                    itemGroups.Add((element, thisDirectory));
                    break;
                case "Import" when element.Attribute("Sdk") is null && Condition(element, thisDirectory) == true:
                    Import(element.Attribute("Project")?.Value ?? "", thisDirectory);
                    break;
                case "Choose":
                    Choose(element, thisDirectory);
                    break;
            }
        }
    }

    private void Choose(XElement choose, string thisDirectory)
    {
        foreach (var branch in choose.Elements())
        {
            if (branch.Name.LocalName == "Otherwise")
            {
                ProcessChildren(branch.Elements(), thisDirectory);
                return;
            }

            switch (Condition(branch, thisDirectory))
            {
                case true:
                    ProcessChildren(branch.Elements(), thisDirectory);
                    return;
                case null:
                    // Taking no branch is as much a guess as taking one; it is counted in Condition.
                    return;
            }
        }
    }

    private void SetProperty(string name, string rawValue, string thisDirectory)
    {
        if (fixedProperties.Contains(name))
        {
            return;
        }

        var value = Expander(thisDirectory).Expand(rawValue.Trim());
        properties[name] = value.Text;
        if (value.Complete)
        {
            incomplete.Remove(name);
        }
        else
        {
            incomplete.Add(name);
        }
    }

    private void SetFixed(string name, string value)
    {
        properties[name] = value;
        fixedProperties.Add(name);
    }

    private void StandInForSdkProperties()
    {
        // The SDK's targets derive these from TargetFramework before Directory.Build.targets reads them.
        if (TargetFramework.TryParse(Get("TargetFramework")) is { } framework)
        {
            properties.TryAdd("TargetFrameworkIdentifier", framework.Identifier);
            properties.TryAdd("TargetFrameworkVersion", "v" + framework.Version.ToString(2));
        }
    }

    /// <param name="sdkPropertyStem">
    /// Microsoft.Common.props/.targets set <c>_&lt;stem&gt;File</c>, <c>_&lt;stem&gt;BasePath</c> and
    /// <c>&lt;stem&gt;Path</c> before importing the file; nested Directory.Build.props files use them to
    /// import their parent (Orleans' <c>test/Directory.Build.props</c> does).
    /// </param>
    private void ImportNearest(string fileName, string? sdkPropertyStem)
    {
        for (var folder = new DirectoryInfo(projectDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, fileName);
            if (File.Exists(candidate))
            {
                if (sdkPropertyStem is not null)
                {
                    properties[$"_{sdkPropertyStem}File"] = fileName;
                    properties[$"_{sdkPropertyStem}BasePath"] = folder.FullName;
                    properties[$"{sdkPropertyStem}Path"] = candidate;
                }

                ImportFile(candidate);
                return;
            }
        }
    }

    private void Import(string projectAttribute, string thisDirectory)
    {
        var expanded = Expander(thisDirectory).Expand(projectAttribute);
        if (expanded.Text.Contains(ToolsMarker, StringComparison.Ordinal))
        {
            return;
        }

        if (!expanded.Complete)
        {
            notes.Add($"import not evaluated: {projectAttribute}");
            return;
        }

        foreach (var part in expanded.Text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var full = Path.GetFullPath(PathPattern.Normalize(part), thisDirectory);
            if (PathPattern.HasWildcard(full))
            {
                foreach (var file in PathPattern.Expand(full))
                {
                    ImportFile(file);
                }
            }
            else if (File.Exists(full))
            {
                ImportFile(full);
            }
            else
            {
                notes.Add($"import not found: {part}");
            }
        }
    }

    private void ImportFile(string path)
    {
        // MSBuild imports a file once per evaluation (a second import is a warning), which also breaks cycles.
        if (!imported.Add(path) || importDepth > 32)
        {
            return;
        }

        if (Load(path) is { } root)
        {
            importDepth++;
            ProcessChildren(root.Elements(), Path.GetDirectoryName(path) + "/");
            importDepth--;
        }
    }

    private void EvaluateItem(XElement element, string thisDirectory, Dictionary<string, List<ProjectItem>> items)
    {
        var type = element.Name.LocalName;
        if (!UsedItemTypes.Contains(type))
        {
            return;
        }

        if (Condition(element, thisDirectory) != true)
        {
            return;
        }

        if (!items.TryGetValue(type, out var list))
        {
            items[type] = list = [];
        }

        var expander = Expander(thisDirectory);
        var metadata = Metadata(element, expander, thisDirectory);
        if (element.Attribute("Include")?.Value is { } include)
        {
            var excludes = element.Attribute("Exclude")?.Value is { } exclude ? Patterns(type, exclude, expander) : [];
            foreach (var identity in Identities(type, include, expander))
            {
                if (!excludes.Any(x => x.IsMatch(identity)) && !(FileItemTypes.Contains(type) && list.Any(i => i.Include == identity)))
                {
                    list.Add(new ProjectItem(type, identity, metadata));
                }
            }
        }
        else if (element.Attribute("Remove")?.Value is { } remove)
        {
            var patterns = Patterns(type, remove, expander);
            list.RemoveAll(i => patterns.Any(p => p.IsMatch(i.Include)));
        }
        else if (element.Attribute("Update")?.Value is { } update)
        {
            var patterns = Patterns(type, update, expander);
            for (var i = 0; i < list.Count; i++)
            {
                if (patterns.Any(p => p.IsMatch(list[i].Include)))
                {
                    var merged = new Dictionary<string, string>(list[i].Metadata, StringComparer.OrdinalIgnoreCase);
                    foreach (var (key, value) in metadata)
                    {
                        merged[key] = value;
                    }

                    list[i] = list[i] with { Metadata = merged };
                }
            }
        }
    }

    private Dictionary<string, string> Metadata(XElement element, PropertyExpander expander, string thisDirectory)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in element.Attributes().Where(a => !ItemOperations.Contains(a.Name.LocalName)))
        {
            metadata[attribute.Name.LocalName] = expander.Expand(attribute.Value).Text;
        }

        foreach (var child in element.Elements().Where(c => Condition(c, thisDirectory) == true))
        {
            metadata[child.Name.LocalName] = expander.Expand(child.Value.Trim()).Text;
        }

        return metadata;
    }

    /// <summary>The identities an Include names: full paths for file items (globs expanded), names otherwise.</summary>
    private IEnumerable<string> Identities(string type, string include, PropertyExpander expander)
    {
        var expanded = expander.Expand(include);
        if (!expanded.Complete)
        {
            unresolvedItems++;
            notes.Add($"{type} not evaluated: {include}");
            return [];
        }

        var parts = expanded.Text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!FileItemTypes.Contains(type))
        {
            return parts;
        }

        var files = new List<string>();
        foreach (var part in parts)
        {
            // Item paths are relative to the project, wherever the item is written (unlike imports).
            var full = Path.GetFullPath(PathPattern.Normalize(part), projectDirectory);
            if (PathPattern.HasWildcard(full))
            {
                files.AddRange(PathPattern.Expand(full));
            }
            else if (File.Exists(full) || type.Equals("ProjectReference", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(full);
            }
            else
            {
                unresolvedItems++;
                notes.Add($"{type} not found: {part}");
            }
        }

        return files;
    }

    private List<PathPattern> Patterns(string type, string text, PropertyExpander expander)
    {
        var expanded = expander.Expand(text);
        if (!expanded.Complete)
        {
            unresolvedItems++;
            notes.Add($"{type} pattern not evaluated: {text}");
            return [];
        }

        return expanded.Text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => FileItemTypes.Contains(type)
                ? PathPattern.Create(Path.GetFullPath(PathPattern.Normalize(p), projectDirectory))
                : PathPattern.Create(p, ignoreCase: true))
            .ToList();
    }

    private bool? Condition(XElement element, string thisDirectory)
    {
        if (element.Attribute("Condition")?.Value is not { } condition)
        {
            return true;
        }

        var result = new ConditionEvaluator(Expander(thisDirectory), thisDirectory).Evaluate(condition);
        if (result is null)
        {
            unresolvedConditions++;
        }

        return result;
    }

    private PropertyExpander Expander(string thisDirectory) => new(properties, incomplete, thisDirectory);

    private string Get(string name) => properties.TryGetValue(name, out var value) && !incomplete.Contains(name) ? value.Trim() : "";

    private bool IsFalse(string name) => Get(name).Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The SDK's default <c>Compile</c> glob: every .cs under the project folder, less bin, obj,
    /// node_modules and hidden folders, less folders that hold another project (their own compilation),
    /// less the project's <c>DefaultItemExcludes</c>.
    /// </summary>
    private IEnumerable<string> DefaultSourceFiles()
    {
        var excludes = Get("DefaultItemExcludes").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => PathPattern.Create(Path.GetFullPath(PathPattern.Normalize(p), projectDirectory)))
            .ToList();
        return SourceTree.CSharpFiles(projectDirectory).Where(f => !excludes.Any(x => x.IsMatch(f)));
    }
}
