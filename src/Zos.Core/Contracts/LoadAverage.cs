namespace Zos.Core.Contracts;

/// <summary>The run-queue load averages of /proc/loadavg over 1, 5 and 15 minutes (1.0 per busy CPU thread).</summary>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes);
