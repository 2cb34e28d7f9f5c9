namespace Zos.Image.Build;

/// <summary>The firmware an image holds (names under usr/lib/firmware) and what its modules named that no package had ("module: file").</summary>
public sealed record FirmwareResult(IReadOnlyList<string> Files, IReadOnlyList<string> NotFound);
