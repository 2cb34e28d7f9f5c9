using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Zos.Registry.Cockpit;

/// <summary>Serves the Cockpit (static HTML, JS and CSS embedded in this assembly; no build step) at / and /cockpit/*.</summary>
public static class CockpitEndpoints
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>
    /// Base64 SHA-256 of each inline script of index.html, for the Content-Security-Policy (CSP3 hash-source): the
    /// page's early fetch stays inline (it must start before the stylesheet loads) without allowing inline scripts.
    /// </summary>
    public static IReadOnlyList<string> InlineScriptHashes { get; } = HashInlineScripts();

    public static void MapCockpit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGet("/cockpit/{file}", (string file) => Serve(file)).ExcludeFromDescription();
    }

    private static string[] HashInlineScripts()
    {
        using var stream = typeof(CockpitEndpoints).Assembly.GetManifestResourceStream("Zos.Registry.Cockpit.wwwroot.index.html")
            ?? throw new InvalidOperationException("index.html is not embedded in Zos.Registry");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var hashes = new List<string>();
        const string Open = "<script>", Close = "</script>";
        for (var at = html.IndexOf(Open, StringComparison.Ordinal); at >= 0; at = html.IndexOf(Open, at, StringComparison.Ordinal))
        {
            var start = at + Open.Length;
            var end = html.IndexOf(Close, start, StringComparison.Ordinal);
            if (end < 0)
                break;
            // The hash covers the script's text exactly as between the tags (CSP3 §8.4), as UTF-8.
            hashes.Add(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end]))));
            at = end + Close.Length;
        }
        return [.. hashes];
    }

    private static IResult Serve(string file)
    {
        var assembly = typeof(CockpitEndpoints).Assembly;
        var name = $"Zos.Registry.Cockpit.wwwroot.{file}";
        var ext = Path.GetExtension(file);
        if (!s_types.TryGetValue(ext, out var type) || assembly.GetManifestResourceStream(name) is not { } stream)
            return Results.NotFound();
        return Results.Stream(stream, type);
    }
}
