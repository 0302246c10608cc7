using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan.Tests;

public sealed class ConditionEvaluatorTests
{
    private static bool? Evaluate(string condition)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["TargetFramework"] = "net8.0",
            ["Configuration"] = "Release",
            ["Half"] = "x",
        };
        var expander = new PropertyExpander(properties, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Half" }, AppContext.BaseDirectory);
        return new ConditionEvaluator(expander, AppContext.BaseDirectory).Evaluate(condition);
    }

    [Theory]
    [InlineData("'$(TargetFramework)' == 'net8.0'", true)]
    [InlineData("'$(TargetFramework)' == 'NET8.0'", true)]
    [InlineData("'$(TargetFramework)' != 'net8.0'", false)]
    [InlineData("'$(Configuration)' == 'Debug' or '$(TargetFramework)' == 'net8.0'", true)]
    [InlineData("'$(Configuration)' == 'Release' and !('$(TargetFramework)' == 'net8.0')", false)]
    [InlineData("'$(Undefined)' == ''", true)]
    [InlineData("$(TargetFramework.StartsWith('net4'))", false)]
    [InlineData("$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net6.0'))", true)]
    [InlineData("$([MSBuild]::GetTargetFrameworkIdentifier('$(TargetFramework)')) == '.NETCoreApp'", true)]
    [InlineData("$([MSBuild]::VersionGreaterThanOrEquals('8.0', '6.0'))", true)]
    [InlineData("Exists('no-such-file.props')", false)]
    [InlineData("Exists('TrackerRace.CorpusScan.dll')", true)]
    public void Evaluates_what_project_files_commonly_test(string condition, bool expected)
    {
        Assert.Equal(expected, Evaluate(condition));
    }

    [Theory]
    [InlineData("'@(Compile)' != ''")]
    [InlineData("'$(Half)' == 'x'")]
    [InlineData("$([System.Text.RegularExpressions.Regex]::IsMatch('a', 'a'))")]
    [InlineData("'$(Configuration)' == ")]
    public void Says_unknown_rather_than_guessing(string condition)
    {
        Assert.Null(Evaluate(condition));
    }

    [Fact]
    public void Is_false_when_one_side_of_and_is_false_even_if_the_other_is_unknown()
    {
        Assert.Equal(false, Evaluate("'$(Configuration)' == 'Debug' and '@(Compile)' != ''"));
    }
}
