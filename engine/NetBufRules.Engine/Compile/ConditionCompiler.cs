using System.Globalization;
using System.Text.RegularExpressions;
using NCalc;
using NCalc.Exceptions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Compile;

/// <summary>Parses NCalc conditions, mapping syntax errors to their line and column in the playbook.</summary>
internal static partial class ConditionCompiler
{
    /// <summary>Options every condition runs with: integer overflow is an error, not a silent wrap.</summary>
    public const ExpressionOptions Options = ExpressionOptions.OverflowProtection | ExpressionOptions.NoStringTypeCoercion;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<LocatedText, CompiledCondition> Compiled = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Each condition of a loaded playbook parsed once for the whole process (a fleet replay evaluates the same
    /// playbooks for thousands of hosts); the result is immutable and shared by every evaluation.
    /// </summary>
    public static CompiledCondition CompileOnce(LocatedText source) => Compiled.GetOrAdd(source, Compile);

    public static CompiledCondition Compile(LocatedText source)
    {
        if (TooLarge(source) is { } limited) return limited;
        var dotted = DottedNames.Rewrite(source.Text);
        var expression = new Expression(dotted.Rewritten, Options) { CultureInfo = CultureInfo.InvariantCulture };
        try
        {
            if (string.IsNullOrWhiteSpace(source.Text))
                return Failed(source, source.Start, "the condition is empty");
            var names = expression.GetParameterNames().Distinct(StringComparer.Ordinal).ToList();
            var functions = expression.GetFunctionNames().Distinct(StringComparer.Ordinal).ToList();
            return new CompiledCondition(source, expression.GetLogicalExpression(), names, functions, null);
        }
        catch (NCalcParserException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var at = source.Start;
            var match = PositionPattern().Match(message);
            if (match.Success)
            {
                // NCalc reports "(line:column)", 1-based, in the rewritten text.
                var column = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                var line = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var offset = OffsetOf(dotted.Rewritten, line, column);
                at = source.AtOffset(dotted.ToOriginal(offset));
                message = message[..match.Index].TrimEnd();
            }
            else if (OperatorRun().Match(source.Text) is { Success: true } run)
            {
                // NCalc names no position for "Unknown operator sequence": point at the first run of operator characters it cannot read.
                at = source.AtOffset(run.Index);
            }
            return Failed(source, at, $"condition syntax: {message.TrimEnd('.')}");
        }
    }

    /// <summary>A condition past the length or nesting limit is refused before NCalc parses it: its parser recurses per level.</summary>
    private static CompiledCondition? TooLarge(LocatedText source)
    {
        const string hint = "split the condition into several 'when' entries or compute the parts in probes";
        if (source.Text.Length > Primitives.Limits.ExpressionChars)
            return new(source, null, [], [], new Diagnostic(source.Start, DiagnosticSeverity.Error, Codes.ExpressionTooLarge,
                $"the condition is {source.Text.Length:N0} characters long, more than the limit of {Primitives.Limits.ExpressionChars:N0}", hint));
        var depth = 0;
        for (var i = 0; i < source.Text.Length; i++)
        {
            depth += source.Text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth > Primitives.Limits.ExpressionNesting)
                return new(source, null, [], [], new Diagnostic(source.AtOffset(i), DiagnosticSeverity.Error, Codes.ExpressionTooLarge,
                    $"the condition nests parentheses more than {Primitives.Limits.ExpressionNesting} deep", hint));
        }
        return null;
    }

    private static CompiledCondition Failed(LocatedText source, SourcePosition at, string message) =>
        new(source, null, [], [], new Diagnostic(at, DiagnosticSeverity.Error, Codes.ExpressionSyntax, message,
            "conditions are NCalc: compare with > < >= <= == !=, join with && || and call functions like rate(probe)"));

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line; l++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0) break;
            offset = next + 1;
        }
        return Math.Min(text.Length, offset + column - 1);
    }

    [GeneratedRegex(@"at position \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"[<>=!&|]{3,}|=[<>]|<>(?==)|(?<!&)&(?!&)|(?<!\|)\|(?!\|)")]
    private static partial Regex OperatorRun();
}
