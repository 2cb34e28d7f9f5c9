using System.Net;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>
/// Writes the lease's name servers to /etc/resolv.conf (atomically: temporary file, then rename) when
/// <see cref="ResolvConf.MayReplace"/> allows it. glibc notices the new file by itself (it checks resolv.conf's
/// modification time before lookups since 2.26). A write that fails is reported once and never stops the lease.
/// </summary>
public sealed class ResolvConfFile(string path, Action<string> say) : INameServers
{
    public const string DefaultPath = "/etc/resolv.conf";

    private bool _refusalSaid;

    public void Apply(IReadOnlyList<IPAddress> servers)
    {
        if (servers.Count == 0)
            return;
        try
        {
            var existing = File.Exists(path) ? File.ReadAllText(path) : null;
            if (!ResolvConf.MayReplace(existing))
            {
                if (!_refusalSaid)
                    say($"{path} was not written by zos: left as it is (the lease's name servers {string.Join(" ", servers)} are not used)");
                _refusalSaid = true;
                return;
            }
            var text = ResolvConf.Render(servers);
            if (existing == text)
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".zos-tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
            say($"name servers {string.Join(" ", servers.Distinct().Take(ResolvConf.MaxNameServers))} written to {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            say($"cannot write {path}: {e.Message}; names (such as a default registry) may not resolve");
        }
    }
}
