using System.Text;

namespace Zos.Packaging.Tests;

/// <summary>
/// The parts of a systemd service unit that decide how its program runs (ExecStart, the environment, the user, the
/// directories systemd makes, the capabilities), read from the installed file, so a test runs the service exactly as
/// systemd would, without systemd.
/// </summary>
internal sealed class SystemdUnit
{
    private readonly Dictionary<string, List<string>> _service;

    private SystemdUnit(string path, Dictionary<string, List<string>> service)
    {
        Path = path;
        _service = service;
    }

    public string Path { get; }

    public string User => Single("User");

    public string Group => Single("Group");

    public string ExecStart => Single("ExecStart");

    public IReadOnlyList<string> EnvironmentFiles => All("EnvironmentFile");

    /// <summary><c>Environment=</c> assignments (one per line in our units).</summary>
    public IReadOnlyDictionary<string, string> Environment => All("Environment").Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public IReadOnlyList<string> StateDirectories => All("StateDirectory").SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public IReadOnlyList<string> CacheDirectories => All("CacheDirectory").SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>AmbientCapabilities as setpriv names them: <c>CAP_NET_BIND_SERVICE</c> → <c>net_bind_service</c>.</summary>
    public IReadOnlyList<string> AmbientCapabilities => All("AmbientCapabilities")
        .SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c[4..].ToLowerInvariant() : c.ToLowerInvariant())
        .ToList();

    public string? Value(string key) => _service.TryGetValue(key, out var v) ? v[^1] : null;

    public static SystemdUnit Load(string path)
    {
        var service = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? section = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                section = line;
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (section != "[Service]" || eq < 0)
                continue;
            var key = line[..eq].Trim();
            if (!service.TryGetValue(key, out var values))
                service[key] = values = [];
            values.Add(line[(eq + 1)..].Trim());
        }
        return new SystemdUnit(path, service);
    }

    /// <summary>Reads an EnvironmentFile as systemd does for ours: KEY=VALUE lines, comments and blank lines skipped.</summary>
    public static Dictionary<string, string> ReadEnvironmentFile(string path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                variables[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return variables;
    }

    /// <summary>
    /// ExecStart as systemd runs it (systemd.service(5), "Command lines"): <c>${VAR}</c> becomes one word, a word that
    /// is exactly <c>$VAR</c> is split at whitespace into zero or more words.
    /// </summary>
    public static IReadOnlyList<string> ExpandCommandLine(string execStart, IReadOnlyDictionary<string, string> environment)
    {
        var words = new List<string>();
        foreach (var word in execStart.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > 1 && word[0] == '$' && word[1] != '{')
            {
                words.AddRange(environment.GetValueOrDefault(word[1..], "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            var expanded = new StringBuilder();
            for (var i = 0; i < word.Length; i++)
            {
                var end = word[i] == '$' && i + 1 < word.Length && word[i + 1] == '{' ? word.IndexOf('}', i) : -1;
                if (end < 0)
                {
                    expanded.Append(word[i]);
                    continue;
                }
                expanded.Append(environment.GetValueOrDefault(word[(i + 2)..end], ""));
                i = end;
            }
            words.Add(expanded.ToString());
        }
        return words;
    }

    private string Single(string key) => Value(key) ?? throw new InvalidOperationException($"{Path} has no {key}=");

    private IReadOnlyList<string> All(string key) => _service.TryGetValue(key, out var v) ? v : [];
}
