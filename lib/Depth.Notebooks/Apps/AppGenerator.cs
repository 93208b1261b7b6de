using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Apps;

/// <summary>
/// Turns a lesson notebook into a C# file-based app (<c>apps/NN-name.cs</c>, run with <c>dotnet run</c> on SDK
/// 10.0.1xx or later; one file, no <c>#:include</c>). The notebook stays the single source. Mapping:
/// <list type="bullet">
/// <item><c>#r "nuget: X, v"</c> → <c>#:package X</c> (the version: Directory.Packages.props, which pins the
/// notebooks' versions); <c>#r "…/Name/bin/Config/tfm/Name.dll"</c> → <c>#:project …/Name/Name.csproj</c> (apps/
/// and notebooks/ are siblings, so relative paths stay as they are). apps/Directory.Build.props switches off two
/// file-based defaults: native AOT (it disables the reflection-based JSON the charts use) and the optimisation of the
/// app's own code (so an error names its exact line; the library it references is built optimised).</item>
/// <item>Markdown cells → <c>//</c> comments (<see cref="MarkdownComments"/>).</item>
/// <item><c>using</c> directives of every cell → the top of the file; type declarations → after the top-level
/// statements. Cells are parsed by Roslyn as scripts, as the kernel compiles them.</item>
/// <item>The <c>parameters</c> cell is kept with each declaration <c>var name = value;</c> written as <c>var name =
/// app.Param("name", value);</c>, so the command line can set it; see the next line for
/// variable it declares: <c>--quick</c> and <c>--param name=value</c> as in <c>./course run</c>
/// (<c>Depth.AppHost</c>).</item>
/// <item>A cell's trailing expression (its last statement, an expression without a semicolon) →
/// <c>display(expression);</c>; <c>display</c> is <c>Depth.AppHost.display</c>.</item>
/// <item>Cells tagged <see cref="KernelOnlyTag"/> (about the notebook kernel itself) are left out.</item>
/// </list>
/// What has no one-to-one mapping is refused with the cell's number (<see cref="AppGenerationException"/>): a name
/// declared at the top level of two cells (a script redeclares; one program cannot), a name declared at the top level
/// and again in a nested block (C# forbids that shadowing in one method), kernel API namespaces, magic commands other
/// than <c>#!csharp</c> and <c>#!time</c>, unversioned packages.
/// </summary>
public static partial class AppGenerator
{
    /// <summary>Tag of a cell the app leaves out: it is about the notebook kernel and has no meaning in an app.</summary>
    public const string KernelOnlyTag = "kernel-only";

    /// <summary>The variable holding the app's <c>AppHost</c> in generated code.</summary>
    public const string HostVariable = "app";

    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary><c>apps/NN-name.cs</c> under <paramref name="root"/> for <c>notebooks/NN-name.ipynb</c>.</summary>
    public static string AppPath(string root, string notebookPath) =>
        Path.Combine(root, "apps", Path.GetFileNameWithoutExtension(notebookPath) + ".cs");

