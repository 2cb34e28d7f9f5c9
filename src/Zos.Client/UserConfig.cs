using Zos.Core.Networks;

namespace Zos.Client;

/// <summary>
/// Where the user's side keeps its secrets and settings: <c>$ZOS_CONFIG_DIR</c> or <c>~/.config/zos</c> (XDG), the
/// account key (<c>account.key</c>, 0600) and WireGuard private keys of user-access members; and which registry to
/// talk to (<c>--registry</c>, else <c>$ZOS_REGISTRY</c>).
/// </summary>
public sealed class UserConfig(string directory)
{
    public string Directory { get; } = directory;

    public string AccountKeyPath => Path.Combine(Directory, "account.key");

    public static UserConfig FromEnvironment()
    {
        var overridden = Environment.GetEnvironmentVariable("ZOS_CONFIG_DIR");
        if (!string.IsNullOrWhiteSpace(overridden))
            return new UserConfig(overridden);
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = string.IsNullOrWhiteSpace(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : xdg;
        return new UserConfig(Path.Combine(root, "zos"));
    }

    /// <summary>The registry URL from the option, else ZOS_REGISTRY; an error naming both when neither is set or the URL is not http(s).</summary>
    public static Uri RegistryUrl(string? option)
    {
        var text = !string.IsNullOrWhiteSpace(option) ? option : Environment.GetEnvironmentVariable("ZOS_REGISTRY");
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("no registry given: pass --registry URL or set ZOS_REGISTRY (e.g. http://127.0.0.1:8080)");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"the registry URL '{text}' is not an http(s) URL");
        return uri;
    }

    /// <summary>The account identity, created on first use; a key file others can read is refused (<see cref="InsecureKeyFileException"/>).</summary>
    public Ed25519Identity AccountIdentity()
    {
        KeyFileMode.ThrowIfReadableByOthers(AccountKeyPath);
        return Ed25519Identity.LoadOrCreate(AccountKeyPath);
    }

    /// <summary>Where a user-access member's WireGuard private key is kept.</summary>
    public string WireGuardKeyPath(string netId, string member) => Path.Combine(Directory, $"wg-{netId}-{member}.key");

    /// <summary>The private key kept for a user-access member by an earlier join, or null when there is none (or it is not a key).</summary>
    public WireGuardKey? LoadWireGuardKey(string netId, string member)
    {
        var path = WireGuardKeyPath(netId, member);
        return File.Exists(path) && WireGuardKey.TryFromBase64(File.ReadAllText(path).Trim(), out var key) ? key : null;
    }

    /// <summary>Stores a WireGuard private key for a user-access member (0600) and returns its path.</summary>
    public string SaveWireGuardKey(string netId, string member, WireGuardKey privateKey)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = WireGuardKeyPath(netId, member);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(privateKey.ToBase64() + "\n");
        return path;
    }

    /// <summary>A client for <paramref name="registry"/> signing with the account key.</summary>
    public RegistryClient Client(Uri registry, bool signed = true) =>
        new(new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(100) },
            signed ? new RequestSigner(AccountIdentity(), TimeProvider.System) : null);
}
