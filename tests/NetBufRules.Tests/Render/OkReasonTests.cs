using NetBufRules.Evaluate;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Render;

/// <summary>An ok finding's reason is prose (the playbook's 'ok', else words of its message), and an empty table is false in templates.</summary>
public sealed class OkReasonTests
{
    private static async Task<RenderedFinding> Render(string when, string somaxconn = "8192", string listeners = "")
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              somaxconn:
                sysctl: net.core.somaxconn
              full:
                command: [ss, -Hltn]
                extract: { table: [state, recv_q, send_q, local] }
            """, when));
        var reader = new FakeSourceReader().With("/proc/sys/net/core/somaxconn", somaxconn).With("ss -Hltn", listeners);
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        var finding = new ConditionEvaluator().Evaluate(playbook, run.For("sample"), new ParamOverrides().Resolve(playbook));
        return new FixRenderer().Render(finding);
    }

    [Fact]
    public async Task An_ok_reason_is_the_symptoms_ok_prose_rendered_over_the_same_values()
    {
        var result = await Render("""
              - if: somaxconn < 4096
                message: somaxconn is {{ somaxconn }}
                ok: "somaxconn is {{ somaxconn }}, enough"
            """);
        result.Status.ShouldBe(FindingStatus.Ok);
        result.Reason.ShouldBe("somaxconn is 8192, enough");
        result.OkReasons.ShouldBe(["somaxconn is 8192, enough"]);
    }

    [Fact]
    public async Task Without_ok_prose_the_reason_takes_the_opening_words_of_the_message_never_the_condition()
    {
        var result = await Render("""
              - if: somaxconn < 4096
                message: "the accept queue limit is low: {{ somaxconn }}"
              - if: count(full) > 0
                message: "{{ size full }} listeners are full"
            """);
        result.Status.ShouldBe(FindingStatus.Ok);
        result.OkReasons.ShouldBe(["not seen: the accept queue limit is low", "not seen: listeners are full"]);
        result.Reason.ShouldNotContain("somaxconn < 4096");
        result.Reason.ShouldNotContain("count(");
    }

    [Fact]
    public async Task A_fired_finding_has_no_ok_reasons()
    {
        var result = await Render("""
              - if: somaxconn < 4096
                message: somaxconn is {{ somaxconn }}
                ok: fine
            """, somaxconn: "128");
        result.Status.ShouldBe(FindingStatus.Fired);
        result.OkReasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_table_is_false_so_a_guarded_list_leaves_no_colon_behind()
    {
        var result = await Render("""
              - if: somaxconn < 4096
                message: "low{{ if full }}; full now:{{ for l in full }} {{ l.local }}{{ end }}{{ else }}; no listener is full{{ end }}"
            """, somaxconn: "128");
        result.Status.ShouldBe(FindingStatus.Fired);
        result.Reason.ShouldBe("low; no listener is full");
    }

    [Fact]
    public async Task A_table_with_rows_is_still_true()
    {
        var result = await Render("""
              - if: somaxconn < 4096
                message: "low{{ if full }}; full now:{{ for l in full }} {{ l.local }}{{ end }}{{ end }}"
            """, somaxconn: "128", listeners: "LISTEN 3 2 127.0.0.1:9000\n");
        result.Reason.ShouldBe("low; full now: 127.0.0.1:9000");
    }
}
