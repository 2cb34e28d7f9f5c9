using Zos.Core.Contracts;

namespace Zos.Client;

/// <summary>The answer of a desired-state long-poll: the new document, or <see cref="Changed"/> false when the known version still holds.</summary>
public sealed record DesiredStatePoll(bool Changed, DesiredState? State);
