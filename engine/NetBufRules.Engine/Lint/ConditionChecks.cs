using System.Globalization;
using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;

namespace NetBufRules.Lint;

/// <summary>
/// A condition's syntax (NBR010), unknown functions (NBR012), argument counts (NBR013) and unknown names (NBR011), all
/// read from its syntax tree (<see cref="ConditionTree"/>) and reported where they are written.
/// </summary>
internal static class ConditionChecks
{
    /// <summary>
    /// The problems of <paramref name="text"/> (text params used as numbers among them, NBR152), into <paramref name="bag"/>; names are checked against
    /// <paramref name="known"/> unless <paramref name="checkNames"/> is false (a <c>where</c>: row columns are only known at run time).
    /// </summary>
    public static void Check(LocatedText text, IReadOnlyList<string> known, IReadOnlyList<ParamSpec> parameters, DiagnosticBag bag, bool checkNames)
    {
        var compiled = ConditionCompiler.Compile(text);
        if (compiled.Error is { } error)
        {
            bag.AddRange([error]);
            return;
        }
        if (ConditionTree.Read(compiled) is not { } tree) return;
        TextParamChecks.Check(compiled, tree, parameters, bag);
        foreach (var call in tree.Calls.DistinctBy(c => c.Name).Where(c => !FunctionCatalog.Functions.ContainsKey(c.Name)))
            bag.Error(call.At, Codes.UnknownFunction, $"unknown function '{call.Name}'", Suggest.Hint(call.Name, [.. FunctionCatalog.Functions.Keys]));
        foreach (var call in tree.Calls)
        {
            if (!FunctionCatalog.Functions.TryGetValue(call.Name, out var arity) || (call.Arguments >= arity.Min && call.Arguments <= arity.Max)) continue;
            var takes = arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"{arity.Min} to {arity.Max}";
            bag.Error(call.At, Codes.WrongArgumentCount, $"{call.Name}() takes {takes} argument(s), got {call.Arguments}", arity.Help);
        }
        if (!checkNames) return;
        foreach (var name in tree.Names.DistinctBy(n => n.Name))
        {
            var root = CompiledCondition.Root(name.Name);
            if (!known.Contains(root))
                bag.Error(name.At, Codes.UnknownIdentifier, $"'{root}' is neither a probe nor a param of this playbook", Suggest.Hint(root, known));
        }
    }
}
