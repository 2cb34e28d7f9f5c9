using System.Buffers.Binary;
using System.Text;

namespace Zos.Image.Elf;

/// <summary>
/// Reads <see cref="ElfDependencies"/> from an ELF64 little-endian file (x86-64), the way the dynamic loader would:
/// the program headers' PT_INTERP and PT_DYNAMIC, whose DT_NEEDED entries are offsets into the DT_STRTAB string table,
/// itself a virtual address mapped to the file through the PT_LOAD segments (elf(5), System V gABI ch. 5).
/// Pure: works on bytes, never throws for a file that is not ELF (returns null).
/// </summary>
public static class ElfDependencyReader
{
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const uint PtInterp = 3;
    private const long DtNull = 0;
    private const long DtNeeded = 1;
    private const long DtStrtab = 5;

    /// <summary>True when <paramref name="bytes"/> starts with the ELF magic.</summary>
    public static bool IsElf(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x7F && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F';

    /// <summary>The file's dependencies; null when it is not a well-formed 64-bit little-endian ELF file.</summary>
    public static ElfDependencies? Read(ReadOnlySpan<byte> elf)
    {
        // e_ident: EI_CLASS (4) = ELFCLASS64 (2), EI_DATA (5) = ELFDATA2LSB (1).
        if (!IsElf(elf) || elf.Length < 64 || elf[4] != 2 || elf[5] != 1)
            return null;
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(elf[0x20..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x36..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x38..]);
        if (phentsize < 56 || phoff > (ulong)elf.Length || phoff + (ulong)phentsize * phnum > (ulong)elf.Length)
            return null;

        var loads = new List<(ulong VAddr, ulong Offset, ulong Size)>();
        (ulong Offset, ulong Size)? dynamic = null;
        string? interpreter = null;
        for (var i = 0; i < phnum; i++)
        {
            var ph = elf.Slice((int)phoff + i * phentsize, phentsize);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]);
            var vaddr = BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]);
            var filesz = BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]);
            if (offset > (ulong)elf.Length || offset + filesz > (ulong)elf.Length)
                return null;
            switch (type)
            {
                case PtLoad:
                    loads.Add((vaddr, offset, filesz));
                    break;
                case PtDynamic:
                    dynamic = (offset, filesz);
                    break;
                case PtInterp:
                    interpreter = CString(elf, offset);
                    break;
            }
        }
        if (dynamic is not { } dyn)
            return new ElfDependencies(interpreter, []);

        var neededOffsets = new List<ulong>();
        ulong? strtabAddress = null;
        for (ulong at = dyn.Offset; at + 16 <= dyn.Offset + dyn.Size; at += 16)
        {
            var tag = BinaryPrimitives.ReadInt64LittleEndian(elf[(int)at..]);
            var value = BinaryPrimitives.ReadUInt64LittleEndian(elf[(int)(at + 8)..]);
            if (tag == DtNull)
                break;
            if (tag == DtNeeded)
                neededOffsets.Add(value);
            else if (tag == DtStrtab)
                strtabAddress = value;
        }
        if (neededOffsets.Count == 0)
            return new ElfDependencies(interpreter, []);
        if (strtabAddress is not { } strtab)
            return null;
        var segment = loads.FirstOrDefault(l => strtab >= l.VAddr && strtab < l.VAddr + l.Size);
        if (segment.Size == 0)
            return null;
        var strtabOffset = strtab - segment.VAddr + segment.Offset;
        var needed = new List<string>();
        foreach (var n in neededOffsets)
        {
            if (strtabOffset + n >= (ulong)elf.Length || CString(elf, strtabOffset + n) is not { } name)
                return null;
            needed.Add(name);
        }
        return new ElfDependencies(interpreter, needed);
    }

    private static string? CString(ReadOnlySpan<byte> elf, ulong offset)
    {
        if (offset >= (ulong)elf.Length)
            return null;
        var rest = elf[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }
}
