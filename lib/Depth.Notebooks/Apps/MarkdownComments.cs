using System.Text;
using System.Text.RegularExpressions;

namespace Depth.Notebooks.Apps;

/// <summary>
/// A markdown cell as <c>//</c> comment lines of at most <see cref="Width"/> characters: each heading stays a line,
/// each paragraph and list item is reflowed and wrapped at spaces (list items with a hanging indent), and code
/// fences, indented code, tables and <c>$$</c> math lines are kept as they are.
/// </summary>
public static partial class MarkdownComments
{
    /// <summary>Longest comment line, <c>// </c> included (the course's line limit).</summary>
    public const int Width = 100;

    /// <summary>The comment lines for <paramref name="markdown"/>, each ending with '\n'.</summary>
    public static string Of(string markdown)
    {
        var text = new StringBuilder();
        string? paragraph = null;   // the paragraph or list item being collected, its lines joined
        void Flush()
        {
            if (paragraph is not null) Wrap(text, paragraph);
            paragraph = null;
        }
        var fenced = false;
        foreach (var raw in markdown.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            var line = raw.TrimEnd();
            var fence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            if (fenced || fence || line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('|')
                || line.TrimStart().StartsWith("$$", StringComparison.Ordinal))
            {
                Flush();
                text.Append("// ").Append(line).Append('\n');
                if (fence) fenced = !fenced;
            }
            else if (line.Length == 0)
            {
                Flush();
                text.Append("//\n");
            }
            else if (line.StartsWith('#') || ListMarker().IsMatch(line))
            {
                Flush();
                paragraph = line;
                if (line.StartsWith('#')) Flush();   // a heading is a line of its own
            }
            else paragraph = paragraph is null ? line : paragraph + " " + line.Trim();
        }
        Flush();
        return text.ToString();
    }

    // Appends one paragraph or item as comment lines; an item's continuation lines are indented under its text.
    private static void Wrap(StringBuilder text, string line)
    {
        var marker = ListMarker().Match(line);
        var hanging = new string(' ', marker.Success ? marker.Length : line.Length - line.TrimStart().Length);
        var room = Width - 3;
        var current = new StringBuilder(line[..(line.Length - line.TrimStart().Length)]);
        var empty = true;
        foreach (var word in line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && current.Length + 1 + word.Length > room)
            {
                text.Append("// ").Append(current).Append('\n');
                current.Clear().Append(hanging);
                empty = true;
            }
            if (!empty) current.Append(' ');
            current.Append(word);
            empty = false;
        }
        text.Append("// ").Append(current.ToString().TrimEnd()).Append('\n');
    }

    // "- ", "* ", "1. " with its indentation: continuation lines start under the item's text.
    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex ListMarker();
}
