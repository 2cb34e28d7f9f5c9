namespace Zos.Image.Elf;

/// <summary>What a dynamically linked ELF file needs at load time: its interpreter and its DT_NEEDED libraries.</summary>
/// <param name="Interpreter">PT_INTERP (e.g. /lib64/ld-linux-x86-64.so.2), null for a static program or a library.</param>
/// <param name="Needed">The DT_NEEDED sonames in file order; empty for a static program.</param>
public sealed record ElfDependencies(string? Interpreter, IReadOnlyList<string> Needed)
{
    public static ElfDependencies None { get; } = new(null, []);
}
