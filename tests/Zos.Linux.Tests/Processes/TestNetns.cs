using Zos.Testing;

namespace Zos.Linux.Tests.Processes;

/// <summary>A named network namespace for one test (lo up), deleted on dispose even when the test failed.</summary>
internal sealed class TestNetns : IDisposable
{
    private TestNetns(string name) => Name = name;

    public string Name { get; }

    public static TestNetns Create(string role)
    {
        var ns = new TestNetns(TestNames.New(role));
        Sh.Run("ip", "netns", "add", ns.Name).EnsureSuccess($"ip netns add {ns.Name}");
        Sh.Run("ip", "-n", ns.Name, "link", "set", "lo", "up").EnsureSuccess("lo up");
        return ns;
    }

    /// <summary>Runs "ip -n NS ARGS..." and throws on failure.</summary>
    public ShResult Ip(params string[] args) => Sh.Run("ip", ["-n", Name, .. args], TimeSpan.FromSeconds(30)).EnsureSuccess($"ip -n {Name} {string.Join(' ', args)}");

    /// <summary>Runs a program inside the namespace.</summary>
    public ShResult Exec(params string[] args) => Sh.Run("ip", ["netns", "exec", Name, .. args], TimeSpan.FromSeconds(30));

    /// <summary>A veth pair with one end in each namespace, both up, with optional addresses.</summary>
    public static void Veth(TestNetns a, string aName, TestNetns b, string bName)
    {
        Sh.Run("ip", "link", "add", aName, "netns", a.Name, "type", "veth", "peer", "name", bName, "netns", b.Name).EnsureSuccess("veth");
        a.Ip("link", "set", aName, "up");
        b.Ip("link", "set", bName, "up");
    }

    public void Dispose() => Sh.Run("ip", "netns", "del", Name);
}
