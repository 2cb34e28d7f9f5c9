using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Zos.Registry.Cockpit;

namespace Zos.Registry.Api;

/// <summary>
/// The headers every answer carries, Cockpit page or API JSON: a Content-Security-Policy that lets the page load only
/// its own script, stylesheet and API (plus index.html's one inline script, by its hash), never be framed, post a
/// form or change its base; <c>X-Content-Type-Options: nosniff</c> so a JSON answer is never run as a script;
/// <c>X-Frame-Options: DENY</c> for browsers without frame-ancestors; <c>Referrer-Policy: no-referrer</c> so node and
/// farm ids in Cockpit URLs do not leak to links.
/// </summary>
public static class SecurityHeaders
{
    public static readonly StringValues ContentSecurityPolicy = new(
        "default-src 'none'; " +
        $"script-src 'self' {string.Join(' ', CockpitEndpoints.InlineScriptHashes.Select(h => $"'sha256-{h}'"))}; " +
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");

    private static readonly StringValues s_nosniff = new("nosniff");
    private static readonly StringValues s_deny = new("DENY");
    private static readonly StringValues s_noReferrer = new("no-referrer");

    public static void Apply(HttpResponse response)
    {
        var h = response.Headers;
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h.XContentTypeOptions = s_nosniff;
        h.XFrameOptions = s_deny;
        h["Referrer-Policy"] = s_noReferrer;
    }
}
