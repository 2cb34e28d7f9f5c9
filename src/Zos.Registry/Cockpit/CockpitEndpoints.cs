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

    public static void MapCockpit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGet("/cockpit/{file}", (string file) => Serve(file)).ExcludeFromDescription();
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
