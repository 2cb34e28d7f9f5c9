using Xunit;
using Zos.Image.Elf;

namespace Zos.Image.Tests;

public sealed class ElfDependencyReaderTests
{
    [Fact]
    public void A_dynamic_program_names_its_interpreter_and_libc()
    {
        // /usr/bin/true of the test machine (Debian, glibc, x86-64) is a small dynamically linked program.
        var deps = ElfDependencyReader.Read(File.ReadAllBytes("/usr/bin/true"));
        Assert.NotNull(deps);
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", deps.Interpreter);
        Assert.Contains("libc.so.6", deps.Needed);
    }

    [Fact]
    public void A_shared_library_has_needed_entries_and_no_interpreter()
    {
        var libc = File.ReadAllBytes(File.ResolveLinkTarget("/lib/x86_64-linux-gnu/libm.so.6", returnFinalTarget: true)?.FullName ?? "/lib/x86_64-linux-gnu/libm.so.6");
        var deps = ElfDependencyReader.Read(libc);
        Assert.NotNull(deps);
        Assert.Null(deps.Interpreter);
        Assert.Contains("libc.so.6", deps.Needed);
    }

    [Fact]
    public void Text_truncated_files_and_32_bit_headers_are_not_read()
    {
        Assert.Null(ElfDependencyReader.Read("#!/bin/sh\necho hi\n"u8));
        var elf = File.ReadAllBytes("/usr/bin/true");
        Assert.Null(ElfDependencyReader.Read(elf.AsSpan(0, 40)));
        var elf32 = (byte[])elf.Clone();
        elf32[4] = 1; // ELFCLASS32
        Assert.Null(ElfDependencyReader.Read(elf32));
        var cut = elf.AsSpan(0, 200).ToArray(); // program headers point past the end
        Assert.Null(ElfDependencyReader.Read(cut));
    }
}
