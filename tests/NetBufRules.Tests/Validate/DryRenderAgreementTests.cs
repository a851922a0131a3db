using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Lint;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Validate;

/// <summary>
/// Lint's dry render is the run's renderer over a shaped finding: a template lint passes renders in a run, and one a
/// run refuses lint refuses. Each case used to pass one and fail the other.
/// </summary>
public sealed class DryRenderAgreementTests
{
    private static readonly FakeSourceReader Host = new FakeSourceReader()
        .With("/proc/sys/net/core/somaxconn", "128")
        .With("ss -Htan", "ESTAB 0 0 10.0.0.1:22 10.0.0.2:5000\nESTAB 0 0 10.0.0.1:22 10.0.0.3:5000\n")
        .With("/proc/*/{comm,fd,limits,cgroup}", "pid fds soft hard uid unit comm\n10 12 1024 4096 0 ssh.service sshd\n");

    private const string Probes = """
          somaxconn:
            sysctl: net.core.somaxconn
          established:
            command: [ss, -Htan]
            extract: { regex: '^ESTAB', all: true }
          procs:
            processes: true
        """;

    /// <summary>Lint's errors for the playbook, and its run's result on <see cref="Host"/>.</summary>
    private static async Task<(IReadOnlyList<Diagnostic> Lint, RenderedFinding Run)> Both(string when, string extra = "")
    {
        var yaml = Playbooks.Minimal(Probes, when, extra);
        var file = Path.Combine(Path.GetTempPath(), $"nbr-eval-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, yaml);
            var lint = PlaybookLinter.Lint([file]).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var playbook = Playbooks.Parse(yaml);
            var report = await DiagnosisPipeline.RunAsync([playbook], new ParamOverrides(), Host, new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
            return (lint, report.Results.Single());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Size_of_a_regex_table_without_named_groups_passes_lint_and_renders_in_a_run()
    {
        var (lint, run) = await Both("""
              - if: count(established) > 0 && count(procs) > 0 && somaxconn > 0
                message: "{{ size established }} connections established"
            """);
        lint.ShouldBeEmpty(string.Join("\n", lint));
        run.Status.ShouldBe(FindingStatus.Fired, run.Reason);
        run.Reason.ShouldBe("2 connections established");
    }

    [Fact]
    public async Task A_fix_without_each_that_reads_row_fails_in_lint_as_it_fails_in_a_run()
    {
        var (lint, run) = await Both("  - count(procs) > 0 && count(established) > 0 && somaxconn < 4096", """
            fix:
              - path: /etc/sysctl.d/90-each.conf
                each: procs
                template: "net.core.somaxconn = {{ max somaxconn row.soft }}\n"
                then: [sysctl, -p, /etc/sysctl.d/90-each.conf]
              - path: /etc/sysctl.d/90-plain.conf
                template: "net.core.somaxconn = {{ max somaxconn row.hard }}\n"
                then: [sysctl, -p, /etc/sysctl.d/90-plain.conf]
            """);
        run.Status.ShouldBe(FindingStatus.Error);
        run.Reason.ShouldContain("`row` was not found");
        lint.Select(d => d.ToString()).ShouldContain(l => l.Contains(":25:54:", StringComparison.Ordinal) && l.Contains("NBR023: template fails on a dry run: The variable or function `row` was not found", StringComparison.Ordinal),
            string.Join("\n", lint));
    }

    [Fact]
    public async Task An_advice_message_that_fails_only_as_advice_fails_in_lint_as_in_a_run()
    {
        var (lint, run) = await Both("  - count(procs) > 100 && count(established) > 0", """
            advise_when:
              - if: somaxconn < 4096
                message: "{{ if status == 'advice' }}{{ nope }}{{ end }}somaxconn is {{ somaxconn }}"
            """);
        run.Status.ShouldBe(FindingStatus.Error);
        run.Reason.ShouldContain("`nope` was not found");
        lint.Select(d => d.Code).ShouldBe([Codes.TemplateDryRun]);
    }

    [Fact]
    public async Task A_fix_path_value_the_interpolation_guard_refuses_fails_in_lint_as_in_a_run()
    {
        var (lint, run) = await Both("  - count(procs) > 0 && count(established) > 0 && somaxconn < 4096", """
            fix:
              - path: /etc/sysctl.d/90-{{ "a/b" }}.conf
                template: "net.core.somaxconn = {{ max somaxconn 4096 }}\n"
            """);
        run.Status.ShouldBe(FindingStatus.Error);
        run.Reason.ShouldContain("NBR044");
        lint.Select(d => d.Code).ShouldBe([Codes.UnsafeInterpolation]);
    }

    [Fact]
    public void The_dry_render_model_is_the_runs_model_of_a_shaped_finding()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(Probes, "  - somaxconn > 0"));
        var model = TemplateSandbox.ShapeModel(playbook, FindingStatus.Advice);
        model["established"].ShouldBeOfType<Scriban.Runtime.ScriptArray>().Count.ShouldBe(1);
        model["procs"].ShouldBeOfType<Scriban.Runtime.ScriptArray>().Count.ShouldBe(1);
        model["somaxconn"].ShouldBe(1.0);
        model["status"].ShouldBe("advice");
    }
}
