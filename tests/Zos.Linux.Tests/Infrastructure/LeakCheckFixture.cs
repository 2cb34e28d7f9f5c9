using System.Text.Json;
using Zos.Linux.Namespaces;
using Zos.Testing;

namespace Zos.Linux.Tests.Infrastructure;

/// <summary>
/// Assembly-wide fixture: warms the runtime threads up in the root namespace before any test enters another one,
/// records the test-named ("zt*") namespaces and root links present before the run, and at the end fails loudly,
/// naming every "zt*" namespace or root link this run left behind (names issued by <see cref="TestNames"/> in this
/// process; other processes' concurrent "zt*" objects are not ours to judge).
/// </summary>
public sealed class LeakCheckFixture : IDisposable
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);
    private readonly HashSet<string> _before;

    public LeakCheckFixture()
    {
        RuntimeThreadWarmup.EnsureStarted();
        _before = Snapshot();
    }

    public void Dispose()
    {
        if (!Require.IsRoot)
            return;
        // Names that are new since the start and carry an id this process issued (TestNames.IssuedHere): other
        // test processes on this host hold "zt*" objects of their own at the same time. Deletion of a namespace's
        // links is asynchronous in the kernel, so allow a short grace period.
        var leftovers = Snapshot();
        leftovers.ExceptWith(_before);
        leftovers.RemoveWhere(entry => !TestNames.IssuedHere(entry[(entry.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        var deadline = DateTime.UtcNow + s_grace;
        while (leftovers.Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
            leftovers.IntersectWith(Snapshot());
        }
        if (leftovers.Count > 0)
            throw new InvalidOperationException($"LEAK: the test run left behind {string.Join(", ", leftovers.Order(StringComparer.Ordinal))}");
    }

    /// <summary>"netns NAME" and "link NAME" entries whose names start with the test prefix.</summary>
    public static HashSet<string> Snapshot()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!Require.IsRoot)
            return result;
        foreach (var ns in NetworkNamespace.List())
        {
            if (ns.StartsWith(TestNames.Prefix, StringComparison.Ordinal))
                result.Add($"netns {ns}");
        }
        var links = Sh.Run("ip", "-j", "link", "show");
        if (links.ExitCode == 0)
        {
            using var doc = JsonDocument.Parse(links.StdOut);
            foreach (var link in doc.RootElement.EnumerateArray())
            {
                var name = link.GetProperty("ifname").GetString() ?? "";
                if (name.StartsWith(TestNames.Prefix, StringComparison.Ordinal))
                    result.Add($"link {name}");
            }
        }
        return result;
    }
}
