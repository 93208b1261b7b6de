using System.Globalization;
using System.Text.Json.Nodes;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Site;

/// <summary>
/// What the front page says about one lesson, read from its executed notebook: the words the
/// lesson's author put in <c>metadata.course</c> (<c>promise</c>; the course's <c>question</c> and
/// <c>outcomes</c>, kept by lesson 00), what the engine stamped there (<c>executed</c>,
/// <c>kernel</c>, the injected <c>parameters</c>), and its first chart.
/// </summary>
/// <param name="Promise">One line: what the lesson shows (<c>metadata.course.promise</c>), or
/// null.</param>
/// <param name="Question">The course's question (<c>metadata.course.question</c>), or null.</param>
/// <param name="Outcomes">What a learner can do after the course (<c>metadata.course.outcomes</c>),
/// or empty.</param>
/// <param name="Kernel">The kernel that ran it (<c>metadata.course.kernel</c>), or null.</param>
/// <param name="Executed">When it ran (<c>metadata.course.executed</c>), or null.</param>
/// <param name="Quick">True when the engine injected <c>quick = true</c>.</param>
/// <param name="Preview">The first chart's thumbnail figure (<c>{data, layout}</c>), or null when
/// the lesson drew none.</param>
internal sealed record LessonFacts(string? Promise, string? Question,
                                   IReadOnlyList<string> Outcomes, string? Kernel,
                                   DateTimeOffset? Executed, bool Quick, JsonObject? Preview)
{
    /// <summary>Reads the facts of the executed notebook at <paramref name="path"/>; a missing or
    /// damaged file gives no facts (the page then shows what it can without them).</summary>
    public static LessonFacts Read(string path)
    {
        Notebook? notebook;
        try { notebook = Notebook.Load(path); }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            notebook = null;
        }
        return notebook is null ? new(null, null, [], null, null, false, null) : Of(notebook);
    }

    /// <summary>The facts of <paramref name="notebook"/>.</summary>
    public static LessonFacts Of(Notebook notebook)
    {
        var course = notebook.Metadata["course"] as JsonObject;
        var preview = notebook.Cells.SelectMany(c => c.OutputViews)
            .Select(o => o.JsonData(ChartPreview.MimeType) is JsonObject f ? ChartPreview.Thumbnail(f) : null)
            .FirstOrDefault(f => f is not null);
        var outcomes = course?["outcomes"] is JsonArray list
            ? list.Select(NotebookOutput.Text).OfType<string>().ToList()
            : [];
        DateTimeOffset? executed = DateTimeOffset.TryParse(Str(course, "executed"),
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        return new LessonFacts(Str(course, "promise"), Str(course, "question"), outcomes,
                               Str(course, "kernel"), executed, Execution.Parameters.IsQuick(notebook), preview);
    }

    private static string? Str(JsonObject? o, string name) => o is null ? null : NotebookOutput.Text(o[name]);
}
