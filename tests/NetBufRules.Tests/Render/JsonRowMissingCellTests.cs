using NetBufRules.Evaluate;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A JSON row without one of its columns (ip -d -j link gives "link" only for a veth whose peer shares the namespace)
/// reads as null in a template, as lint's dry render (every column present) promised: the run never fails on it.
/// </summary>
public sealed class JsonRowMissingCellTests
{
    [Fact]
    public async Task A_column_a_json_row_lacks_is_null_in_a_template_not_an_error()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              kinds:
                command: [ip, -d, -j, link]
                extract:
                  json_rows: ''
                  columns: { name: ifname, peer: link }
            """, """
              - if: count(kinds) > 0
                message: "{{ for k in kinds }} {{ k.name }}{{ if k.peer }}@{{ k.peer }}{{ else }} (peer elsewhere){{ end }}{{ end }}"
            """));
        var reader = new FakeSourceReader().With("ip -d -j link",
            """[{"ifname":"va","link":"vb"},{"ifname":"vc","link_netnsid":0}]""");
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        var finding = new ConditionEvaluator().Evaluate(playbook, run.For("sample"), new ParamOverrides().Resolve(playbook));

        var result = new FixRenderer().Render(finding);

        result.Status.ShouldBe(FindingStatus.Fired);
        result.Reason.ShouldContain("va@vb vc (peer elsewhere)");
    }
}
