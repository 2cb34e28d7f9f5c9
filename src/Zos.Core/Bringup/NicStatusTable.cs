using System.Text;

namespace Zos.Core.Bringup;

/// <summary>Renders <see cref="NicStatusRow"/>s as a fixed-width text table for the console.</summary>
public static class NicStatusTable
{
    private static readonly string[] s_headers = ["NIC", "MAC", "CARRIER", "DHCP OFFER", "GATEWAY", "IPV6", "CHOSEN", "WHY NOT", "WAITED"];

    public static string Render(IReadOnlyList<NicStatusRow> rows)
    {
        var cells = rows.Select(r => new[]
        {
            r.Nic,
            r.Mac,
            r.Carrier ? "yes" : "no",
            r.DhcpOffer ?? "-",
            r.Gateway ?? "-",
            r.Ipv6 ?? "-",
            r.Chosen ? "*" : "",
            r.WhyNot ?? "",
            r.Wait ?? "",
        }).ToList();
        var widths = s_headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var sb = new StringBuilder();
        AppendLine(sb, s_headers, widths);
        foreach (var c in cells)
            AppendLine(sb, c, widths);
        if (cells.Count == 0)
            sb.Append("(no NIC found)\n");
        return sb.ToString();
    }

    private static void AppendLine(StringBuilder sb, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append("  ");
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
