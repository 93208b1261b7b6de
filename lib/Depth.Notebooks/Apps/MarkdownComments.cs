using System.Text;
using System.Text.RegularExpressions;

namespace Depth.Notebooks.Apps;

/// <summary>
/// A markdown cell as <c>//</c> comment lines of at most <see cref="Width"/> characters: headings, paragraphs and
/// list items are kept line by line, long lines wrap at spaces (list items with a hanging indent), and code fences,
/// indented code, tables and <c>$$</c> math lines are kept as they are.
/// </summary>
public static partial class MarkdownComments
{
    /// <summary>Longest comment line, <c>// </c> included (the course's line limit).</summary>
    public const int Width = 100;

    /// <summary>The comment lines for <paramref name="markdown"/>, each ending with '\n'.</summary>
    public static string Of(string markdown)
    {
        var text = new StringBuilder();
        var fenced = false;
        foreach (var raw in markdown.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            var line = raw.TrimEnd();
            var verbatim = fenced || line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('|')
                || line.TrimStart().StartsWith("$$", StringComparison.Ordinal);
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; verbatim = true; }
            if (line.Length == 0) text.Append("//\n");
            else if (verbatim) text.Append("// ").Append(line).Append('\n');
            else Wrap(text, line);
        }
        return text.ToString();
    }

    // Appends one markdown line as comment lines; continuation lines are indented under the item's text.
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
