namespace NetBufRules.Diagnostics;

/// <summary>Stable diagnostic codes; documented in the README.</summary>
public static class Codes
{
    public const string YamlSyntax = "NBR001";
    public const string DuplicateKey = "NBR002";
    public const string UnknownKey = "NBR003";
    public const string WrongType = "NBR004";
    public const string MissingKey = "NBR005";
    public const string InvalidValue = "NBR006";
    public const string DuplicateId = "NBR007";
    public const string NoPlaybooks = "NBR008";
    public const string PathNotFound = "NBR009";
    public const string ExpressionSyntax = "NBR010";
    public const string UnknownIdentifier = "NBR011";
    public const string UnknownFunction = "NBR012";
    public const string WrongArgumentCount = "NBR013";
    public const string TemplateSyntax = "NBR014";
    public const string UnsafeCommand = "NBR015";
    public const string UnsafeFixPath = "NBR016";
    public const string BadRegex = "NBR017";
    public const string UnusedProbe = "NBR019";
    public const string UnusedParam = "NBR020";
    public const string MissingProse = "NBR021";
    public const string UnknownSeeAlso = "NBR022";
    public const string TemplateDryRun = "NBR023";
    public const string SchemaViolation = "NBR024";
    public const string BadConfig = "NBR025";
    public const string DropReasonsIgnores = "NBR070";
    public const string FixFileNotAllowed = "NBR040";
    public const string FixKeyNotAllowed = "NBR041";
    public const string FixValueNotAllowed = "NBR042";
    public const string FixThenNotAllowed = "NBR043";
    public const string UnsafeInterpolation = "NBR044";
    public const string FindingCycle = "NBR075";
    public const string FindingNotLoaded = "NBR076";
    public const string BadFindingReference = "NBR077";
    public const string FileTooLarge = "NBR050";
    public const string YamlTooDeep = "NBR051";
    public const string AliasExpansion = "NBR052";
    public const string ExpressionTooLarge = "NBR053";
    public const string TemplateTooLarge = "NBR054";
    public const string SymlinkNotFollowed = "NBR055";
    public const string ForbiddenFileSource = "NBR030";
    public const string BadToolGrammar = "NBR031";
    public const string WhereCycle = "NBR150";
    public const string NoCondition = "NBR151";
}
