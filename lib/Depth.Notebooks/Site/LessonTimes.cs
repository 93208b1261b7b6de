using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Depth.Notebooks.Site;

/// <summary>
/// The measured quick and full time of every lesson on the course's reference machine, as
/// <c>bench/lesson-times.py</c> writes them to <c>bench/results/lesson-times.json</c>: the front
/// page and the README show these, so a learner knows what a lesson costs before running it.
/// </summary>
/// <param name="Machine">The machine they were measured on (CPU, cores).</param>
/// <param name="Commit">The commit they were measured at.</param>
/// <param name="Measured">When the measurement ended (UTC).</param>
/// <param name="Quick">Median seconds of each lesson's quick run, by notebook name.</param>
/// <param name="Full">Median seconds of each lesson's full-length run, by notebook name.</param>
public sealed record LessonTimes(string Machine, string Commit, DateTimeOffset? Measured,
                                 IReadOnlyDictionary<string, double> Quick,
                                 IReadOnlyDictionary<string, double> Full)
{
    /// <summary>Where the times live, relative to the repository root.</summary>
    public const string RelativePath = "bench/results/lesson-times.json";

    /// <summary>No measurement: every time reads "not measured yet".</summary>
    public static LessonTimes None { get; } =
        new("", "", null, new Dictionary<string, double>(), new Dictionary<string, double>());

    /// <summary>The times at <c>root/bench/results/lesson-times.json</c>, or <see cref="None"/>
    /// when there is no such file.</summary>
    /// <exception cref="InvalidDataException">The file is not the JSON the script writes; the
    /// message names it and what is wrong.</exception>
    public static LessonTimes Read(string root)
    {
        var path = Path.Combine(root, RelativePath);
        if (!File.Exists(path)) return None;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                       ?? throw new InvalidDataException("it is not a JSON object");
            var quick = new Dictionary<string, double>(StringComparer.Ordinal);
            var full = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var lesson in json["lessons"] as JsonArray ?? throw new InvalidDataException("it has no \"lessons\" list"))
            {
                var name = lesson?["name"]?.GetValue<string>() ?? throw new InvalidDataException("a lesson has no \"name\"");
                if (lesson["quick"]?["median"] is { } q) quick[name] = q.GetValue<double>();
                if (lesson["full"]?["median"] is { } f) full[name] = f.GetValue<double>();
            }
            DateTimeOffset? measured = DateTimeOffset.TryParse(json["measured"]?.GetValue<string>(),
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            return new(json["machine"]?.GetValue<string>() ?? "", json["commit"]?.GetValue<string>() ?? "",
                       measured, quick, full);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException
                                  or InvalidDataException)
        {
            throw new InvalidDataException(
                $"{path} is not a lesson-times file (bench/lesson-times.py writes it): {e.Message}", e);
        }
    }

    /// <summary>A time as the front page and the README print it: "14 s", "3 min 05 s", or "not
    /// measured yet" when <paramref name="seconds"/> is null.</summary>
    public static string Format(double? seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        if (seconds is not { } s) return "not measured yet";
        if (s < 59.5) return string.Create(inv, $"{Math.Max(1, Math.Round(s)):0} s");
        var whole = (int)Math.Round(s);
        return string.Create(inv, $"{whole / 60} min {whole % 60:00} s");
    }

    /// <summary>The measured seconds of lesson <paramref name="name"/> in quick or full mode, or null.</summary>
    public double? Seconds(string name, bool quick) =>
        (quick ? Quick : Full).TryGetValue(name, out var s) ? s : null;

    /// <summary>The quick-mode time of lesson <paramref name="name"/>, formatted.</summary>
    public string QuickOf(string name) => Format(Seconds(name, quick: true));

    /// <summary>The full-length time of lesson <paramref name="name"/>, formatted.</summary>
    public string FullOf(string name) => Format(Seconds(name, quick: false));
}
