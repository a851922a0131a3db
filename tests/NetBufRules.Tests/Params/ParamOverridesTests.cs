using NetBufRules.Params;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Params;

public sealed class ParamOverridesTests
{
    private static readonly NetBufRules.Model.Playbook Sample = Playbooks.Parse(Playbooks.Minimal("""
          x:
            file: /x
        """, "  - x > limit"));

    [Fact]
    public void A_playbook_specific_override_wins_over_a_global_one_whatever_the_order()
    {
        var o = new ParamOverrides();
        o.AddAssignment("sample.limit=5");
        o.AddAssignment("limit=7");
        o.Check([Sample]).ShouldBeEmpty();
        o.Resolve(Sample)["limit"].ShouldBe(5.0);
    }

    [Fact]
    public void An_unknown_param_is_reported_with_a_near_miss()
    {
        var o = new ParamOverrides();
        o.AddAssignment("sample.limt=5");
        o.Check([Sample]).ShouldHaveSingleItem().ShouldBe("--set sample.limt=5: no loaded playbook 'sample' has a param 'limt' (did you mean 'limit'?)");
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported()
    {
        var o = new ParamOverrides();
        o.AddAssignment("limit=lots");
        o.Check([Sample]).ShouldHaveSingleItem().ShouldBe("--set limit=lots: param 'limit' takes a number (default 10), got 'lots'");
    }

    [Fact]
    public void A_values_file_sets_global_and_per_playbook_params()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "limit: 3\nsample:\n  limit: 4\n");
            var o = new ParamOverrides();
            o.AddValuesFile(file);
            o.Check([Sample]).ShouldBeEmpty();
            o.Resolve(Sample)["limit"].ShouldBe(4.0);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
