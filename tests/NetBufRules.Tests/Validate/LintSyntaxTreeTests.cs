using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Model;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Validate;

/// <summary>Lint reads conditions and templates by their syntax trees (NCalc, Scriban), not by searching their text.</summary>
public sealed class LintSyntaxTreeTests
{
    private static IReadOnlyList<string> Lint(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nbr-eval-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, yaml);
            return [.. PlaybookLinter.Lint([file]).Diagnostics.Select(d => d.ToString().Replace(file, "x.yaml", StringComparison.Ordinal))];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IReadOnlyList<string> Validate(string yaml) =>
        [.. PlaybookValidator.Validate([Playbooks.Parse(yaml)]).Select(d => d.ToString())];

    private const string Probes = """
          somaxconn:
            sysctl: net.core.somaxconn
          forgotten:
            sysctl: net.core.netdev_max_backlog
        """;

    [Fact]
    public void A_probe_named_only_in_a_template_comment_is_reported_unused()
    {
        var yaml = Playbooks.Minimal(Probes, """
              - if: somaxconn < limit
                message: "somaxconn is {{ somaxconn }}{{ # forgotten is not shown here }}"
            """);
        Lint(yaml).ShouldContain(l => l.Contains("warning NBR019: probe 'forgotten' is never used", StringComparison.Ordinal));
    }

    [Fact]
    public void A_probe_named_only_in_a_fixs_literal_text_or_a_quoted_string_of_a_condition_is_reported_unused()
    {
        var yaml = Playbooks.Minimal(Probes, """
              - if: somaxconn < limit && !contains('forgotten', 'x')
                message: "somaxconn is {{ somaxconn }}"
            """, """
            fix:
              - path: /etc/sysctl.d/90-sample.conf
                template: |
                  # raise it; forgotten is the other knob
                  net.core.somaxconn = {{ max somaxconn 4096 }}
                then: [sysctl, -p, /etc/sysctl.d/90-sample.conf]
            """);
        Lint(yaml).ShouldContain(l => l.Contains("warning NBR019: probe 'forgotten' is never used", StringComparison.Ordinal));
    }

    [Fact]
    public void A_probe_read_through_rate_or_a_metric_is_used()
    {
        var yaml = Playbooks.Minimal("""
              listen:
                counter: true
                file: /proc/net/netstat
                extract: { snmp: { overflows: TcpExt.ListenOverflows } }
              somaxconn:
                sysctl: net.core.somaxconn
            """, """
              - if: somaxconn < limit
                message: "{{ rate.listen.overflows }}/s"
            """, """
            metrics:
              backlog: { value: somaxconn }
            """);
        Lint(yaml).ShouldNotContain(l => l.Contains("NBR019", StringComparison.Ordinal));
    }

    [Fact]
    public void A_function_called_with_the_wrong_number_of_arguments_is_reported_at_its_call_not_at_a_string_that_spells_it()
    {
        var yaml = Playbooks.Minimal(Probes, """
              - if: contains('max(a)', 'x') || max(somaxconn) > limit
            """);
        // Line 15 is the 'if'; the string holding "max(" starts at column 18, the call at column 36.
        Validate(yaml).ShouldBe([
            "test.yaml:15:36: error NBR013: max() takes 2 argument(s), got 1 (hint: max(a, b): the larger number)",
        ]);
    }

    [Fact]
    public void Each_call_is_counted_with_its_own_arguments_nested_calls_included()
    {
        var yaml = Playbooks.Minimal(Probes, """
              - if: max(min(somaxconn, 1, 2), abs(somaxconn, limit)) > limit
            """);
        Validate(yaml).ShouldBe([
            "test.yaml:15:13: error NBR013: min() takes 2 argument(s), got 3 (hint: min(a, b): the smaller number)",
            "test.yaml:15:35: error NBR013: abs() takes 1 argument(s), got 2 (hint: abs(x): absolute value)",
        ]);
    }

    [Fact]
    public void An_unknown_name_is_reported_where_it_is_written_not_inside_a_longer_name_that_contains_it()
    {
        var yaml = Playbooks.Minimal(Probes, """
              - if: somaxconn_x > limit || somaxconn > limit
            """).Replace("  forgotten:\n    sysctl: net.core.netdev_max_backlog\n", "", StringComparison.Ordinal);
        Validate(yaml).ShouldBe([
            "test.yaml:13:9: error NBR011: 'somaxconn_x' is neither a probe nor a param of this playbook (hint: did you mean 'somaxconn'?)",
        ]);
    }

    [Fact]
    public void A_template_reads_the_variables_of_its_syntax_tree_not_its_comments_raw_text_or_members()
    {
        var names = TemplateNames.Of(Text("status: {{ # somaxconn }} {{ row.status }} {{ for l in listeners }}{{ l.pid }}{{ end }} {{ rate.listen.overflows }}"));
        names.Variables.ShouldBe(["row", "l", "listeners", "rate"], ignoreOrder: true);
        names.Reads("status").ShouldBeFalse();
        names.Reads("somaxconn").ShouldBeFalse();
        names.Paths.ShouldContain("rate.listen.overflows");
        names.Paths.ShouldContain("row.status");
    }

    [Theory]
    [InlineData("{{ if status == 'advice' }}x{{ end }}")]
    [InlineData("{{ status.size }}")]
    [InlineData("{{ [status][0] }}")]
    [InlineData("{{ max (status == 'fired' ? 1 : 2) 3 }}")]
    public void A_status_read_through_a_member_access_an_index_or_a_call_is_seen(string template)
    {
        TemplateNames.Of(Text(template)).Reads("status").ShouldBeTrue();
    }

    [Fact]
    public void A_fix_that_fails_only_for_advice_is_found_because_it_reads_status()
    {
        var yaml = Playbooks.Minimal(Probes.Replace("  forgotten:\n    sysctl: net.core.netdev_max_backlog", "", StringComparison.Ordinal), """
              - if: somaxconn < limit
            """, """
            fix:
              - path: /etc/sysctl.d/90-sample.conf
                template: |
                  net.core.somaxconn = {{ max somaxconn 4096 }}{{ if status == 'advice' }}{{ nope }}{{ end }}
                then: [sysctl, -p, /etc/sysctl.d/90-sample.conf]
            """);
        Lint(yaml).ShouldContain(l => l.Contains("error NBR023: template fails on a dry run", StringComparison.Ordinal));
    }

    private static LocatedText Text(string template) => new(template, new SourcePosition("t.yaml", 1, 1), NetBufRules.Model.YamlScalarStyle.Quoted, 0);
}
