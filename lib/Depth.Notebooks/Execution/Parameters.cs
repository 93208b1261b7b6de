using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Execution;

/// <summary>
/// Papermill-style parameters: the code cell tagged <c>parameters</c> declares defaults
/// (<c>var quick = false;</c>, <c>int epochs = 20;</c>); overrides become a cell tagged
/// <c>injected-parameters</c> right after it, redeclaring each overridden name with its new value.
/// </summary>
public static class Parameters
{
    /// <summary>The tag of the defaults cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the engine injects.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>The parameter that <c>--quick</c> sets to true.</summary>
    public const string QuickName = "quick";

    /// <summary>The declared parameters of a cell: name → C# type keyword (var resolved from the literal).</summary>
    public static IReadOnlyDictionary<string, string> Declared(string parametersSource)
    {
        var code = CellDirectives.Parse(parametersSource).Code;
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (FieldDeclarationSyntax or LocalDeclarationStatementSyntax)) continue;
            foreach (var variable in declaration.Variables)
                declared[variable.Identifier.Text] = declaration.Type.IsVar
                    ? LiteralType(variable.Initializer?.Value) ?? "var"
                    : declaration.Type.ToString();
        }
        return declared;
    }

    /// <summary>
    /// Adds the injected cell after the <c>parameters</c> cell. <c>--quick</c> sets <c>quick = true</c> when the
    /// notebook declares it. Returns the injected cell's index, or -1 when there is nothing to inject.
    /// Throws <see cref="ArgumentException"/> for a name the cell does not declare or a value of the wrong type.
    /// </summary>
    public static int Inject(Notebook notebook, bool quick, IReadOnlyDictionary<string, string> overrides, string notebookName)
    {
        var cells = notebook.Cells;
        var index = cells.ToList().FindIndex(c => c.IsCode && c.Tags.Contains(Tag));
        if (index < 0)
        {
            if (overrides.Count > 0)
                throw new ArgumentException($"notebook {notebookName}: --param given but no code cell is tagged '{Tag}'");
            return -1;
        }
        var declared = Declared(cells[index].Source);
        var values = new List<(string Name, string Value)>();
        if (quick && declared.ContainsKey(QuickName) && !overrides.ContainsKey(QuickName)) values.Add((QuickName, "true"));
        values.AddRange(overrides.Select(kv => (kv.Key, kv.Value)));
        if (values.Count == 0) return -1;
        var source = new StringBuilder("// Injected by the course engine (--quick / --param), papermill's injected-parameters.\n");
        var record = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (!declared.TryGetValue(name, out var type))
                throw new ArgumentException($"notebook {notebookName}: parameter '{name}' is not declared in the '{Tag}' cell (declared: {string.Join(", ", declared.Keys)})");
            var literal = Literal(type, value, name, notebookName);
            source.Append(type).Append(' ').Append(name).Append(" = ").Append(literal).Append(";\n");
            record[name] = JsonOf(type, literal);
        }
        notebook.InsertCell(index + 1, NotebookCell.NewCode(source.ToString().TrimEnd('\n'), InjectedTag));
        var course = notebook.Metadata["course"] as JsonObject ?? new JsonObject();
        course[MetadataName] = record;
        notebook.Metadata["course"] = course;
        return index + 1;
    }

    /// <summary>Where the injected values are recorded: <c>metadata.course.parameters</c> of the executed copy, name →
    /// value as JSON (a bool, a number or a string), as papermill records <c>metadata.papermill.parameters</c>.</summary>
    public const string MetadataName = "parameters";

    /// <summary>The values the engine injected into <paramref name="notebook"/> (empty when none).</summary>
    public static JsonObject Injected(Notebook notebook) =>
        notebook.Metadata["course"]?[MetadataName] as JsonObject ?? [];

    /// <summary>True when the run set <c>quick = true</c> (by <c>--quick</c> or <c>--param quick=true</c>).</summary>
    public static bool IsQuick(Notebook notebook) =>
        Injected(notebook)[QuickName] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static JsonNode? JsonOf(string type, string literal)
    {
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            "bool" => JsonValue.Create(literal == "true"),
            "int" or "long" or "short" or "byte" => JsonValue.Create(long.Parse(literal.TrimEnd('L'), inv)),
            "double" or "float" or "decimal" => JsonValue.Create(double.Parse(literal[..^1], NumberStyles.Float, inv)),
            _ => JsonValue.Create((string?)SyntaxFactory.ParseExpression(literal).GetFirstToken().Value),
        };
    }

    /// <summary>A C# literal of <paramref name="type"/> for the text <paramref name="value"/>.</summary>
    public static string Literal(string type, string value, string name = "value", string notebookName = "notebook")
    {
        var inv = CultureInfo.InvariantCulture;
        string Fail() => throw new ArgumentException($"notebook {notebookName}: parameter '{name}' is {type}; '{value}' is not a valid {type}");
        switch (type)
        {
            case "bool":
                return bool.TryParse(value, out var b) ? (b ? "true" : "false") : Fail();
            case "int" or "long" or "short" or "byte":
                return long.TryParse(value, NumberStyles.Integer, inv, out var l) ? l.ToString(inv) + (type == "long" ? "L" : "") : Fail();
            case "double" or "float" or "decimal":
                if (!double.TryParse(value, NumberStyles.Float, inv, out var d) || !double.IsFinite(d)) return Fail();
                return value.Trim() + type switch { "float" => "f", "decimal" => "m", _ => "d" };
            case "string":
                return SymbolDisplay.FormatLiteral(value, quote: true);
            default:
                throw new ArgumentException($"notebook {notebookName}: parameter '{name}' has type {type}; only bool, integer, floating-point and string parameters can be overridden");
        }
    }

    private static string? LiteralType(ExpressionSyntax? expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Kind() switch
        {
            SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => "bool",
            SyntaxKind.StringLiteralExpression => "string",
            SyntaxKind.NumericLiteralExpression => literal.Token.Value switch
            {
                int => "int",
                long => "long",
                float => "float",
                double => "double",
                decimal => "decimal",
                _ => null,
            },
            _ => null,
        },
        PrefixUnaryExpressionSyntax { Operand: var operand } => LiteralType(operand),
        ParenthesizedExpressionSyntax { Expression: var inner } => LiteralType(inner),
        _ => null,
    };
}
