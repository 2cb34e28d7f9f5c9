namespace Zos.Image.Modules;

/// <summary>
/// Resolves a <see cref="ModuleSelection"/> against a kernel's module tree, using the files depmod writes:
/// <c>modules.dep</c> ("path: dep-path dep-path ...") and <c>modules.softdep</c> ("softdep NAME pre: A B post: C"),
/// and <c>modules.builtin</c> (paths of modules compiled into the kernel). Pure: takes the files' text.
/// Soft dependencies are followed too (e.g. ext4 wants crc32c before it loads), because modprobe loads them and a
/// missing one fails at boot, not at build.
/// </summary>
public static class ModuleDependencyResolver
{
    public static ModuleClosure Resolve(ModuleSelection selection, string modulesDep, string modulesSoftdep, string modulesBuiltin)
    {
        var dependsOn = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var pathByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(modulesDep))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var path = line[..colon].Trim();
            dependsOn[path] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            pathByName[ModuleName.FromPath(path)] = path;
        }
        var softByName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in Lines(modulesSoftdep))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3 || words[0] != "softdep")
                continue;
            var list = softByName.TryGetValue(ModuleName.Normalize(words[1]), out var l) ? l : softByName[ModuleName.Normalize(words[1])] = [];
            list.AddRange(words.Skip(2).Where(w => w is not ("pre:" or "post:")).Select(ModuleName.Normalize));
        }
        var builtin = Lines(modulesBuiltin).Select(ModuleName.FromPath).ToHashSet(StringComparer.Ordinal);

        var roots = new List<string>();
        var missing = new List<string>();
        foreach (var name in selection.Names.Select(ModuleName.Normalize))
        {
            if (pathByName.TryGetValue(name, out var path))
                roots.Add(path);
            else if (!builtin.Contains(name))
                missing.Add(name);
        }
        foreach (var directory in selection.Directories)
        {
            var prefix = directory.TrimEnd('/') + "/";
            roots.AddRange(dependsOn.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)
                && (selection.NamePrefixes.Count == 0 || selection.NamePrefixes.Any(np => ModuleName.FromPath(p).StartsWith(ModuleName.Normalize(np), StringComparison.Ordinal)))));
        }

        var taken = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var path))
        {
            if (!taken.Add(path))
                continue;
            foreach (var dep in dependsOn.GetValueOrDefault(path) ?? [])
                pending.Push(dep);
            foreach (var soft in softByName.GetValueOrDefault(ModuleName.FromPath(path)) ?? [])
            {
                if (pathByName.TryGetValue(soft, out var softPath))
                    pending.Push(softPath);
            }
        }
        return new ModuleClosure(taken.ToList(), missing);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
