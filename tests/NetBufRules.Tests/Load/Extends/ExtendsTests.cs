using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Load.Extends;

/// <summary>
/// A team's playbook extends one of another pack by id: it changes what it names, keeps the rest of the base as the
/// base is today, and every diagnostic points at the file its text came from.
/// </summary>
public sealed class ExtendsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nbr-ext-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Base = """
        apiVersion: netbufrules/v1
        id: queue
        title: Queue too small
        severity: warning
        tags: [queue]
        summary: the queue overflows
        why: a longer queue holds the burst
        params:
          max_drops: 1
          min_len: 128
        probes:
          drops: { file: /proc/net/snmp, counter: true }
          len: { sysctl: net.core.somaxconn }
          extra: { file: /proc/loadavg }
        when:
          - if: rate(drops) > max_drops
            message: dropped {{ delta.drops }} (threshold {{ max_drops }})
          - name: loaded
            if: extra > 100
            message: load {{ extra }}
        advise_when:
          - if: len < min_len
            message: len {{ len }} below {{ min_len }}
        fix:
          - path: /etc/sysctl.d/90-queue.conf
            template: |
              net.core.somaxconn = {{ max len min_len }}
            then: [sysctl, -p, /etc/sysctl.d/90-queue.conf]
        """;

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        return path;
    }

    private LoadResult LoadBoth(string team)
    {
        Write("base/queue.yaml", Base);
        Write("team/team.yaml", team);
        return PlaybookLoader.Load([Path.Combine(_root, "base"), Path.Combine(_root, "team")]);
    }

    private static string Lines(LoadResult loaded) => string.Join("\n", loaded.Diagnostics);

    [Fact]
    public void A_team_threshold_keeps_the_base_id_and_takes_its_place_so_the_base_never_runs_twice()
    {
        var loaded = LoadBoth("""
            apiVersion: netbufrules/v1
            extends: queue
            severity: critical
            params:
              min_len: 4096
            """);
        loaded.Diagnostics.ShouldBeEmpty(Lines(loaded));
        var playbook = loaded.Playbooks.ShouldHaveSingleItem();
        playbook.Id.ShouldBe("queue");
        playbook.Severity.ShouldBe(Severity.Critical);
        playbook.Param("min_len")!.Value.ShouldBe(4096.0);
        playbook.Param("max_drops")!.Value.ShouldBe(1.0);
        playbook.Title.ShouldBe("Queue too small");
        playbook.When.Count.ShouldBe(2);
        playbook.Fixes.ShouldHaveSingleItem();
        // The overridden param stands in the team file, the others in the base file.
        playbook.Param("min_len")!.Position.File.ShouldEndWith("team.yaml");
        playbook.Param("max_drops")!.Position.File.ShouldEndWith("queue.yaml");
    }

    [Fact]
    public void A_later_version_of_the_base_is_picked_up_without_touching_the_team_file()
    {
        LoadBoth("apiVersion: netbufrules/v1\nextends: queue\nparams:\n  min_len: 4096\n").Playbooks.Single().Title.ShouldBe("Queue too small");
        Write("base/queue.yaml", Base.Replace("title: Queue too small", "title: Accept queue too small", StringComparison.Ordinal)
            .Replace("max_drops: 1", "max_drops: 3", StringComparison.Ordinal));
        var later = PlaybookLoader.Load([Path.Combine(_root, "base"), Path.Combine(_root, "team")]).Playbooks.Single();
        later.Title.ShouldBe("Accept queue too small");
        later.Param("max_drops")!.Value.ShouldBe(3.0);
        later.Param("min_len")!.Value.ShouldBe(4096.0);
    }

    [Fact]
    public void A_built_in_playbook_is_extended_by_id_without_loading_the_built_in_pack()
    {
        var team = Write("team/tcp-backlog.yaml", "apiVersion: netbufrules/v1\nextends: tcp-backlog\nparams:\n  min_somaxconn: 8192\n");
        var loaded = PlaybookLoader.Load([team]);
        loaded.Diagnostics.ShouldBeEmpty(Lines(loaded));
        var playbook = loaded.Playbooks.ShouldHaveSingleItem();
        playbook.Id.ShouldBe("tcp-backlog");
        playbook.Param("min_somaxconn")!.Value.ShouldBe(8192.0);
        playbook.Probes.Select(p => p.Name).ShouldContain("full_listeners");
        playbook.Origin!.Bases.ShouldHaveSingleItem().ShouldBe(new PlaybookBase("tcp-backlog", "builtin:playbooks/tcp-backlog.yaml"));
    }

    [Fact]
    public void A_new_id_makes_a_variant_that_runs_beside_its_base()
    {
        var loaded = LoadBoth("apiVersion: netbufrules/v1\nextends: queue\nid: queue-strict\ntitle: Queue too small (strict)\nparams:\n  max_drops: 0\n");
        loaded.Diagnostics.ShouldBeEmpty(Lines(loaded));
        loaded.Playbooks.Select(p => p.Id).ShouldBe(["queue", "queue-strict"], ignoreOrder: true);
        loaded.Playbooks.Single(p => p.Id == "queue-strict").Param("max_drops")!.Value.ShouldBe(0.0);
        loaded.Playbooks.Single(p => p.Id == "queue").Param("max_drops")!.Value.ShouldBe(1.0);
    }

    [Fact]
    public void Signals_merge_by_name_or_condition_fixes_by_path_words_are_joined_and_scalars_replace()
    {
        var loaded = LoadBoth("""
            apiVersion: netbufrules/v1
            extends: queue
            title: Our queue
            tags: [team-web, queue]
            when:
              - if: rate(drops) > max_drops
                message: "team: dropped {{ delta.drops }}"
              - name: loaded
                message: "team: load {{ extra }}"
              - if: len < 16
                message: tiny queue
            fix:
              - path: /etc/sysctl.d/90-queue.conf
                template: |
                  # team
                  net.core.somaxconn = {{ max len min_len }}
            """);
        loaded.Diagnostics.ShouldBeEmpty(Lines(loaded));
        var p = loaded.Playbooks.Single();
        p.Title.ShouldBe("Our queue");
        p.Tags.ShouldBe(["queue", "team-web"]);
        p.When.Select(s => s.Condition.Text).ShouldBe(["rate(drops) > max_drops", "extra > 100", "len < 16"]);
        p.When.Select(s => s.Message!.Text).ShouldBe(["team: dropped {{ delta.drops }}", "team: load {{ extra }}", "tiny queue"]);
        // A merged signal keeps the base's condition where the base wrote it, and the team's message where the team did.
        p.When[1].Condition.Start.File.ShouldEndWith("queue.yaml");
        p.When[1].Message!.Start.File.ShouldEndWith("team.yaml");
        var fix = p.Fixes.ShouldHaveSingleItem();
        fix.Template.Text.ShouldStartWith("# team\n");
        fix.Then.ShouldBe(["sysctl", "-p", "/etc/sysctl.d/90-queue.conf"]);
    }

    [Fact]
    public void Drop_removes_signals_by_name_or_condition_fixes_by_path_and_probes_and_params_by_name()
    {
        var loaded = LoadBoth("""
            apiVersion: netbufrules/v1
            extends: queue
            drop:
              when: [loaded]
              advise_when: ["len  <  min_len"]
              fix: [/etc/sysctl.d/90-queue.conf]
              probes: [extra]
              params: [min_len]
            """);
        // The fix read min_len and len; both it and the advice are gone, so nothing reads them.
        loaded.Diagnostics.ShouldBeEmpty(Lines(loaded));
        var p = loaded.Playbooks.Single();
        p.When.ShouldHaveSingleItem().Condition.Text.ShouldBe("rate(drops) > max_drops");
        p.AdviseWhen.ShouldBeEmpty();
        p.Fixes.ShouldBeEmpty();
        p.Probes.Select(x => x.Name).ShouldBe(["drops", "len"]);
        p.Params.Select(x => x.Name).ShouldBe(["max_drops"]);
    }

    [Fact]
    public void Every_extends_mistake_is_reported_at_its_place_with_its_own_code_and_a_hint()
    {
        Write("base/queue.yaml", Base);
        Write("team/a.yaml", "apiVersion: netbufrules/v1\nextends: queu\n");
        Write("team/b.yaml", "apiVersion: netbufrules/v1\nid: b\nextends: c\n");
        Write("team/c.yaml", "apiVersion: netbufrules/v1\nid: c\nextends: b\n");
        Write("team/d.yaml", """
            apiVersion: netbufrules/v1
            extends: queue
            params:
              max_drop: 5
            probes:
              len: { sysctl: net.core.netdev_max_backlog }
            drop:
              when: ["rate(drops) > 5"]
              probes: [extra]
            """);
        Write("team/e.yaml", "apiVersion: netbufrules/v1\nextends: queue\n");
        var loaded = PlaybookLoader.Load([Path.Combine(_root, "base"), Path.Combine(_root, "team")]);
        var lines = loaded.Diagnostics.Select(d => d.ToString().Replace(_root + "/", "", StringComparison.Ordinal)).ToList();
        lines.ShouldBe([
            "base/queue.yaml:19:9: error NBR135: this still reads probe 'extra', which 'drop' removes at team/d.yaml:9:12 (hint: drop what reads it too (a signal by its condition or name, a fix by its path), or keep it)",
            "base/queue.yaml:20:14: error NBR135: this still reads probe 'extra', which 'drop' removes at team/d.yaml:9:12 (hint: drop what reads it too (a signal by its condition or name, a fix by its path), or keep it)",
            "team/a.yaml:2:10: error NBR130: 'extends: queu' names no playbook loaded or built in (hint: did you mean 'queue'?)",
            "team/b.yaml:3:10: error NBR131: 'extends: c' leads back to this playbook (a cycle) (hint: a playbook cannot extend itself, directly or through another; extend the original playbook)",
            "team/d.yaml:4:3: error NBR133: 'max_drop' is not a param of 'queue', and nothing this file adds uses it (hint: did you mean 'max_drops'?)",
            "team/d.yaml:6:3: error NBR134: 'len' is a probe of 'queue' (base/queue.yaml:13:3); an extending playbook cannot change a base's probe (hint: the base's conditions, messages and fixes read that probe as the base defines it; add yours under a new name, or drop the base's with 'drop: {probes: [len]}' and the signals that read it)",
            "team/d.yaml:8:11: error NBR132: 'rate(drops) > 5' is not in 'when' of 'queue', so there is nothing to drop (hint: 'when' of 'queue' holds: rate(drops) > max_drops | loaded)",
            "team/e.yaml:2:10: error NBR136: 'queue' is already extended and replaced by team/d.yaml:2 (hint: one playbook per id may keep a base's id; merge the two, or give this one a new 'id' so it runs beside the base)",
        ]);
    }

    [Fact]
    public void A_mistake_in_the_team_text_is_reported_in_the_team_file_and_one_in_the_base_text_in_the_base_file()
    {
        Write("base/queue.yaml", Base.Replace("message: len {{ len }} below {{ min_len }}", "message: len {{ len }} below {{ min_len }", StringComparison.Ordinal));
        Write("team/team.yaml", """
            apiVersion: netbufrules/v1
            extends: queue
            when:
              - if: rate(drops) > max_drops
                message: |-
                  dropped
                  {{ delta.drops }
            """);
        var result = new LintResultLines(PlaybookLinter.Lint([Path.Combine(_root, "base"), Path.Combine(_root, "team")]), _root);
        result.Errors.ShouldContain(l => l.StartsWith("team/team.yaml:7:", StringComparison.Ordinal) && l.Contains("NBR014", StringComparison.Ordinal), result.Text);
        result.Errors.ShouldContain(l => l.StartsWith("base/queue.yaml:23:", StringComparison.Ordinal) && l.Contains("NBR014", StringComparison.Ordinal), result.Text);
    }

    [Fact]
    public void Lint_passes_a_clean_extension_strictly_and_names_a_missing_base()
    {
        Write("team/tcp-backlog.yaml", "apiVersion: netbufrules/v1\nextends: tcp-backlog\nparams:\n  min_somaxconn: 8192\n");
        var clean = PlaybookLinter.Lint([Path.Combine(_root, "team")]);
        clean.Diagnostics.ShouldBeEmpty(string.Join("\n", clean.Diagnostics));
        Write("team/other.yaml", "apiVersion: netbufrules/v1\nextends: tcp-backlogg\n");
        var broken = PlaybookLinter.Lint([Path.Combine(_root, "team")]);
        broken.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("NBR130");
    }

    [Fact]
    public async Task Explain_shows_which_pack_and_file_each_part_came_from()
    {
        var team = Write("team/tcp-backlog.yaml", "apiVersion: netbufrules/v1\nextends: tcp-backlog\nseverity: critical\nparams:\n  min_somaxconn: 8192\ndrop:\n  advise_when: [syn_recv > max_syn_recv]\n  probes: [syn_recv]\n  params: [max_syn_recv]\n");
        var (code, output, error) = await CliRunner.Run("explain", "tcp-backlog", "--playbooks", team);
        code.ShouldBe(0, error);
        output.ShouldContain("min_somaxconn=8192");
        output.ShouldContain("WHERE IT COMES FROM\n  extends tcp-backlog (the built-in pack, playbooks/tcp-backlog.yaml)\n");
        output.ShouldContain($"  set by {team}:\n    severity  ({team}:3:11)\n    params.min_somaxconn  ({team}:5:3)\n");
        output.ShouldContain($"    dropped probes: syn_recv  ({team}:8:12)\n");
        output.ShouldContain("  from the built-in pack, playbooks/tcp-backlog.yaml:\n    id  (line 3)\n    title  (line 4)\n");
    }

    [Fact]
    public void A_base_may_itself_extend_another_and_explain_names_the_whole_chain()
    {
        Write("base/queue.yaml", Base);
        Write("team/strict.yaml", "apiVersion: netbufrules/v1\nid: queue-strict\nextends: queue\nparams:\n  max_drops: 0\n");
        Write("team/web.yaml", "apiVersion: netbufrules/v1\nid: queue-web\nextends: queue-strict\nparams:\n  min_len: 8192\n");
        var loaded = PlaybookLoader.Load([Path.Combine(_root, "base"), Path.Combine(_root, "team")]);
        loaded.Diagnostics.ShouldBeEmpty(Lines(loaded));
        var web = loaded.Playbooks.Single(p => p.Id == "queue-web");
        web.Param("max_drops")!.Value.ShouldBe(0.0);
        web.Param("min_len")!.Value.ShouldBe(8192.0);
        web.Origin!.Bases.Select(b => b.Id).ShouldBe(["queue-strict", "queue"]);
        loaded.Playbooks.Select(p => p.Id).ShouldBe(["queue", "queue-strict", "queue-web"], ignoreOrder: true);
    }

    [Fact]
    public void Drop_without_extends_is_an_error_rather_than_silently_nothing()
    {
        var loaded = LoadBoth(Base.Replace("id: queue", "id: other", StringComparison.Ordinal) + "\ndrop:\n  when: [loaded]");
        loaded.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("NBR006");
    }

    [Theory]
    [InlineData("extends: [queue]\n", "2:10 NBR004")]
    [InlineData("extends:\n", "2:9 NBR004")]
    [InlineData("extends: queue\ndrop: [loaded]\n", "3:7 NBR004")]
    [InlineData("extends: queue\ndrop:\n  signals: [loaded]\n", "4:3 NBR003")]
    public void A_malformed_extends_or_drop_is_reported_at_its_place(string yaml, string expected)
    {
        var loaded = LoadBoth("apiVersion: netbufrules/v1\n" + yaml.TrimEnd('\n'));
        loaded.Diagnostics.Where(d => d.Position.File.EndsWith("team.yaml", StringComparison.Ordinal))
            .Select(d => $"{d.Position.Line}:{d.Position.Column} {d.Code}").ShouldContain(expected, Lines(loaded));
    }

    /// <summary>Lint lines with the temporary folder taken out.</summary>
    private sealed record LintResultLines(LintResult Lint, string Root)
    {
        public IReadOnlyList<string> Errors => [.. Lint.Diagnostics.Select(d => d.ToString().Replace(Root + "/", "", StringComparison.Ordinal))];

        public string Text => string.Join("\n", Errors);
    }
}
