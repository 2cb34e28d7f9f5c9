namespace Zos.Registry.Api;

/// <summary>
/// Keeps the texts of a problem answer short whatever a client sent: an error message that quotes a 10 MB value is cut
/// in its middle (its start names the value, its end says what is wrong), so every 4xx/5xx stays a few KB.
/// </summary>
public static class ProblemText
{
    /// <summary>Longest detail of an answer.</summary>
    public const int MaxDetail = 1024;

    /// <summary>Longest single field message.</summary>
    public const int MaxMessage = 300;

    /// <summary>Longest field path.</summary>
    public const int MaxField = 128;

    /// <summary>Fields listed in one answer; the rest are counted in the detail.</summary>
    public const int MaxFields = 16;

    /// <summary>Messages listed per field.</summary>
    public const int MaxMessagesPerField = 4;

    /// <summary><paramref name="text"/> itself when short enough, else its start and end around " … ".</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
            return text;
        const string Gap = " … ";
        var keep = max - Gap.Length;
        var head = (keep * 2) / 3;
        var tail = keep - head;
        // Never half a surrogate pair at either cut.
        if (char.IsHighSurrogate(text[head - 1]))
            head--;
        if (char.IsLowSurrogate(text[text.Length - tail]))
            tail--;
        return string.Concat(text.AsSpan(0, head), Gap, text.AsSpan(text.Length - tail));
    }
}
