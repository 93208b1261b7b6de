using System.CommandLine;
using Depth.Cli;

var root = new RootCommand("The course: run notebooks and publish the site, strip outputs from committed notebooks, or generate the lesson apps.");
var rootOption = new Option<DirectoryInfo>("--root") { Description = "The repository root (the ./course launcher passes it).", Required = true };

var notebooks = new Argument<string[]>("notebooks") { Description = "Notebooks to run: paths or names like 01-parameters (default: every notebook in notebooks/).", Arity = ArgumentArity.ZeroOrMore };
var quick = new Option<bool>("--quick") { Description = "Small, fast settings: sets the notebooks' `quick` parameter to true." };
var param = new Option<string[]>("--param") { Description = "Override a parameter: name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: <root>/site)." };
var allowErrors = new Option<bool>("--allow-errors") { Description = "Keep running after a failing cell (failed cells are still counted and fail the exit code)." };
var jobs = new Option<int?>("--jobs") { Description = "Notebooks to run at once (default: the number of cores; each lesson's torch threads count against them)." };
jobs.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--jobs must be at least 1"); });
var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Minutes a cell may run before the run stops (default: 5 with --quick, 20 without)." };

var run = new Command("run", "Execute notebooks; write executed copies, one HTML page each and index.html.")
{
    rootOption, notebooks, quick, param, output, allowErrors, cellTimeout, jobs,
};
run.SetAction((result, cancellationToken) => RunCommand.ExecuteAsync(new RunCommand.Arguments(
    result.GetValue(rootOption)!.FullName,
    result.GetValue(notebooks) ?? [],
    result.GetValue(quick),
    result.GetValue(param) ?? [],
    result.GetValue(output)?.FullName,
    result.GetValue(allowErrors),
    result.GetValue(cellTimeout) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
    result.GetValue(jobs)), cancellationToken));

var cleanFiles = new Argument<string[]>("notebooks") { Description = "Notebooks to clean (default: every notebook in notebooks/).", Arity = ArgumentArity.ZeroOrMore };
var clean = new Command("clean", "Strip outputs, execution counts and run timing from notebooks.") { rootOption, cleanFiles };
clean.SetAction(result => CleanCommand.Execute(result.GetValue(rootOption)!.FullName, result.GetValue(cleanFiles) ?? []));

var appFiles = new Argument<string[]>("notebooks") { Description = "Notebooks to generate apps from (default: every notebook in notebooks/).", Arity = ArgumentArity.ZeroOrMore };
var apps = new Command("apps", "Write each lesson as a C# file-based app, apps/NN-name.cs, generated from its notebook.") { rootOption, appFiles };
apps.SetAction(result => AppsCommand.Execute(result.GetValue(rootOption)!.FullName, result.GetValue(appFiles) ?? []));

root.Subcommands.Add(run);
root.Subcommands.Add(clean);
root.Subcommands.Add(apps);
return await root.Parse(args).InvokeAsync();
