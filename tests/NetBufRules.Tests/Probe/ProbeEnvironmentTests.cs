using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Probe;

/// <summary>A probe command sees PATH, LC_ALL and LANG and nothing else of the caller's environment: a real probe prints what it got.</summary>
public sealed class ProbeEnvironmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_real_probe_sees_only_the_probe_path_and_the_C_locale_never_the_callers_secrets()
    {
        // A variable of this process only, named uniquely: other tests starting processes at the same time never see a
        // change that matters to them.
        var name = $"NBR_CFG_SECRET_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "hunter2");
        try
        {
            Environment.GetEnvironmentVariable("HOME").ShouldNotBeNull("the caller has a HOME to leak");
            var raw = await new LiveSourceReader().ReadAsync(new CommandSource(["env"]), Timeout, 0, CancellationToken.None);
            raw.Succeeded.ShouldBeTrue(raw.FailureMessage);
            var seen = raw.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
            seen.ShouldBe([$"LANG=C", "LC_ALL=C", $"PATH={ProbePath.Current}"]);
            raw.Stdout.ShouldNotContain("hunter2");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void The_command_removes_every_inherited_variable_and_sets_only_three()
    {
        var command = LiveSourceReader.Command(["/usr/bin/env"], ProbePath.System);
        var set = command.EnvironmentVariables.Where(v => v.Value is not null).Select(v => v.Key).Order(StringComparer.Ordinal);
        set.ShouldBe(["LANG", "LC_ALL", "PATH"]);
        foreach (System.Collections.DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            var key = (string)inherited.Key;
            if (key is "LANG" or "LC_ALL" or "PATH") continue;
            command.EnvironmentVariables.ShouldContainKey(key);
            command.EnvironmentVariables[key].ShouldBeNull(key);
        }
    }
}
