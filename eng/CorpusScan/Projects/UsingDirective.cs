namespace TrackerRace.CorpusScan.Projects;

/// <summary>A <c>Using</c> item: what the SDK writes into its generated GlobalUsings file.</summary>
public sealed record UsingDirective(string Namespace, string? Alias, bool IsStatic)
{
    public string ToGlobalUsing() =>
        Alias is { } alias ? $"global using {alias} = global::{Namespace};"
        : IsStatic ? $"global using static global::{Namespace};"
        : $"global using global::{Namespace};";
}
