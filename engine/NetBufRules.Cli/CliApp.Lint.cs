using System.CommandLine;
using NetBufRules.Lint;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command LintCommand()
    {
        var selection = new SetOptions("the current folder", withStrict: false);
        var format = new Option<string>("--format", "-f") { Description = "text, json, sarif or github", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github");
        var strict = new Option<bool>("--strict") { Description = "Warnings fail too" };
        var command = new Command("lint", "Report every playbook mistake at once, with file:line:col, a code and a hint") { format, strict };
        selection.AddTo(command);
        command.SetAction(async (result, _) =>
        {
            var targets = result.GetValue(selection.Paths) is { Length: > 0 } given ? given : ["."];
            var missing = targets.Where(p => p != Packs.Pack.BuiltInName && !File.Exists(p) && !Directory.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                foreach (var m in missing) await host.Error.WriteLineAsync($"netbufrules: no such file or folder: '{m}'").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (result.GetValue(selection.Config) is { } cfg && !File.Exists(cfg))
            {
                await host.Error.WriteLineAsync($"netbufrules: no such config file: '{cfg}'").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var set = PlaybookSet.Load(new PlaybookSetOptions
            {
                Paths = targets,
                ConfigFile = result.GetValue(selection.Config),
                Selection = selection.Selection(result),
                BuiltInWhenNoPath = false,
                EngineVersion = ToolVersion.Current,
            });
            // A pack made for a newer engine cannot be judged by this one: refused as every command refuses it, in its one line.
            if (set.Diagnostics.Where(d => d.Code == Diagnostics.Codes.EngineTooOld).ToList() is { Count: > 0 } tooOld)
            {
                foreach (var d in tooOld) await host.Error.WriteLineAsync(d.ToString()).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var lint = PlaybookLinter.Lint(set);
            var text = result.GetValue(format) switch
            {
                "json" => LintWriters.Json(lint),
                "sarif" => LintWriters.Sarif(lint),
                "github" => LintWriters.GitHub(lint),
                _ => LintWriters.Text(lint, host.Color),
            };
            await host.Out.WriteAsync(text).ConfigureAwait(false);
            var failed = lint.Errors > 0 || (result.GetValue(strict) && lint.Warnings > 0);
            return failed ? ExitCodes.Fired : ExitCodes.Ok;
        });
        return command;
    }
}
