using Microsoft.CodeAnalysis;
using TrackerRace.CorpusScan.Projects;

namespace TrackerRace.CorpusScan.Tests;

/// <summary>What the in-memory compilation of a project is made of, read from project files as real code bases write them.</summary>
public sealed class ProjectReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Project(string relativePath, string body, string sdk = "Microsoft.NET.Sdk") =>
        folder.Write(relativePath, $"<Project Sdk=\"{sdk}\">\n{body}\n</Project>");

    private string Relative(string path) => Path.GetRelativePath(folder.Path, path).Replace('\\', '/');

    [Fact]
    public void Reads_an_old_style_project_that_imports_from_msbuild_s_own_folder_when_it_exists()
    {
        // Akka.NET's samples: the condition asks about a path under MSBuild's tools folder, which the reader stands in for.
        var path = folder.Write("old/Old.csproj", """
            <?xml version="1.0" encoding="utf-8"?>
            <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <Import Project="$(MSBuildExtensionsPath)\$(MSBuildToolsVersion)\Microsoft.Common.props" Condition="Exists('$(MSBuildExtensionsPath)\$(MSBuildToolsVersion)\Microsoft.Common.props')" />
              <PropertyGroup>
                <TargetFrameworkVersion>v4.8</TargetFrameworkVersion>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="Program.cs" />
              </ItemGroup>
            </Project>
            """);
        folder.Write("old/Program.cs", "class Program { }");

        var spec = ProjectReader.Read(path);

        Assert.Equal(["old/Program.cs"], spec.SourceFiles.Select(Relative).ToArray());
    }

    [Fact]
    public void Compiles_a_multi_targeted_project_as_its_newest_framework_with_that_build_s_constants()
    {
        var path = Project("lib/Lib.csproj", """
            <PropertyGroup>
              <TargetFrameworks>netstandard2.0;net8.0;net10.0</TargetFrameworks>
              <DefineConstants>$(DefineConstants);PLAIN;$(NotAPlainSymbol)</DefineConstants>
            </PropertyGroup>
            <PropertyGroup Condition="'$(TargetFramework)' == 'net10.0'">
              <DefineConstants>$(DefineConstants);ONLY_NET10</DefineConstants>
            </PropertyGroup>
            <PropertyGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
              <DefineConstants>$(DefineConstants);ONLY_NETSTANDARD</DefineConstants>
            </PropertyGroup>
            """);

        var spec = ProjectReader.Read(path);

        Assert.Equal("net10.0", spec.TargetFramework.Moniker);
        string[] expected = ["NET", "NETCOREAPP", "NET10_0", "NET5_0_OR_GREATER", "NET8_0_OR_GREATER", "NET10_0_OR_GREATER", "RELEASE", "TRACE", "PLAIN", "ONLY_NET10"];
        Assert.Empty(expected.Except(spec.PreprocessorSymbols));
        Assert.DoesNotContain("ONLY_NETSTANDARD", spec.PreprocessorSymbols);
        Assert.DoesNotContain("NETSTANDARD", spec.PreprocessorSymbols);
    }

    [Fact]
    public void Reads_output_kind_language_version_and_nullable_from_the_project()
    {
        var path = Project("app/App.csproj", """
            <PropertyGroup>
              <OutputType>Exe</OutputType>
              <TargetFramework>net9.0</TargetFramework>
              <LangVersion>preview</LangVersion>
              <Nullable>enable</Nullable>
              <AssemblyName>Contoso.App</AssemblyName>
            </PropertyGroup>
            """);

        var spec = ProjectReader.Read(path);

        Assert.Equal(
            (OutputKind.ConsoleApplication, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview, NullableContextOptions.Enable, "Contoso.App"),
            (spec.OutputKind, spec.LanguageVersion, spec.Nullable, spec.AssemblyName));
        Assert.Contains("NET9_0_OR_GREATER", spec.PreprocessorSymbols);
        Assert.DoesNotContain("NET10_0_OR_GREATER", spec.PreprocessorSymbols);
    }

    [Fact]
    public void Takes_every_cs_file_below_the_project_except_build_output_and_nested_projects()
    {
        var path = Project("lib/Lib.csproj", "<PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>");
        folder.Write("lib/A.cs", "");
        folder.Write("lib/Sub/B.cs", "");
        folder.Write("lib/obj/Release/Generated.cs", "");
        folder.Write("lib/bin/Old.cs", "");
        folder.Write("lib/.hidden/C.cs", "");
        folder.Write("lib/Nested/Nested.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        folder.Write("lib/Nested/N.cs", "");

        var spec = ProjectReader.Read(path);

        Assert.Equal(["lib/A.cs", "lib/Sub/B.cs"], spec.SourceFiles.Select(Relative).ToArray());
    }

    [Fact]
    public void Adds_compile_items_outside_the_project_and_removes_excluded_ones_counting_what_it_cannot_evaluate()
    {
        var path = Project("lib/Lib.csproj", """
            <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            <ItemGroup>
              <Compile Include="..\shared\**\*.cs" Exclude="..\shared\Skip.cs" />
              <Compile Include="$(MSBuildThisFileDirectory)..\linked\Linked.cs" />
              <Compile Remove="Legacy\**" />
              <Compile Include="@(GeneratedFiles)" />
            </ItemGroup>
            """);
        folder.Write("lib/A.cs", "");
        folder.Write("lib/Legacy/Old.cs", "");
        folder.Write("shared/S.cs", "");
        folder.Write("shared/deep/T.cs", "");
        folder.Write("shared/Skip.cs", "");
        folder.Write("linked/Linked.cs", "");

        var spec = ProjectReader.Read(path);

        Assert.Equal(["lib/A.cs", "shared/S.cs", "shared/deep/T.cs", "linked/Linked.cs"], spec.SourceFiles.Select(Relative).ToArray());
        Assert.Equal(1, spec.UnresolvedItems);
    }

    [Fact]
    public void Follows_directory_build_props_up_the_tree_and_central_package_versions()
    {
        folder.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup><ImplicitUsings>enable</ImplicitUsings><Nullable>annotations</Nullable></PropertyGroup>
            </Project>
            """);
        folder.Write("src/Directory.Build.props", """
            <Project>
              <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        folder.Write("Directory.Packages.props", """
            <Project>
              <ItemGroup>
                <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
                <PackageVersion Include="Polly" Version="8.0.0" />
              </ItemGroup>
            </Project>
            """);
        var path = Project("src/Lib/Lib.csproj", """
            <ItemGroup>
              <PackageReference Include="Newtonsoft.Json" />
              <PackageReference Include="Polly" VersionOverride="8.4.0" />
              <Using Remove="System.Net.Http" />
              <Using Include="System.Collections.Concurrent" />
            </ItemGroup>
            """);

        var spec = ProjectReader.Read(path);

        Assert.Equal("net10.0", spec.TargetFramework.Moniker);
        Assert.Equal(NullableContextOptions.Annotations, spec.Nullable);
        Assert.Equal([new PackageRef("Newtonsoft.Json", "13.0.3"), new PackageRef("Polly", "8.4.0")], spec.PackageReferences);
        Assert.Contains(new UsingDirective("System.Collections.Concurrent", null, false), spec.Usings);
        Assert.Contains(new UsingDirective("System.Linq", null, false), spec.Usings);
        Assert.DoesNotContain(new UsingDirective("System.Net.Http", null, false), spec.Usings);
    }

    [Fact]
    public void Lets_a_nested_directory_build_props_import_its_parent_through_the_sdk_s_properties()
    {
        // Orleans' test/Directory.Build.props; its projects find shared files through the parent's $(SourceRoot).
        folder.Write("Directory.Build.props", "<Project><PropertyGroup><SourceRoot>$(MSBuildThisFileDirectory)</SourceRoot></PropertyGroup></Project>");
        folder.Write("test/Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <_ParentDirectoryBuildPropsPath Condition="'$(_DirectoryBuildPropsFile)' != ''">$([System.IO.Path]::Combine('..', '$(_DirectoryBuildPropsFile)'))</_ParentDirectoryBuildPropsPath>
              </PropertyGroup>
              <Import Project="$(_ParentDirectoryBuildPropsPath)" Condition="Exists('$(_ParentDirectoryBuildPropsPath)')"/>
            </Project>
            """);
        folder.Write("test/Shared/Usings.cs", "");
        var path = Project("test/Unit/Unit.csproj", """
            <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            <ItemGroup><Compile Include="$(SourceRoot)test\Shared\Usings.cs" /></ItemGroup>
            """);

        var spec = ProjectReader.Read(path);

        Assert.Equal(["test/Shared/Usings.cs"], spec.SourceFiles.Select(Relative).ToArray());
        Assert.Empty(spec.Notes);
    }

    [Fact]
    public void Gives_a_web_project_the_asp_net_core_references_and_usings()
    {
        var path = Project("web/Web.csproj", "<PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>", sdk: "Microsoft.NET.Sdk.Web");

        var spec = ProjectReader.Read(path);

        Assert.True(spec.UsesAspNetCore);
        Assert.Contains(new UsingDirective("Microsoft.AspNetCore.Builder", null, false), spec.Usings);
    }

    [Fact]
    public void Follows_project_references_but_not_build_order_only_ones()
    {
        var path = Project("app/App.csproj", """
            <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            <ItemGroup>
              <ProjectReference Include="..\lib\Lib.csproj" />
              <ProjectReference Include="..\gen\Gen.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              <ProjectReference Include="..\tool\Tool.csproj" ReferenceOutputAssembly="false" />
            </ItemGroup>
            """);

        var spec = ProjectReader.Read(path);

        Assert.Equal(["lib/Lib.csproj"], spec.ProjectReferences.Select(Relative).ToArray());
    }

    [Fact]
    public void Reads_an_old_style_project_s_explicit_files_and_framework_version()
    {
        var path = folder.Write("old/Old.csproj", """
            <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <Import Project="$(MSBuildExtensionsPath)\$(MSBuildToolsVersion)\Microsoft.Common.props" />
              <PropertyGroup><TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion><OutputType>Library</OutputType></PropertyGroup>
              <ItemGroup><Compile Include="Listed.cs" /></ItemGroup>
              <Import Project="$(MSBuildToolsPath)\Microsoft.CSharp.targets" />
            </Project>
            """);
        folder.Write("old/Listed.cs", "");
        folder.Write("old/NotListed.cs", "");

        var spec = ProjectReader.Read(path);

        Assert.Equal(["old/Listed.cs"], spec.SourceFiles.Select(Relative).ToArray());
        Assert.Equal("net472", spec.TargetFramework.Moniker);
        Assert.Contains("NET472_OR_GREATER", spec.PreprocessorSymbols);
        Assert.Empty(spec.Notes);
    }
}
