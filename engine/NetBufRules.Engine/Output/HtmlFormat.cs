using System.Globalization;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Fleet;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Output;

/// <summary>
/// The report as one self-contained HTML page: inline CSS, no script, no external URL, and a Content-Security-Policy
/// that forbids loading anything, so it opens the same offline, attached to a ticket or served from a file share.
/// A host: its findings with evidence and fixes; a fleet: the host × cause matrix and the groups of hosts with the
/// same findings. Host data goes through <see cref="HtmlText"/>.
/// </summary>
internal sealed class HtmlFormat : IOutputFormat
{
    private const int Rows = 3, VerboseRows = 20;

    private const string Style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1b1b1b;background:#fff}
        h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:0 0 .3em}
        .host{color:#555;margin:0}.summary{font-weight:600;font-size:1.1em}
        section{border-left:.4em solid #999;padding:.4em 1em;margin:1.2em 0;background:#fafafa}
        section.fired{border-color:#c62828}section.error{border-color:#6a1b9a}section.advice{border-color:#ef8f00}
        section.ok{border-color:#2e7d32}section.skipped{border-color:#9e9e9e}
        .status{text-transform:uppercase;font-size:.8em;padding:.1em .4em;border-radius:.2em;color:#fff;background:#777}
        .fired .status,td.fired{background:#c62828;color:#fff}.advice .status,td.advice{background:#ef8f00;color:#fff}
        .error .status,td.error{background:#6a1b9a;color:#fff}.ok .status,td.ok{background:#2e7d32;color:#fff}
        td.skipped{background:#e0e0e0}
        table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
        caption{text-align:left;font-weight:600;padding:.2em 0}
        pre{background:#f0f0f0;padding:.6em;overflow-x:auto}code{background:#f0f0f0;padding:0 .2em}
        .matrix td{text-align:center;font-size:.85em}.matrix th{font-size:.85em}
        """;

    public string Name => "html";

    public string Description => "one self-contained HTML page (no network)";

    public bool DescribesFleets => true;

    public string Write(DiagnosisReport report, OutputOptions options)
    {
        var digest = new ReportDigest(report);
        var sb = new StringBuilder();
        Open(sb, "netbufrules on " + report.Host.Hostname);
        sb.Append("<header>\n<h1>netbufrules on ").Append(HtmlText.Escape(report.Host.Hostname)).Append("</h1>\n");
        sb.Append("<p class=\"host\">").Append(HtmlText.Escape(digest.HostLine)).Append("</p>\n");
        sb.Append("<p class=\"summary\">").Append(HtmlText.Escape(digest.Summary)).Append("</p>\n</header>\n<main>\n");
        if (!options.Quiet)
        {
            foreach (var r in digest.Attention) Finding(sb, r, options);
            if (digest.Attention.Count == 0) sb.Append("<p>").Append(digest.QuietLine).Append("</p>\n");
            if (options.Verbose)
            {
                foreach (var r in digest.Skipped.Concat(digest.Ok)) Finding(sb, r, options);
            }
            var rest = new[] { digest.OkLine, digest.SkippedLine(options.Verbose) }.OfType<string>().Concat(digest.Notes.Select(n => "note, " + n)).ToList();
            if (rest.Count > 0)
            {
                sb.Append("<ul class=\"rest\">\n");
                foreach (var line in rest) sb.Append("<li>").Append(HtmlText.Escape(line)).Append("</li>\n");
                sb.Append("</ul>\n");
            }
        }
        return Close(sb);
    }

    public string WriteFleet(FleetSummary fleet, OutputOptions options)
    {
        var sb = new StringBuilder();
        var n = fleet.Hosts.Count;
        Open(sb, string.Create(CultureInfo.InvariantCulture, $"netbufrules across {n:N0} hosts"));
        sb.Append(CultureInfo.InvariantCulture, $"<header>\n<h1>netbufrules across {n:N0} hosts</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{fleet.Hosts.Count(h => h.AnyFired):N0} of {n:N0} hosts with a cause fired</p>\n</header>\n<main>\n");
        if (!options.Quiet)
        {
            sb.Append("<h2>Kernels</h2>\n<ul>\n");
            foreach (var (kernel, hosts) in fleet.Kernels) sb.Append(CultureInfo.InvariantCulture, $"<li>{HtmlText.Escape(kernel)} on {hosts:N0}</li>\n");
            sb.Append("</ul>\n");
            Matrix(sb, new FleetMatrix(fleet));
            if (fleet.Groups.Count > 0)
            {
                sb.Append("<h2>Same findings</h2>\n<table>\n<tr><th>hosts</th><th>causes (culprit kinds)</th><th>which</th></tr>\n");
                foreach (var (signature, labels) in fleet.Groups)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{labels.Count:N0}</td><td>{HtmlText.Escape(signature)}</td><td>");
                    sb.Append(HtmlText.Escape(string.Join(", ", labels.Take(FleetTextWriter.ListedNames))));
                    if (labels.Count > FleetTextWriter.ListedNames) sb.Append(CultureInfo.InvariantCulture, $", +{labels.Count - FleetTextWriter.ListedNames:N0} more");
                    sb.Append("</td></tr>\n");
                }
                sb.Append("</table>\n");
            }
            if (options.OnlyFired)
            {
                foreach (var h in fleet.Hosts.Where(h => h.AnyFired))
                {
                    sb.Append("<section class=\"fired\">\n<h2>").Append(HtmlText.Escape($"{h.Label} ({h.Hostname}, kernel {h.Kernel})")).Append("</h2>\n<ul>\n");
                    foreach (var r in h.Results.Where(r => r.Status == FindingStatus.Fired))
                        sb.Append("<li><strong>").Append(HtmlText.Escape(r.Id)).Append("</strong> ").Append(HtmlText.Escape($"({StatusWords.Of(r.Severity)}) {ReportDigest.Clause(r.Reason)}")).Append("</li>\n");
                    sb.Append("</ul>\n</section>\n");
                }
            }
        }
        return Close(sb);
    }

    private static void Matrix(StringBuilder sb, FleetMatrix matrix)
    {
        sb.Append("<h2>Hosts by cause</h2>\n<table class=\"matrix\">\n<tr><th>host</th>");
        foreach (var id in matrix.Ids) sb.Append("<th>").Append(HtmlText.Escape(id)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var h in matrix.Hosts)
        {
            sb.Append("<tr><th>").Append(HtmlText.Escape(h.Label)).Append("</th>");
            foreach (var id in matrix.Ids)
            {
                var status = FleetMatrix.Cell(h, id);
                var word = status is { } s ? StatusWords.Of(s) : "";
                sb.Append("<td class=\"").Append(word).Append("\">").Append(word).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
        if (matrix.LeftOut > 0) sb.Append(CultureInfo.InvariantCulture, $"<p>{matrix.LeftOut:N0} hosts with nothing fired, advised or broken are left out.</p>\n");
    }

    private static void Finding(StringBuilder sb, RenderedFinding r, OutputOptions options)
    {
        var playbook = r.Finding.Playbook;
        var word = StatusWords.Of(r.Status);
        sb.Append("<section class=\"").Append(word).Append("\">\n<h2><span class=\"status\">").Append(word).Append("</span> ")
          .Append(HtmlText.Escape(playbook.Id)).Append(" <small>(").Append(StatusWords.Of(playbook.Severity)).Append(")</small></h2>\n");
        sb.Append("<p class=\"title\"><strong>").Append(HtmlText.Escape(playbook.Title)).Append("</strong></p>\n");
        var attention = r.Status is FindingStatus.Fired or FindingStatus.Advice or FindingStatus.Error;
        sb.Append("<p class=\"sentence\">").Append(HtmlText.Escape(attention ? ReportDigest.Sentence(r) : ReportDigest.Clause(r.Reason) + ".")).Append("</p>\n");
        var rows = options.Verbose ? VerboseRows : Rows;
        Table(sb, "measured", EvidenceText.Measured(r.Finding), rows);
        Table(sb, "compared with", EvidenceText.ComparedWith(r.Finding), rows);
        if (options.Verbose && r.Notes.Count > 0)
        {
            sb.Append("<ul class=\"notes\">\n");
            foreach (var note in r.Notes) sb.Append("<li>").Append(HtmlText.Escape(note)).Append("</li>\n");
            sb.Append("</ul>\n");
        }
        else if (!options.Verbose && ReportDigest.SkippedProbes(r) is { Count: > 0 } skipped && r.Status != FindingStatus.Skipped)
        {
            sb.Append("<p class=\"unchecked\">Not checked, ").Append(HtmlText.Escape(string.Join(", ", skipped))).Append(" (--verbose says why).</p>\n");
        }
        foreach (var fix in r.Fixes)
        {
            sb.Append("<div class=\"fix\">\n<p>Fix file <code>").Append(HtmlText.Escape(fix.Path)).Append("</code>");
            if (fix.Then.Count > 0) sb.Append(", then run <code>").Append(HtmlText.Escape(string.Join(' ', fix.Then))).Append("</code>");
            sb.Append("</p>\n<pre>").Append(HtmlText.EscapeLines(fix.Content.TrimEnd('\n'))).Append("</pre>\n</div>\n");
        }
        if (attention && r.Status != FindingStatus.Error && playbook.SeeAlso.Count > 0)
            sb.Append("<p class=\"see-also\">See also ").Append(HtmlText.Escape(string.Join(", ", playbook.SeeAlso))).Append(".</p>\n");
        sb.Append("</section>\n");
    }

    private static void Table(StringBuilder sb, string caption, IReadOnlyList<EvidenceItem> items, int rows)
    {
        if (items.Count == 0) return;
        sb.Append("<table class=\"evidence\">\n<caption>").Append(caption).Append("</caption>\n");
        foreach (var item in items)
            sb.Append("<tr><th>").Append(HtmlText.Escape(item.Name)).Append("</th><td>").Append(HtmlText.Escape(EvidenceText.Value(item, rows))).Append("</td></tr>\n");
        sb.Append("</table>\n");
    }

    private static void Open(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Nothing may be fetched: the page is complete as written, and a hostile name cannot make it call out.
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
    }

    private static string Close(StringBuilder sb) => sb.Append("</main>\n</body>\n</html>\n").ToString();
}
