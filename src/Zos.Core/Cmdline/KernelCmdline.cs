using System.Text;

namespace Zos.Core.Cmdline;

/// <summary>
/// A kernel command line split the way Zero-OS does it (zos-networking.md §1.2, pkg/kernel with google/shlex):
/// whitespace separates words, '...' is literal, a backslash escapes the next character outside quotes and inside
/// "...", and each word is split on its first '='. A key may repeat and the last value wins; a key without '=' is
/// present with no value. Unlike shlex, '#' is an ordinary character (kernel parameters have no comments).
/// </summary>
public sealed class KernelCmdline
{
    private readonly List<KeyValuePair<string, string?>> _entries;

    private KernelCmdline(List<KeyValuePair<string, string?>> entries) => _entries = entries;

    /// <summary>Every key in order of appearance, with its value (null when the word had no '=').</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Entries => _entries;

    public static KernelCmdline Empty { get; } = new([]);

    /// <summary>
    /// Splits <paramref name="text"/>. On a quoting error (an unterminated quote, a trailing backslash) the error is
    /// returned and the line is split on whitespace alone, quotes kept, so no parameter is lost.
    /// </summary>
    public static KernelCmdline Parse(string text, out string? error)
    {
        var words = SplitWords(text, out error) ?? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var entries = new List<KeyValuePair<string, string?>>(words.Count);
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            entries.Add(eq < 0 ? new(word, null) : new(word[..eq], word[(eq + 1)..]));
        }
        return new KernelCmdline(entries);
    }

    public bool Has(string key) => _entries.Any(e => e.Key == key);

    /// <summary>The last value given for <paramref name="key"/>; null when absent or given without '='.</summary>
    public string? Last(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == key)
                return _entries[i].Value;
        }
        return null;
    }

    /// <summary>All values of <paramref name="key"/> in order (repeatable keys such as substrate=).</summary>
    public IReadOnlyList<string> All(string key) =>
        [.. _entries.Where(e => e.Key == key && e.Value is not null).Select(e => e.Value!)];

    private static List<string>? SplitWords(string text, out string? error)
    {
        error = null;
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        error = "kernel command line ends with a backslash that escapes nothing";
                        return null;
                    }
                    current.Append(text[++i]);
                    break;
                case '\'':
                {
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        error = $"kernel command line has an unterminated single quote at position {i}";
                        return null;
                    }
                    current.Append(text, i + 1, end - i - 1);
                    i = end;
                    break;
                }
                case '"':
                {
                    var start = i;
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        // shlex (google/shlex, which Zero-OS uses): inside "...", a backslash escapes any character.
                        if (text[i] == '\\' && i + 1 < text.Length)
                            i++;
                        current.Append(text[i]);
                        i++;
                    }
                    if (i >= text.Length)
                    {
                        error = $"kernel command line has an unterminated double quote at position {start}";
                        return null;
                    }
                    break;
                }
                default:
                    current.Append(c);
                    break;
            }
        }
        if (inWord)
            words.Add(current.ToString());
        return words;
    }
}
