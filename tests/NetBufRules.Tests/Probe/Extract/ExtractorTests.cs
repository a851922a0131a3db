using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Extract;

namespace NetBufRules.Tests.Probe.Extract;

public sealed class ExtractorTests
{
    [Fact]
    public void Snmp_line_pairs_are_zipped_by_position_on_this_machines_own_file()
    {
        var text = File.ReadAllText("/proc/net/snmp");
        var value = Extractor.Extract(new ExtractSpec(ExtractKind.Snmp, Path: "Udp.RcvbufErrors"), text);
        value.ShouldBeOfType<ScalarValue>().Number.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Snmp_picks_the_named_column_of_the_named_prefix()
    {
        const string text = "Tcp: RtoAlgorithm ActiveOpens\nTcp: 1 42\nTcpExt: SyncookiesSent ListenOverflows ListenDrops\nTcpExt: 0 188 190\n";
        var record = Extractor.Extract(new ExtractSpec(ExtractKind.Snmp, Map: new Dictionary<string, string> { ["o"] = "TcpExt.ListenOverflows", ["d"] = "TcpExt.ListenDrops" }), text)
            .ShouldBeOfType<RecordValue>();
        record.Fields["o"].Value.ShouldBe(188.0);
        record.Fields["d"].Value.ShouldBe(190.0);
    }

    [Fact]
    public void A_counter_missing_from_this_kernel_says_so()
    {
        var e = Should.Throw<ExtractException>(() => Extractor.Extract(new ExtractSpec(ExtractKind.Snmp, Path: "TcpExt.NoSuchCounter"), "TcpExt: A\nTcpExt: 1\n"));
        e.Message.ShouldContain("'TcpExt.NoSuchCounter' is not in the output");
    }

    [Fact]
    public void Nstat_json_paths_reach_kernel_counters()
    {
        const string json = """{"kernel":{"TcpExtListenOverflows":188,"TcpExtListenDrops":190}}""";
        Extractor.Extract(new ExtractSpec(ExtractKind.Json, Path: "kernel.TcpExtListenOverflows"), json)
            .ShouldBeOfType<ScalarValue>().Value.ShouldBe(188.0);
    }

    [Fact]
    public void Json_rows_become_a_table_with_nested_paths()
    {
        const string json = """[{"ifname":"lo","stats64":{"rx":{"missed_errors":0}}},{"ifname":"eth0","stats64":{"rx":{"missed_errors":7}}}]""";
        var table = Extractor.Extract(new ExtractSpec(ExtractKind.JsonRows, Path: "", Map: new Dictionary<string, string> { ["name"] = "ifname", ["missed"] = "stats64.rx.missed_errors" }), json)
            .ShouldBeOfType<TableValue>();
        table.Rows.Count.ShouldBe(2);
        table.Rows[1]["name"].ShouldBe("eth0");
        table.Rows[1]["missed"].ShouldBe(7.0);
    }

    [Fact]
    public void A_raw_control_character_in_a_json_string_is_read_as_that_character_and_nothing_else_is_forgiven()
    {
        // iproute2 writes an interface name's bytes unescaped; the kernel allows an ESC or a BEL in one.
        var spec = new ExtractSpec(ExtractKind.JsonRows, Path: "", Map: new Dictionary<string, string> { ["name"] = "ifname" });
        var table = Extractor.Extract(spec, "[{\"ifname\":\"a\u001b[31m\u0007b\"},{\"ifname\":\"lo\"}]\n").ShouldBeOfType<TableValue>();
        table.Rows.Select(r => r["name"]).ShouldBe(["a\u001b[31m\u0007b", "lo"]);
        Should.Throw<ExtractException>(() => Extractor.Extract(spec, "[{\"ifname\":\"a\u001b\"},")).Message.ShouldContain("not JSON");
    }

    [Fact]
    public void Output_that_is_not_json_is_an_extract_failure_not_a_crash()
    {
        Should.Throw<ExtractException>(() => Extractor.Extract(new ExtractSpec(ExtractKind.Json, Path: "kernel.X"), "Usage: nstat ..."));
    }

    [Fact]
    public void Softnet_hex_columns_parse_by_position_on_a_new_kernel()
    {
        const string text = "0000080e 00000002 0000000a 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000001 00000000 00000000\n";
        var table = Extractor.Extract(new ExtractSpec(ExtractKind.Table, Columns: ["processed", "dropped", "time_squeeze"], Hex: true), text).ShouldBeOfType<TableValue>();
        table.Rows.ShouldHaveSingleItem();
        table.Rows[0]["processed"].ShouldBe(2062.0);
        table.Rows[0]["dropped"].ShouldBe(2.0);
        table.Rows[0]["time_squeeze"].ShouldBe(10.0);
    }

    [Fact]
    public void Softnet_of_an_older_kernel_with_fewer_columns_still_parses()
    {
        // Linux 2.6-era softnet_stat: 10 columns, no cpu_collision semantics beyond position.
        const string text = "00c1a3f6 00000000 00000003 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n0087c2e1 00000010 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n";
        var table = Extractor.Extract(new ExtractSpec(ExtractKind.Table, Columns: ["processed", "dropped", "time_squeeze"], Hex: true), text).ShouldBeOfType<TableValue>();
        table.Rows.Count.ShouldBe(2);
        table.Rows[1]["dropped"].ShouldBe(16.0);
        table.Rows[0]["time_squeeze"].ShouldBe(3.0);
    }

    [Fact]
    public void A_rest_column_keeps_spaces_in_the_last_field()
    {
        var table = Extractor.Extract(new ExtractSpec(ExtractKind.Table, Columns: ["pid", "comm..."]), "12 Web Content\n").ShouldBeOfType<TableValue>();
        table.Rows[0]["comm"].ShouldBe("Web Content");
    }

    [Fact]
    public void Tcp_rmem_triples_are_numbers_not_strings()
    {
        var record = Extractor.Extract(new ExtractSpec(ExtractKind.Fields, Columns: ["min", "default", "max"]), "4096\t131072\t33554432\n").ShouldBeOfType<RecordValue>();
        record.Fields["max"].Value.ShouldBe(33554432.0);
        ((double)record.Fields["default"].Value > 87380).ShouldBeTrue("131072 > 87380 as numbers, though not as strings");
    }

    [Fact]
    public void Regex_tables_keep_every_named_group_even_when_optional_ones_miss()
    {
        const string ss = "LISTEN 3 2 127.0.0.1:9000 0.0.0.0:* users:((\"python3\",pid=4066,fd=3))\nLISTEN 0 4096 0.0.0.0:22 0.0.0.0:*\n";
        var table = Extractor.Extract(new ExtractSpec(ExtractKind.Regex,
            Path: "^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+\\S+(?:\\s+users:\\(\\(\"(?<process>[^\"]*)\",pid=(?<pid>\\d+))?", All: true), ss).ShouldBeOfType<TableValue>();
        table.Rows.Count.ShouldBe(2);
        table.Rows[0]["pid"].ShouldBe(4066.0);
        table.Rows[1]["process"].ShouldBe("");
    }

    [Fact]
    public void A_regex_with_one_value_group_gives_a_scalar()
    {
        Extractor.Extract(new ExtractSpec(ExtractKind.Regex, Path: "^oom_kill (?<value>\\d+)"), "pgfault 1\noom_kill 3\n")
            .ShouldBeOfType<ScalarValue>().Value.ShouldBe(3.0);
    }

    [Fact]
    public void Lines_count_non_empty_lines()
    {
        Extractor.Extract(new ExtractSpec(ExtractKind.Lines), "a\n\nb\n").ShouldBeOfType<ScalarValue>().Value.ShouldBe(2.0);
    }
}
