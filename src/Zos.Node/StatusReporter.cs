using System.Text.Json;
using System.Text.Json.Serialization;
using Zos.Core.Bringup;

namespace Zos.Node;

/// <summary>
/// Keeps the node's <see cref="BringupStatus"/>, writes it atomically (temp file + rename) as JSON into the state
/// directory after every change, and prints the human form to the console after every bring-up attempt.
/// </summary>
public sealed class StatusReporter(string statusFile, TextWriter console, TimeProvider time)
{
    public static JsonSerializerOptions Json => BringupStatusJson.Options;

    private readonly Lock _lock = new();
    private BringupStatus _current = new() { UpdatedAt = time.GetUtcNow() };

    public BringupStatus Current
    {
        get
        {
            lock (_lock)
                return _current;
        }
    }

    /// <summary>Applies <paramref name="change"/>, saves the file, and prints when <paramref name="print"/>.</summary>
    public BringupStatus Update(Func<BringupStatus, BringupStatus> change, bool print = false)
    {
        BringupStatus next;
        lock (_lock)
        {
            next = change(_current) with { UpdatedAt = time.GetUtcNow() };
            _current = next;
            Save(next);
            if (print)
            {
                console.Write(BringupStatusText.Render(next));
                console.Flush();
            }
        }
        return next;
    }

    /// <summary>Prints one line to the console (progress between tables).</summary>
    public void Say(string line)
    {
        lock (_lock)
        {
            console.WriteLine($"{time.GetUtcNow():HH:mm:ss.fff} {line}");
            console.Flush();
        }
    }

    private void Save(BringupStatus status)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(statusFile))!;
            Directory.CreateDirectory(dir);
            var temp = Path.Combine(dir, $".{Path.GetFileName(statusFile)}.tmp");
            File.WriteAllText(temp, BringupStatusJson.Serialize(status));
            File.Move(temp, statusFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The console still shows the status; a read-only state directory must not stop bring-up.
            console.WriteLine($"cannot write the status file {statusFile}: {e.Message}");
        }
    }

    /// <summary>Reads a status file written by a running (or dead) daemon; the error names the file.</summary>
    public static BringupStatus Read(string statusFile)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(statusFile), BringupStatusJson.TypeInfo)
                   ?? throw new InvalidDataException($"the status file {statusFile} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the status file {statusFile} is not valid: {e.Message}", e);
        }
    }
}
