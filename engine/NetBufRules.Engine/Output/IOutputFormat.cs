using NetBufRules.Fleet;
using NetBufRules.Report;

namespace NetBufRules.Output;

/// <summary>
/// One output format of <c>run</c> (text, json, prometheus, markdown, html), as goss has one outputer per format: it
/// writes a host's report and, when the format can, the summary of a fleet replay. A new format is one new file
/// registered in <see cref="OutputFormats"/>.
/// </summary>
internal interface IOutputFormat
{
    /// <summary>The name <c>--format</c> takes.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Whether this format can describe a folder of snapshots (a fleet), not only one host.</summary>
    bool DescribesFleets { get; }

    /// <summary>The report of one host.</summary>
    string Write(DiagnosisReport report, OutputOptions options);

    /// <summary>The summary of a fleet replay; only called when <see cref="DescribesFleets"/>.</summary>
    string WriteFleet(FleetSummary fleet, OutputOptions options);

    /// <summary>
    /// The same, written to <paramref name="writer"/> as it is made: a format whose fleet report grows with the hosts
    /// (the JSON host list, the text of <c>--only-fired</c>) writes it in pieces, never holding all of it at once.
    /// </summary>
    void WriteFleet(FleetSummary fleet, OutputOptions options, TextWriter writer) => writer.Write(WriteFleet(fleet, options));
}
