using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>
/// Where an extended playbook's parts came from: the chain of bases it extends (nearest first) and, per part
/// (<c>title</c>, <c>params.NAME</c>, <c>when: CONDITION</c>, <c>fix PATH</c>, ...), the place its text was read.
/// </summary>
internal sealed record PlaybookOrigin(IReadOnlyList<PlaybookBase> Bases, IReadOnlyList<PartOrigin> Parts);

/// <summary>One base an extended playbook builds on: its id and the file it was read from.</summary>
internal sealed record PlaybookBase(string Id, string File);

/// <summary>One part of an extended playbook and where its text stands; <see cref="Changed"/> when the extending file set or merged it.</summary>
internal sealed record PartOrigin(string Part, SourcePosition At, bool Changed);