    /// <summary>The app's source for <paramref name="notebook"/>, named <paramref name="name"/> (the notebook's file
    /// name without extension). Throws <see cref="AppGenerationException"/> for what cannot be mapped.</summary>
    public static string Generate(Notebook notebook, string name)
    {
        var cells = notebook.Cells;
        var packages = new List<string>();
        var projects = new List<string>();
        var usings = new List<string>();
        var types = new List<string>();
        var body = new StringBuilder();
        var scopes = new List<(int Cell, Scope Scope)>();
        string[] parameters = [];
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var number = i + 1;
            if (cell.CellType == "markdown")
            {
                body.Append('\n').Append(MarkdownComments.Of(cell.Source));
                continue;
            }
            if (!cell.IsCode) continue;
            if (cell.Tags.Contains(KernelOnlyTag))
            {
                body.Append($"\n// (cell {number} is about the notebook kernel itself and is left out of the app)\n");
                continue;
            }
            var source = cell.Source.Replace("\r\n", "\n");
            CheckMagics(source, name, number);
            CellDirectives directives;
            try { directives = CellDirectives.Parse(source); }
            catch (LineDirectiveException e) { throw new AppGenerationException(name, number, e.Message); }
            foreach (var reference in directives.References) (reference.PackageName is null ? projects : packages).Add(Directive(reference, name, number));
            var code = Translate(directives.Code, name, number, usings, types, out var scope);
            scopes.Add((number, scope));
            if (cell.Tags.Contains(Parameters.Tag))
            {
                parameters = Parameters.Declared(source).Keys.ToArray();
                code = "// Each parameter can be set from the command line (--quick, --param name=value).\n"
                    + WithParameters(code, parameters, name, number);
            }
            if (code.Length > 0) body.Append('\n').Append(code);
        }
        CheckScopes(name, scopes);
        return Assemble(notebook, name, packages, projects, usings, types, parameters, body.ToString());
    }

    // "var x = v;" (or "T x = v;") → "var x = app.Param("x", v);": the declared value, unless the command line
    // gives another. Every declared parameter must be written that way.
    private static string WithParameters(string code, string[] parameters, string name, int cell)
    {
        var done = new HashSet<string>();
        var lines = code.Split('\n').Select(line =>
        {
            var m = ParameterLine.Match(line);
            if (!m.Success || !parameters.Contains(m.Groups["name"].Value)) return line;
            var (type, variable) = (m.Groups["type"].Value, m.Groups["name"].Value);
            done.Add(variable);
            var call = type == "var" ? $"{HostVariable}.Param(" : $"{HostVariable}.Param<{type}>(";
            return $"{m.Groups["indent"].Value}{type} {variable} = {call}\"{variable}\", {m.Groups["value"].Value});"
                + m.Groups["rest"].Value;
        }).ToArray();
        if (parameters.FirstOrDefault(p => !done.Contains(p)) is { } missed)
            throw new AppGenerationException(name, cell,
                $"parameter '{missed}' must be declared on one line as 'var {missed} = value;'");
        return string.Join('\n', lines);
    }

    private static readonly Regex ParameterLine = new(
        @"^(?<indent>\s*)(?<type>[\w.<>\[\]?]+)\s+(?<name>\w+)\s*=\s*(?<value>.+?);(?<rest>\s*(//.*)?)$",
        RegexOptions.CultureInvariant);

    private static string Assemble(Notebook notebook, string name, List<string> packages, List<string> projects,
        List<string> usings, List<string> types, string[] parameters, string body)
    {
        var text = new StringBuilder();
        text.Append($"// {notebook.Title() ?? name}\n");
        text.Append($"//\n// Generated by `./course apps` from notebooks/{name}.ipynb: do not edit; change the notebook and regenerate.\n");
        text.Append($"// Run: ./course app apps/{name}.cs [--quick] [--param name=value]... [--out folder]\n");
        text.Append($"// (or `dotnet run apps/{name}.cs -- --quick` where TorchSharp loads); charts go to apps/out/{name}/.\n");
        foreach (var d in packages.Distinct()) text.Append(d).Append('\n');
        foreach (var d in projects.Distinct()) text.Append(d).Append('\n');
        text.Append('\n');   // build settings: apps/Directory.Build.props
        foreach (var u in usings.Distinct()) text.Append(u).Append('\n');
        text.Append("using static Depth.AppHost;\n\n");
        var declared = string.Concat(parameters.Select(p => $", \"{p}\""));
        text.Append($"var {HostVariable} = Depth.AppHost.Start(args, \"{name}\"{declared});\n");
        text.Append(body);
        text.Append($"\n{HostVariable}.Finish();\n");
        foreach (var t in types) text.Append('\n').Append(t).Append('\n');
        return text.ToString();
    }

    // The directive line for a #r reference.
    private static string Directive(Reference reference, string name, int cell)
    {
        if (reference.PackageName is { } package)
            return reference.PackageVersion is not null
                ? $"#:package {package}"   // the version: Directory.Packages.props, the notebooks' pin (a test checks both)
                : throw new AppGenerationException(name, cell, $"package {package} has no version: pin it (#r \"nuget: {package}, <version>\")");
        var match = BuiltAssembly().Match(reference.AssemblyPath!.Replace('\\', '/'));
        if (!match.Success)
            throw new AppGenerationException(name, cell, $"#r \"{reference.AssemblyPath}\" is not a project's build output (…/Name/bin/Config/tfm/Name.dll)");
        return $"#:project {match.Groups["folder"].Value}/{match.Groups["name"].Value}.csproj";
    }

    [GeneratedRegex(@"^(?<folder>.*/(?<name>[^/]+))/bin/[^/]+/[^/]+/\k<name>\.dll$")]
    private static partial Regex BuiltAssembly();

    // Magic commands the app can drop (they only choose the C# kernel or time the cell); any other is refused.
    private static void CheckMagics(string source, string name, int cell)
    {
        foreach (var line in source.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("#!", StringComparison.Ordinal)))
        {
            var magic = line.Split(' ')[0];
            if (magic is not ("#!csharp" or "#!c#" or "#!time"))
                throw new AppGenerationException(name, cell, $"the magic command {magic} has no app equivalent");
        }
    }

    // One cell's C# for the app: usings and type declarations taken out (into the lists), the trailing expression
    // displayed; the names it declares collected into scope.
    private static string Translate(string code, string name, int cell, List<string> usings, List<string> types, out Scope scope)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptOptions).GetRoot();
        var error = root.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
            throw new AppGenerationException(name, cell, $"line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage()}");
        var edits = new List<(TextSpan Span, string Text)>();
        foreach (var u in root.Usings)
        {
            var text = u.WithoutTrivia().ToString();
            if (text.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal))
                throw new AppGenerationException(name, cell, $"'{text}' needs the notebook kernel: tag the cell '{KernelOnlyTag}' or use the course library");
            usings.Add(text);
            edits.Add((u.FullSpan, ""));
        }
        foreach (var member in root.Members.OfType<BaseTypeDeclarationSyntax>())
        {
            types.Add(member.ToFullString().Trim('\n'));
            edits.Add((member.FullSpan, ""));
        }
        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
            edits.Add((last.Span, $"display({last.Expression.WithoutTrivia()});"));
        scope = Scope.Of(root);
        foreach (var (span, text) in edits.OrderByDescending(e => e.Span.Start))
            code = code[..span.Start] + text + code[span.End..];
        return Tidy(code);
    }

    // Without leading and trailing blank lines and with runs of blank lines (left by #r lines) collapsed to one.
    private static string Tidy(string code)
    {
        var lines = code.Split('\n').Select(l => l.TrimEnd()).ToList();
        var kept = new List<string>();
        foreach (var line in lines)
            if (line.Length > 0 || (kept.Count > 0 && kept[^1].Length > 0)) kept.Add(line);
        while (kept.Count > 0 && kept[^1].Length == 0) kept.RemoveAt(kept.Count - 1);
        return kept.Count == 0 ? "" : string.Join("\n", kept) + "\n";
    }

    // A script lets a later cell redeclare a name and a nested block reuse a top-level name; one program's top-level
    // statements cannot (CS0128, CS0136).
    private static void CheckScopes(string name, List<(int Cell, Scope Scope)> scopes)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal) { [HostVariable] = 0 };
        var problems = new List<string>();
        foreach (var (cell, scope) in scopes)
            foreach (var variable in scope.TopLevel)
                if (!first.TryAdd(variable, cell))
                    problems.Add(first[variable] == 0
                        ? $"cell {cell} declares '{variable}', the name the app gives its host"
                        : $"cell {cell} declares '{variable}' again (first declared in cell {first[variable]})");
        foreach (var (cell, scope) in scopes)
            foreach (var variable in scope.Nested.Where(first.ContainsKey).Distinct())
                problems.Add($"cell {cell} declares '{variable}' in a nested block, and cell {first[variable]} at the top level");
        if (problems.Count > 0)
            throw new AppGenerationException(name, null,
                $"{string.Join("; ", problems)}: an app's top-level statements are one scope; rename one of them in the notebook");
    }

    /// <summary>The names a cell declares at its top level (locals, deconstructions, local functions) and in nested
    /// blocks outside lambdas and local functions (which may shadow).</summary>
    private sealed record Scope(IReadOnlyList<string> TopLevel, IReadOnlyList<string> Nested)
    {
        public static Scope Of(CompilationUnitSyntax root)
        {
            var top = new List<string>();
            var nested = new List<string>();
            foreach (var member in root.Members)
            {
                switch (member)
                {
                    case MethodDeclarationSyntax method: top.Add(method.Identifier.Text); break;
                    case FieldDeclarationSyntax field: top.AddRange(field.Declaration.Variables.Select(v => v.Identifier.Text)); break;
                    case GlobalStatementSyntax global:
                        foreach (var (variable, atTop) in Declarations(global.Statement))
                            (atTop ? top : nested).Add(variable);
                        break;
                }
            }
            return new Scope(top, nested);
        }

        // Every name declared in a top-level statement, and whether it lands in the top-level scope.
        private static IEnumerable<(string Name, bool AtTop)> Declarations(StatementSyntax statement)
        {
            foreach (var node in statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                var identifier = node switch
                {
                    VariableDeclaratorSyntax v => v.Identifier,
                    SingleVariableDesignationSyntax d => d.Identifier,
                    ForEachStatementSyntax f => f.Identifier,
                    CatchDeclarationSyntax c => c.Identifier,
                    LocalFunctionStatementSyntax l => l.Identifier,
                    _ => default,
                };
                if (identifier.Text is not { Length: > 0 } text) continue;
                var atTop = node.Ancestors().TakeWhile(a => a != statement)
                    .All(a => a is VariableDeclarationSyntax or LocalDeclarationStatementSyntax or ExpressionSyntax
                        or ArgumentSyntax or ArgumentListSyntax or VariableDesignationSyntax or EqualsValueClauseSyntax
                        or PatternSyntax)
                    && node is not (ForEachStatementSyntax or CatchDeclarationSyntax)
                    && statement is LocalDeclarationStatementSyntax or ExpressionStatementSyntax or LocalFunctionStatementSyntax;
                yield return (text, atTop);
            }
        }
    }
}

/// <summary>A notebook construct with no app equivalent.</summary>
public sealed class AppGenerationException(string notebook, int? cell, string message)
    : Exception($"{notebook}.ipynb{(cell is { } c ? $", cell {c}" : "")}: {message}");
