using Microsoft.Playwright;

namespace Zos.EndToEnd;

/// <summary>
/// The Cockpit of a running lab in Debian's chromium ($ZOS_CHROMIUM, never a downloaded browser), driven by
/// Playwright the way a farmer's browser on the host reaches it: on 127.0.0.1.
/// </summary>
internal sealed class CockpitBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _cockpit;

    private CockpitBrowser(IPlaywright playwright, IBrowser browser, Uri cockpit)
    {
        _playwright = playwright;
        _browser = browser;
        _cockpit = cockpit;
    }

    /// <summary>The chromium the tests use; the caller requires it first.</summary>
    public static string Chromium => Environment.GetEnvironmentVariable("ZOS_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static async Task<CockpitBrowser> LaunchAsync(Uri cockpit)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new CockpitBrowser(playwright, browser, cockpit);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens a farm's page and waits until its node table is drawn.</summary>
    public async Task<IPage> FarmPageAsync(uint farmId)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await page.GotoAsync(new Uri(_cockpit, $"/#/farm/{farmId}").ToString());
        await page.WaitForSelectorAsync("table#nodes");
        return page;
    }

    /// <summary>Waits until the page (which refreshes itself) shows <paramref name="nodeId"/> with this status chip.</summary>
    public static Task WaitForStatusAsync(IPage page, string nodeId, string status, TimeSpan timeout) =>
        page.Locator($"tr[data-node='{nodeId}'] [data-status='{status}']").WaitForAsync(new LocatorWaitForOptions { Timeout = (float)timeout.TotalMilliseconds });

    /// <summary>A full-page screenshot under artifacts/screenshots/ (kept by CI); returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(Repository.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
