using System.Text.RegularExpressions;

namespace Depth.Notebooks.Execution;

/// <summary>A <c>#r</c> reference in a cell: a NuGet package or an assembly path, with its 1-based line.</summary>
/// <param name="Line">1-based line within the cell.</param>
/// <param name="PackageName">The package name for <c>#r "nuget: Name[, Version]"</c>, else null.</param>
/// <param name="PackageVersion">The requested version, or null when unversioned.</param>
/// <param name="AssemblyPath">The path for <c>#r "path.dll"</c>, else null.</param>
public sealed record Reference(int Line, string? PackageName, string? PackageVersion, string? AssemblyPath);

/// <summary>
/// A cell split into kernel directives and plain C#, for reading a notebook's text (the kernel itself runs the
/// directives): magic commands (<c>#!time</c>, <c>#!csharp</c>, …), <c>#r</c> and <c>#i</c> lines are blanked (not
/// removed, so line numbers still match the cell), and every <c>#r</c> reference is listed — e.g. to check that a
/// notebook's package versions equal <c>Directory.Packages.props</c>.
/// </summary>
/// <param name="Code">The C# code with directive lines blanked.</param>
/// <param name="References">The references, in order.</param>
public sealed partial record CellDirectives(string Code, IReadOnlyList<Reference> References)
{
    [GeneratedRegex("""^#r\s+"(?<target>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("""^nuget:\s*(?<name>[^,\s]+)\s*(,\s*(?<version>\S+)\s*)?$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetPattern();

    /// <summary>Parses a cell; throws <see cref="LineDirectiveException"/> (with a line number) for a malformed
    /// <c>#r</c>.</summary>
    public static CellDirectives Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var references = new List<Reference>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#r", StringComparison.Ordinal) && (line.Length == 2 || char.IsWhiteSpace(line[2]) || line[2] == '"'))
            {
                var match = ReferencePattern().Match(line);
                if (!match.Success) throw new LineDirectiveException(i + 1, $"malformed reference '{line}' (expected #r \"nuget: Name, Version\" or #r \"path.dll\")");
                var target = match.Groups["target"].Value.Trim();
                if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var nuget = NuGetPattern().Match(target);
                    if (!nuget.Success) throw new LineDirectiveException(i + 1, $"malformed package reference '{target}' (expected \"nuget: Name, Version\")");
                    references.Add(new Reference(i + 1, nuget.Groups["name"].Value, nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null, null));
                }
                else references.Add(new Reference(i + 1, null, null, target));
                lines[i] = "";
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
                lines[i] = "";
        }
        return new CellDirectives(string.Join("\n", lines), references);
    }
}

/// <summary>A directive error at a known line of the cell.</summary>
public sealed class LineDirectiveException(int line, string message) : Exception(message)
{
    /// <summary>1-based line within the cell.</summary>
    public int Line { get; } = line;
}
