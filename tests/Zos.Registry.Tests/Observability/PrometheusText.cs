using System.Globalization;

namespace Zos.Registry.Tests.Observability;

/// <summary>Reads one sample out of a Prometheus text exposition (what a scraper would see).</summary>
internal static class PrometheusText
{
    /// <summary>The value of the sample written exactly as <paramref name="series"/> (name and labels), or null when absent.</summary>
    public static double? Sample(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return double.Parse(line.AsSpan(series.Length + 1).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return null;
    }
}
